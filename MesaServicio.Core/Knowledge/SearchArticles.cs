using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Knowledge;

/// <summary>What to look for: words (all must match), and for staff a state, audience and category.</summary>
public sealed record ArticleSearch(string? Query, ArticleStatus? Status = null, ArticleAudience? Audience = null, int? CategoryId = null, int Page = 1, int PageSize = 20);

/// <summary>One article in a list.</summary>
public sealed record ArticleRow(int Id, string Title, string CategoryName, ArticleAudience Audience, ArticleStatus Status, DateTimeOffset UpdatedAt, DateOnly? ReviewOn, string Excerpt);

/// <summary>A page of results and how many there are.</summary>
public sealed record ArticleResults(IReadOnlyList<ArticleRow> Rows, int Total, int Page, int PageSize)
{
    public int Pages => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

/// <summary>
/// Searches the knowledge base (<see cref="KnowledgeText"/>): every word of the query, accents and plurals ignored, in the
/// title or the body; a title match ranks first, then the most recently changed. Staff search every article (filters
/// by state, audience, category); anyone else only published public ones.
/// </summary>
public sealed partial class SearchArticles(IDbContextFactory<MesaDbContext> contextFactory)
{
    public const int MaxPageSize = 50;
    private const int ExcerptLength = 220;

    public async Task<ArticleResults> HandleAsync(ArticleSearch search, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(user);
        var size = Math.Clamp(search.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, search.Page);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = Visible(db.Articles.AsNoTracking(), user);
        if (KnowledgeAccess.ReadsAll(user))
        {
            if (search.Status is { } status)
            {
                query = query.Where(a => a.Status == status);
            }

            if (search.Audience is { } audience)
            {
                query = query.Where(a => a.Audience == audience);
            }
        }

        if (search.CategoryId is { } category)
        {
            query = query.Where(a => a.CategoryId == category);
        }

        var terms = KnowledgeText.QueryTerms(search.Query);
        var ranked = terms.Count > 0
            ? query.Join(KnowledgeText.Scores(db.ArticleWords, terms).Where(s => s.Hits == terms.Count), a => a.Id, s => s.ArticleId,
                (a, s) => new Ranked { Article = a, Score = s.Score })
            : query.Select(a => new Ranked { Article = a, Score = 0 });
        var total = await ranked.CountAsync(cancellationToken).ConfigureAwait(false);
        var rows = await ranked.OrderByDescending(r => r.Score).ThenByDescending(r => r.Article.UpdatedAt).ThenBy(r => r.Article.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(r => r.Article)
            .Select(a => new
            {
                a.Id, a.Title, Category = db.Categories.Where(c => c.Id == a.CategoryId).Select(c => c.Name).First(), a.Audience, a.Status,
                a.UpdatedAt, a.ReviewOn, Start = a.Body.Substring(0, ExcerptLength + 40),
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new ArticleResults(
            [.. rows.Select(r => new ArticleRow(r.Id, r.Title, r.Category, r.Audience, r.Status, r.UpdatedAt, r.ReviewOn, Excerpt(r.Start)))],
            total, page, size);
    }

    private sealed class Ranked
    {
        public Article Article { get; init; } = default!;

        public int Score { get; init; }
    }

    /// <summary>The articles within the user's reach.</summary>
    internal static IQueryable<Article> Visible(IQueryable<Article> articles, CurrentUser user) =>
        KnowledgeAccess.ReadsAll(user)
            ? articles
            : user.Kind == PrincipalKind.Person
                ? articles.Where(a => a.Status == ArticleStatus.Published && a.Audience == ArticleAudience.Public)
                : articles.Where(_ => false);

    /// <summary>The beginning of the body as plain words (Markdown marks dropped), cut at a word.</summary>
    internal static string Excerpt(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return "";
        }

        var words = MarkdownLink().Replace(body, "$1");
        words = MarkdownMarks().Replace(words, "");
        var plain = string.Join(' ', words.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        if (plain.Length <= ExcerptLength)
        {
            return plain;
        }

        var cut = plain.LastIndexOf(' ', ExcerptLength);
        return plain[..(cut > 0 ? cut : ExcerptLength)] + "…";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)")]
    private static partial System.Text.RegularExpressions.Regex MarkdownLink();

    [System.Text.RegularExpressions.GeneratedRegex(@"[*_`#>|]")]
    private static partial System.Text.RegularExpressions.Regex MarkdownMarks();
}
