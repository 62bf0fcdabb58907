using MesaServicio.Core.Cases;
using MesaServicio.Core.Security;

namespace MesaServicio.Core.Visits;

/// <summary>Cancels a planned visit, with the reason the requester reads.</summary>
public sealed record CancelSiteVisitCommand(string Number, int? ExpectedVersion, Guid VisitId, string Reason);

/// <summary>Cancels a planned site visit; the requester is told in the conversation.</summary>
public sealed class CancelSiteVisit(CaseCommandRunner runner)
{
    public Task<CaseChangeResult> HandleAsync(CancelSiteVisitCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.ExecuteAsync(command.Number, command.ExpectedVersion, user, CaseOperationKind.Visit, async (c, ctx, db) =>
        {
            await VisitStaff.LoadVisitsAsync(db, c, cancellationToken).ConfigureAwait(false);
            c.CancelVisit(command.VisitId, command.Reason, ctx);
        }, cancellationToken);
    }
}
