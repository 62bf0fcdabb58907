using MesaServicio.Core.Security;

namespace MesaServicio.Core.Cases;

/// <summary>A public comment, or (staff) an internal note, on a case.</summary>
public sealed record CommentOnCaseCommand(string Number, string Text, bool IsInternal);

/// <summary>Adds a comment or an internal note; a requester's answer resumes a waiting case.</summary>
public sealed class CommentOnCase(CaseCommandRunner runner)
{
    public Task<CaseChangeResult> HandleAsync(CommentOnCaseCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var operation = command.IsInternal ? CaseOperationKind.InternalNote : CaseOperationKind.Comment;
        return runner.ExecuteAsync(command.Number, null, user, operation, (c, ctx) => c.Comment(command.Text, command.IsInternal, ctx), cancellationToken);
    }
}
