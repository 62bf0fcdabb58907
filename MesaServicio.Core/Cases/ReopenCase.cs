using MesaServicio.Core.Security;

namespace MesaServicio.Core.Cases;

/// <summary>After a novedad the technician extends the solution: the case reopens.</summary>
public sealed record ReopenCaseCommand(string Number, int? ExpectedVersion, string Reason);

/// <summary>After a novedad the technician extends the solution: the case reopens.</summary>
public sealed class ReopenCase(CaseCommandRunner runner)
{
    public Task<CaseChangeResult> HandleAsync(ReopenCaseCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.ExecuteAsync(command.Number, command.ExpectedVersion, user, CaseOperationKind.Reopen, (c, ctx) => c.Reopen(command.Reason, ctx), cancellationToken);
    }
}
