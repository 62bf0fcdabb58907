using MesaServicio.Core.Cases;
using MesaServicio.Core.Security;

namespace MesaServicio.Core.Visits;

/// <summary>Plans a site visit to a dependencia; <c>LocalStart</c> is Bogotá time (the entity's calendar).</summary>
public sealed record PlanSiteVisitCommand(
    string Number, int? ExpectedVersion, string Dependency, DateTime LocalStart, IReadOnlyList<Guid> StaffIds, string Purpose, string? Preparation);

/// <summary>Plans a site visit (activity 4): the staff who work the case; the requester is told in the conversation.</summary>
public sealed class PlanSiteVisit(CaseCommandRunner runner)
{
    public Task<CaseChangeResult> HandleAsync(PlanSiteVisitCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.ExecuteAsync(command.Number, command.ExpectedVersion, user, CaseOperationKind.Visit, async (c, ctx, db) =>
        {
            await VisitStaff.DemandActiveStaffAsync(db, command.StaffIds, cancellationToken).ConfigureAwait(false);
            c.PlanVisit(new SiteVisitPlan(command.Dependency, command.LocalStart, command.StaffIds ?? [], command.Purpose, command.Preparation), ctx);
        }, cancellationToken);
    }
}
