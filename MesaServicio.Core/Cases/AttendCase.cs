using MesaServicio.Core.Security;

namespace MesaServicio.Core.Cases;

/// <summary>The assignee starts working the case (activity 4).</summary>
public sealed record AttendCaseCommand(string Number, int? ExpectedVersion);

/// <summary>The assignee starts working the case (activity 4).</summary>
public sealed class AttendCase(CaseCommandRunner runner)
{
    public Task<CaseChangeResult> HandleAsync(AttendCaseCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.ExecuteAsync(command.Number, command.ExpectedVersion, user, CaseOperationKind.Attend, (c, ctx) => c.Attend(ctx), cancellationToken);
    }
}
