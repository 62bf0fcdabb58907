using MesaServicio.Core.Cases;
using MesaServicio.Core.Security;

namespace MesaServicio.Core.Visits;

/// <summary>Moves a planned visit to <c>LocalStart</c> (Bogotá time), with the reason the requester reads.</summary>
public sealed record RescheduleSiteVisitCommand(string Number, int? ExpectedVersion, Guid VisitId, DateTime LocalStart, string Reason);

/// <summary>Reschedules a planned site visit; the requester is told in the conversation.</summary>
public sealed class RescheduleSiteVisit(CaseCommandRunner runner)
{
    public Task<CaseChangeResult> HandleAsync(RescheduleSiteVisitCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.ExecuteAsync(command.Number, command.ExpectedVersion, user, CaseOperationKind.Visit, async (c, ctx, db) =>
        {
            await VisitStaff.LoadVisitsAsync(db, c, cancellationToken).ConfigureAwait(false);
            c.RescheduleVisit(command.VisitId, command.LocalStart, command.Reason, ctx);
        }, cancellationToken);
    }
}
