using MesaServicio.Core.Security;

namespace MesaServicio.Core.Cases;

/// <summary>Closes a case at the end of activity 6, with the outcome that applies.</summary>
public sealed record CloseCaseCommand(string Number, int? ExpectedVersion, CloseOutcome Outcome, string? Note);

/// <summary>
/// Closes a case: satisfied (the requester said so), without answer (the window ended), or after a novedad
/// (a new case is needed, or there is no further solution; a note is mandatory).
/// </summary>
public sealed class CloseCase(CaseCommandRunner runner)
{
    public Task<CaseChangeResult> HandleAsync(CloseCaseCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.ExecuteAsync(command.Number, command.ExpectedVersion, user,
            command.Outcome == CloseOutcome.Satisfied ? CaseOperationKind.AnswerSurvey : CaseOperationKind.Close, (c, ctx) =>
        {
            switch (command.Outcome)
            {
                case CloseOutcome.Satisfied:
                    c.CloseSatisfied(command.Note, ctx);
                    break;
                case CloseOutcome.NoAnswer:
                    c.CloseWithoutAnswer(ctx);
                    break;
                default:
                    c.CloseAfterNovedad(command.Outcome, command.Note ?? "", ctx);
                    break;
            }
        }, cancellationToken);
    }
}
