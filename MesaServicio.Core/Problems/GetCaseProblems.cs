using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Problems;

/// <summary>A problem a case is linked to, as the case page shows it to staff, with what the viewer may apply to the case.</summary>
public sealed record CaseProblem(string Number, string Title, ProblemStatus Status, string? Workaround, string? Solution, bool CanApply);

/// <summary>
/// The problems a case is part of, for the staff who work it (requesters hear of problems only through the conversation).
/// <see cref="CaseProblem.CanApply"/>: the viewer may resolve the case, it is open and not waiting to be assigned, and the
/// problem has a workaround or a solution.
/// </summary>
public sealed class GetCaseProblems(IDbContextFactory<MesaDbContext> contextFactory, CaseGuard guard)
{
    private static readonly CaseStatus[] Applicable =
        [CaseStatus.Assigned, CaseStatus.InAnalysis, CaseStatus.InProgress, CaseStatus.Escalated, CaseStatus.WaitingOnRequester];

    public async Task<IReadOnlyList<CaseProblem>> HandleAsync(string caseNumber, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsStaff && !user.IsJefe)
        {
            return [];
        }

        var key = (caseNumber ?? "").Trim().ToUpperInvariant();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var c = await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.Number == key, cancellationToken).ConfigureAwait(false)
            ?? throw CaseGuard.CaseNotFound(key);
        var scope = await guard.DemandAsync(db, user, c, CaseOperationKind.View, cancellationToken).ConfigureAwait(false);
        var facts = await CaseGuard.FactsAsync(db, c.RequesterId, c.FiledById, c.AssigneeId, c.AssignedGroupId, c.CategoryId, cancellationToken)
            .ConfigureAwait(false);
        var resolves = CaseAccess.Decide(user, scope, facts, CaseOperationKind.Resolve) == AccessDecision.Allowed && Applicable.Contains(c.Status);
        var problems = await (
                from i in db.ProblemIncidents.AsNoTracking()
                where i.CaseId == c.Id && i.UnlinkedAt == null
                join p in db.Problems.AsNoTracking() on i.ProblemId equals p.Id
                orderby p.CreatedAt
                select new { p.Number, p.Title, p.Status, p.Workaround, p.Solution })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. problems.Select(p => new CaseProblem(p.Number, p.Title, p.Status, p.Workaround, p.Solution,
            resolves && (p.Workaround is not null || p.Solution is not null)))];
    }
}
