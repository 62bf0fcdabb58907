using MesaServicio.Core.Cases;
using MesaServicio.Core.Security;

namespace MesaServicio.Core.Visits;

/// <summary>Records a planned visit as done: who went, start and end (Bogotá time), and the findings the requester reads.</summary>
public sealed record RecordSiteVisitDoneCommand(
    string Number, int? ExpectedVersion, Guid VisitId, IReadOnlyList<Guid> AttendeeIds, DateTime LocalStart, DateTime LocalEnd, string Findings);

/// <summary>Records a site visit as done; its business time comes from the entity's calendar; the findings go to the conversation.</summary>
public sealed class RecordSiteVisitDone(CaseCommandRunner runner)
{
    public Task<CaseChangeResult> HandleAsync(RecordSiteVisitDoneCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.ExecuteAsync(command.Number, command.ExpectedVersion, user, CaseOperationKind.Visit, async (c, ctx, db) =>
        {
            await VisitStaff.LoadVisitsAsync(db, c, cancellationToken).ConfigureAwait(false);
            await VisitStaff.DemandActiveStaffAsync(db, command.AttendeeIds, cancellationToken).ConfigureAwait(false);
            c.RecordVisitDone(command.VisitId, new SiteVisitReport(command.AttendeeIds ?? [], command.LocalStart, command.LocalEnd, command.Findings), ctx);
        }, cancellationToken);
    }
}
