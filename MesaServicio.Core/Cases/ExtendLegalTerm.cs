using MesaServicio.Core.Security;

namespace MesaServicio.Core.Cases;

/// <summary>
/// Extends a PQRS's legal term (Ley 1755 de 2015, art. 14, parágrafo) to the close of business of
/// <c>NewLastDay</c>, with the reason the requester reads.
/// </summary>
public sealed record ExtendLegalTermCommand(string Number, int? ExpectedVersion, DateOnly NewLastDay, string Reason);

/// <summary>
/// Extends a PQRS's legal term before it expires, never beyond double the initial term: its assignee, the category's
/// technical lead or the coordinator. The requester is told in the conversation (and by notice and e-mail).
/// </summary>
public sealed class ExtendLegalTerm(CaseCommandRunner runner)
{
    public Task<CaseChangeResult> HandleAsync(ExtendLegalTermCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.ExecuteAsync(command.Number, command.ExpectedVersion, user, CaseOperationKind.ExtendLegalTerm,
            (c, ctx) => c.ExtendLegalTerm(command.NewLastDay, command.Reason, ctx), cancellationToken);
    }
}
