namespace MesaServicio.Core.Cases;

/// <summary>The assignee starts working the case (activity 4).</summary>
public sealed record AttendCaseCommand(string Number, int? ExpectedVersion);

/// <summary>The assignee starts working the case (activity 4).</summary>
public sealed class AttendCase(CaseCommandRunner runner)
{
    public Task<CaseChangeResult> HandleAsync(AttendCaseCommand command, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.ExecuteAsync(command.Number, command.ExpectedVersion, actor, (c, ctx) => c.Attend(ctx), cancellationToken);
    }
}
