using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Cases;

/// <summary>A technician a case may be given to, with the group they would work it from.</summary>
public sealed record AssignmentCandidate(Guid PersonId, string Name, int GroupId, string GroupName, bool InCaseGroup);

/// <summary>
/// Who a lead or the coordinator may give a case to (the "Asignar"/"Reasignar" dialog): active members of active groups, the
/// case's own group first, its current assignee left out. <see cref="AssignCase"/> checks again.
/// </summary>
public sealed class GetAssignmentTargets(IDbContextFactory<MesaDbContext> contextFactory, CaseGuard guard)
{
    public async Task<IReadOnlyList<AssignmentCandidate>> HandleAsync(string number, CurrentUser user, CancellationToken cancellationToken)
    {
        var normalized = (number ?? "").Trim().ToUpperInvariant();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var c = await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.Number == normalized, cancellationToken).ConfigureAwait(false)
            ?? throw CaseGuard.CaseNotFound(normalized);
        await guard.DemandAsync(db, user, c, CaseOperationKind.Assign, cancellationToken).ConfigureAwait(false);
        var candidates = await (
            from g in db.TechnicianGroups
            where g.IsActive
            from m in g.Members
            join p in db.People on m.PersonId equals p.Id
            where p.IsActive && p.Id != c.AssigneeId
            select new { p.Id, p.DisplayName, GroupId = g.Id, GroupName = g.Name, g.Level }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return candidates
            .Select(x => new AssignmentCandidate(x.Id, x.DisplayName, x.GroupId, x.GroupName, x.GroupId == c.AssignedGroupId))
            .OrderByDescending(x => x.InCaseGroup).ThenBy(x => x.GroupName, StringComparer.CurrentCulture).ThenBy(x => x.Name, StringComparer.CurrentCulture)
            .ToList();
    }
}
