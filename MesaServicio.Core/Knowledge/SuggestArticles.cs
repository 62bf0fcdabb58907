using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Knowledge;

/// <summary>An article offered while typing a subject or working a case.</summary>
public sealed record ArticleSuggestion(int Id, string Title, ArticleAudience Audience, bool SameCategory, string Excerpt);

/// <summary>
/// The published articles that may answer what someone is typing ("¿Ya lo reportó?" on the new-case form) or the case an
/// agent works: any word of the text (accents and plurals ignored), title matches and the same category first. A requester
/// is offered public articles only; staff public and internal.
/// </summary>
public sealed class SuggestArticles(IDbContextFactory<MesaDbContext> contextFactory)
{
    public const int Limit = 5;

    public async Task<IReadOnlyList<ArticleSuggestion>> HandleAsync(string? text, int? categoryId, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var terms = KnowledgeText.QueryTerms(text);
        if (terms.Count == 0 || user.Kind != PrincipalKind.Person)
        {
            return [];
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = db.Articles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published);
        if (!KnowledgeAccess.ReadsAll(user))
        {
            query = query.Where(a => a.Audience == ArticleAudience.Public);
        }

        // One word in common is enough for a one- or two-word subject; longer ones need two.
        var needed = terms.Count >= 3 ? 2 : 1;
        var rows = await query
            .Join(KnowledgeText.Scores(db.ArticleWords, terms).Where(s => s.Hits >= needed), a => a.Id, s => s.ArticleId, (a, s) => new { Article = a, s.Score })
            .OrderByDescending(r => r.Score + (r.Article.CategoryId == categoryId ? 2 : 0)).ThenByDescending(r => r.Article.UpdatedAt).ThenBy(r => r.Article.Id)
            .Take(Limit)
            .Select(r => new { r.Article.Id, r.Article.Title, r.Article.Audience, r.Article.CategoryId, Start = r.Article.Body.Substring(0, 260) })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new ArticleSuggestion(r.Id, r.Title, r.Audience, r.CategoryId == categoryId, SearchArticles.Excerpt(r.Start)))];
    }
}
