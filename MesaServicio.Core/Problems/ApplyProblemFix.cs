using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Problems;

/// <summary>Applies a linked problem's workaround (or its permanent solution) to one incident.</summary>
public sealed record ApplyProblemFixCommand(string CaseNumber, int? ExpectedVersion, string ProblemNumber, bool Permanent);

/// <summary>
/// In one action, the incident's assignee (or whoever may resolve it) resolves it with the problem's workaround or solution:
/// the incident records its own solution (which names the problem), attended or resumed first if it must be, and the
/// problem's history says it was applied. The requester gets the solution and the survey as with any resolution.
/// </summary>
public sealed class ApplyProblemFix(CaseCommandRunner runner)
{
    public Task<CaseChangeResult> HandleAsync(ApplyProblemFixCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(user);
        var problemNumber = (command.ProblemNumber ?? "").Trim().ToUpperInvariant();
        return runner.ExecuteAsync(command.CaseNumber, command.ExpectedVersion, user, CaseOperationKind.Resolve, async (c, ctx, db) =>
        {
            var problem = await db.Problems.SingleOrDefaultAsync(p => p.Number == problemNumber, cancellationToken).ConfigureAwait(false);
            var linked = problem is not null && await db.ProblemIncidents
                .AnyAsync(i => i.ProblemId == problem.Id && i.CaseId == c.Id && i.UnlinkedAt == null, cancellationToken).ConfigureAwait(false);
            if (problem is null || !linked)
            {
                throw new DomainException(ProblemRules.IncidentNotLinked, problemNumber);
            }

            var label = DomainMessages.Get(command.Permanent ? "Problem.Fix.Solution" : "Problem.Fix.Workaround");
            var text = (command.Permanent ? problem.Solution : problem.Workaround)
                ?? throw new DomainException(ProblemRules.NoFixToApply, problem.Number, label);
            c.ApplyProblemFix(DomainMessages.Get("Problem.FixApplied", label, problem.Number, problem.Title, text), ctx);
            problem.RecordFixApplied(c.Id, c.Number, command.Permanent, user.PersonId, ctx.Now);
            db.ProblemHistory.Add(problem.History[^1]);
        }, cancellationToken);
    }
}
