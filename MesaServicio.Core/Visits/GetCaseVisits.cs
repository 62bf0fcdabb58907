using MesaServicio.Core.Cases;
using MesaServicio.Core.People;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Visits;

/// <summary>A person who may go to a visit.</summary>
public sealed record VisitStaffOption(Guid Id, string Name);

/// <summary>One site visit as the case page shows it (times UTC; <c>BusinessTime</c> once done).</summary>
public sealed record SiteVisitRow(
    Guid Id,
    SiteVisitStatus Status,
    string Dependency,
    DateTimeOffset ScheduledAt,
    IReadOnlyList<string> Staff,
    string Purpose,
    string? Preparation,
    int RescheduleCount,
    string? CancelReason,
    IReadOnlyList<string> Attendees,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    TimeSpan? BusinessTime,
    string? Findings,
    IReadOnlyList<Guid> StaffIds);

/// <summary>A case's visits, and what a form needs: the requester's dependencia and the staff who may go.</summary>
public sealed record CaseVisits(
    IReadOnlyList<SiteVisitRow> Visits, string? RequesterDependency, bool CanManage, IReadOnlyList<VisitStaffOption> StaffOptions);

/// <summary>Reads a case's site visits for whoever may view the case; the forms' options only for who may manage them.</summary>
public sealed class GetCaseVisits(IDbContextFactory<MesaDbContext> contextFactory, CaseGuard guard)
{
    private const PersonRoles StaffRoles = PersonRoles.Agent | PersonRoles.TechnicalLead | PersonRoles.Coordinator;

    /// <summary>Most staff options offered (the desk is a few dozen people).</summary>
    private const int MaxOptions = 300;

    public async Task<CaseVisits> HandleAsync(string number, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var normalized = (number ?? "").Trim().ToUpperInvariant();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var c = await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.Number == normalized, cancellationToken).ConfigureAwait(false)
            ?? throw CaseGuard.CaseNotFound(normalized);
        var scope = await AccessScopes.LoadAsync(db, user, cancellationToken).ConfigureAwait(false);
        var facts = await CaseGuard.FactsAsync(db, c.RequesterId, c.FiledById, c.AssigneeId, c.AssignedGroupId, c.CategoryId, cancellationToken)
            .ConfigureAwait(false);
        guard.Demand(user, scope, facts, c.Number, CaseOperationKind.View);
        var canManage = c.Status != CaseStatus.Closed && CaseAccess.Decide(user, scope, facts, CaseOperationKind.Visit) == AccessDecision.Allowed;

        var visits = await db.SiteVisits.AsNoTracking().Where(v => v.CaseId == c.Id).OrderBy(v => v.PlannedAt).ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        var ids = visits.SelectMany(v => v.StaffIds.Concat(v.AttendeeIds)).Distinct().ToList();
        var names = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken)
            .ConfigureAwait(false);
        var dependency = await db.People.AsNoTracking().Where(p => p.Id == c.RequesterId).Select(p => p.Dependency).SingleOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        IReadOnlyList<VisitStaffOption> options = canManage
            ? await db.People.AsNoTracking().Where(p => p.IsActive && (p.Roles & StaffRoles) != PersonRoles.None)
                .OrderBy(p => p.DisplayName).Take(MaxOptions).Select(p => new VisitStaffOption(p.Id, p.DisplayName))
                .ToListAsync(cancellationToken).ConfigureAwait(false)
            : [];

        List<string> Names(IEnumerable<Guid> people) => [.. people.Select(id => names.GetValueOrDefault(id) ?? "—")];
        var rows = visits.Select(v => new SiteVisitRow(
            v.Id, v.Status, v.Dependency, v.ScheduledAt, Names(v.StaffIds), v.Purpose, v.Preparation, v.RescheduleCount, v.CancelReason,
            Names(v.AttendeeIds), v.StartedAt, v.EndedAt, v.BusinessTime, v.Findings, v.StaffIds)).ToList();
        return new CaseVisits(rows, dependency, canManage, options);
    }
}
