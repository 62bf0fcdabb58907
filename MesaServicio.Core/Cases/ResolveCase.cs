using MesaServicio.Core.Security;

namespace MesaServicio.Core.Cases;

/// <summary>Records the solution (activity 5) and opens the survey window.</summary>
public sealed record ResolveCaseCommand(string Number, int? ExpectedVersion, string Solution);

/// <summary>Records the solution (activity 5) and opens the survey window.</summary>
public sealed class ResolveCase(CaseCommandRunner runner)
{
    public Task<CaseChangeResult> HandleAsync(ResolveCaseCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.ExecuteAsync(command.Number, command.ExpectedVersion, user, CaseOperationKind.Resolve, (c, ctx) => c.Resolve(command.Solution, ctx), cancellationToken);
    }
}
