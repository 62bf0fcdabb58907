using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Cases;

/// <summary>A person an escalation may go to.</summary>
public sealed record EscalationCandidate(Guid PersonId, string Name, string GroupName);

/// <summary>A category whose technical lead may receive an escalation.</summary>
public sealed record LeadTarget(int CategoryId, string CategoryName, Guid LeadId, string LeadName);

/// <summary>Where a case may be escalated from where it stands.</summary>
public sealed record EscalationTargets(int CurrentLevel, int? NextLevel, IReadOnlyList<EscalationCandidate> NextLevelTechnicians, IReadOnlyList<LeadTarget> Leads);

/// <summary>Lists who may receive an escalation of a case (for the escalation dialog); the use case checks again.</summary>
public sealed class GetEscalationTargets(IDbContextFactory<MesaDbContext> contextFactory, CaseGuard guard)
{
    public async Task<EscalationTargets> HandleAsync(string number, CurrentUser user, CancellationToken cancellationToken)
    {
        var normalized = (number ?? "").Trim().ToUpperInvariant();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var c = await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.Number == normalized, cancellationToken).ConfigureAwait(false)
            ?? throw CaseGuard.CaseNotFound(normalized);
        await guard.DemandAsync(db, user, c, CaseOperationKind.Escalate, cancellationToken).ConfigureAwait(false);

        int? nextLevel = c.Level < Case.MaxLevel ? c.Level + 1 : null;
        var technicians = new List<EscalationCandidate>();
        if (nextLevel is { } level)
        {
            technicians = await (
                from g in db.TechnicianGroups
                where g.IsActive && g.Level == level
                from m in g.Members
                join p in db.People on m.PersonId equals p.Id
                where p.IsActive && p.Id != c.AssigneeId
                orderby p.DisplayName
                select new EscalationCandidate(p.Id, p.DisplayName, g.Name)).ToListAsync(cancellationToken).ConfigureAwait(false);
            technicians = technicians.DistinctBy(t => t.PersonId).ToList();
        }

        // "Another category": not the case's own category nor one of its ancestors.
        var own = (await Catalog.CategoryPath.LoadAsync(db, c.CategoryId, cancellationToken).ConfigureAwait(false)).Select(x => x.Id).ToList();
        var leads = await (
            from cat in db.Categories
            where cat.IsActive && cat.TechnicalLeadId != null && !own.Contains(cat.Id)
            join p in db.People on cat.TechnicalLeadId equals p.Id
            where p.IsActive && p.Id != c.AssigneeId
            orderby cat.SortOrder, cat.Name
            select new LeadTarget(cat.Id, cat.Name, p.Id, p.DisplayName)).ToListAsync(cancellationToken).ConfigureAwait(false);

        return new EscalationTargets(c.Level, nextLevel, technicians, leads);
    }
}
