using MesaServicio.Core.Security;

namespace MesaServicio.Core.Cases;

/// <summary>The assignee starts analysing the case (activity 2).</summary>
public sealed record AnalyseCaseCommand(string Number, int? ExpectedVersion);

/// <summary>The assignee starts analysing the case (activity 2).</summary>
public sealed class AnalyseCase(CaseCommandRunner runner)
{
    public Task<CaseChangeResult> HandleAsync(AnalyseCaseCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.ExecuteAsync(command.Number, command.ExpectedVersion, user, CaseOperationKind.Analyse, (c, ctx) => c.Analyse(ctx), cancellationToken);
    }
}
