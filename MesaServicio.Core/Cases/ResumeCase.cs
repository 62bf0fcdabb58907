using MesaServicio.Core.Security;

namespace MesaServicio.Core.Cases;

/// <summary>Work on a waiting case resumes; the resolution clock runs again.</summary>
public sealed record ResumeCaseCommand(string Number, int? ExpectedVersion, string? Note);

/// <summary>Work on a waiting case resumes; the resolution clock runs again.</summary>
public sealed class ResumeCase(CaseCommandRunner runner)
{
    public Task<CaseChangeResult> HandleAsync(ResumeCaseCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.ExecuteAsync(command.Number, command.ExpectedVersion, user, CaseOperationKind.Wait, (c, ctx) => c.Resume(command.Note, ctx), cancellationToken);
    }
}
