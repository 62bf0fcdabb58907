using MesaServicio.Core.Security;

namespace MesaServicio.Core.Cases;

/// <summary>The requester is not satisfied: a novedad for the technician (activity 6).</summary>
public sealed record ReportNovedadCommand(string Number, int? ExpectedVersion, string Text);

/// <summary>The requester is not satisfied: a novedad for the technician (activity 6).</summary>
public sealed class ReportNovedad(CaseCommandRunner runner)
{
    public Task<CaseChangeResult> HandleAsync(ReportNovedadCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.ExecuteAsync(command.Number, command.ExpectedVersion, user, CaseOperationKind.AnswerSurvey, (c, ctx) => c.ReportNovedad(command.Text, ctx), cancellationToken);
    }
}
