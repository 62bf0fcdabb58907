using MesaServicio.Core.Security;

namespace MesaServicio.Core.Knowledge;

/// <summary>An edit of an article as the person saw it (<paramref name="Version"/>), owner included.</summary>
public sealed record EditArticleCommand(int ArticleId, int? Version, ArticleDraft Draft, Guid OwnerId);

/// <summary>Edits a draft or a published article (its owner or author, or who leads its category); recorded in its history.</summary>
public sealed class EditArticle(ArticleRunner runner)
{
    public Task<bool> HandleAsync(EditArticleCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.RunAsync(command.ArticleId, command.Version, user, ArticleOperation.Edit, async context =>
        {
            var changed = context.Article.Edit(command.Draft, command.OwnerId, context.Today, context.User.PersonId!.Value, context.Now);
            if (changed)
            {
                await ArticleRunner.RequireAsync(context.Db, command.Draft.CategoryId, command.OwnerId, cancellationToken).ConfigureAwait(false);
            }

            return changed;
        }, cancellationToken);
    }
}
