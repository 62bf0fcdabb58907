using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Knowledge;

/// <summary>A line of an article's history, with the actor's name.</summary>
public sealed record ArticleHistoryLine(DateTimeOffset At, string Actor, ArticleHistoryKind Kind, string? From, string? To, string? Detail);

/// <summary>An article as the user may see it: its HTML is safe to show as markup (<see cref="ArticleMarkdown"/>).</summary>
public sealed record ArticleDetails(
    int Id, string Title, string Body, string Html, int CategoryId, string CategoryName, ArticleAudience Audience, ArticleStatus Status,
    Guid OwnerId, string OwnerName, DateOnly? ReviewOn, string? SourceKind, string? SourceReference, DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt, int Version, bool MayEdit, bool MayPublish, IReadOnlyList<ArticleHistoryLine> History);

/// <summary>Reads one article: staff any (with its history); others a published public one, else "not found".</summary>
public sealed class GetArticle(IDbContextFactory<MesaDbContext> contextFactory)
{
    public async Task<ArticleDetails> HandleAsync(int articleId, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var a = await db.Articles.AsNoTracking().SingleOrDefaultAsync(x => x.Id == articleId, cancellationToken).ConfigureAwait(false);
        if (a is null || !KnowledgeAccess.Sees(user, a.Status, a.Audience))
        {
            throw ArticleRunner.NotFound(articleId);
        }

        var category = await db.Categories.Where(c => c.Id == a.CategoryId).Select(c => c.Name).SingleAsync(cancellationToken).ConfigureAwait(false);
        var owner = await db.People.Where(p => p.Id == a.OwnerId).Select(p => p.DisplayName).SingleAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<ArticleHistoryLine> history = [];
        var mayEdit = false;
        var mayPublish = false;
        if (KnowledgeAccess.ReadsAll(user))
        {
            history = await db.ArticleHistory.AsNoTracking().Where(h => h.ArticleId == a.Id).OrderBy(h => h.Id)
                .Select(h => new ArticleHistoryLine(h.At, db.People.Where(p => p.Id == h.ActorId).Select(p => p.DisplayName).First(), h.Kind, h.FromValue, h.ToValue, h.Detail))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var leads = await ArticleRunner.LeadsAsync(db, a.CategoryId, cancellationToken).ConfigureAwait(false);
            mayEdit = ArticleLifecycle.Allows(ArticleOperation.Edit, a.Status) && KnowledgeAccess.Edits(user, a.OwnerId, a.CreatedById, leads);
            mayPublish = KnowledgeAccess.Publishes(user, leads);
        }

        // Requesters are not told who owns an internal record nor where it came from.
        var staffView = KnowledgeAccess.ReadsAll(user);
        return new ArticleDetails(
            a.Id, a.Title, a.Body, ArticleMarkdown.ToHtml(a.Body), a.CategoryId, category, a.Audience, a.Status,
            a.OwnerId, staffView ? owner : "", a.ReviewOn, staffView ? a.SourceKind : null, staffView ? a.SourceReference : null,
            a.UpdatedAt, a.PublishedAt, a.Version, mayEdit, mayPublish, history);
    }
}
