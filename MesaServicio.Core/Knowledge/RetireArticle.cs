using MesaServicio.Core.Security;

namespace MesaServicio.Core.Knowledge;

/// <summary>Retires a published article (the technical lead of its category or the coordinator): kept, no longer offered.</summary>
public sealed class RetireArticle(ArticleRunner runner)
{
    public Task<bool> HandleAsync(int articleId, int? version, CurrentUser user, CancellationToken cancellationToken) =>
        runner.RunAsync(articleId, version, user, ArticleOperation.Retire, context =>
        {
            context.Article.Retire(context.User.PersonId!.Value, context.Now);
            return Task.FromResult(true);
        }, cancellationToken);
}
