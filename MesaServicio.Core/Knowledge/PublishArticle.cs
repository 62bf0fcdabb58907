using MesaServicio.Core.Security;

namespace MesaServicio.Core.Knowledge;

/// <summary>Publishes a draft, or a retired article again (the technical lead of its category or the coordinator).</summary>
public sealed class PublishArticle(ArticleRunner runner)
{
    public Task<bool> HandleAsync(int articleId, int? version, CurrentUser user, CancellationToken cancellationToken) =>
        runner.RunAsync(articleId, version, user, ArticleOperation.Publish, context =>
        {
            context.Article.Publish(context.User.PersonId!.Value, context.Now);
            return Task.FromResult(true);
        }, cancellationToken);
}
