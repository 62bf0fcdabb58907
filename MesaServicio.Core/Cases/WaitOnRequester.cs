using MesaServicio.Core.Security;

namespace MesaServicio.Core.Cases;

/// <summary>The case waits for the requester; the resolution clock pauses.</summary>
public sealed record WaitOnRequesterCommand(string Number, int? ExpectedVersion, string Message);

/// <summary>The case waits for the requester; the resolution clock pauses.</summary>
public sealed class WaitOnRequester(CaseCommandRunner runner)
{
    public Task<CaseChangeResult> HandleAsync(WaitOnRequesterCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.ExecuteAsync(command.Number, command.ExpectedVersion, user, CaseOperationKind.Wait, (c, ctx) => c.WaitOnRequester(command.Message, ctx), cancellationToken);
    }
}
