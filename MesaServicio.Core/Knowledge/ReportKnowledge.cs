using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Knowledge;

/// <summary>An article and how often it was used in the month.</summary>
public sealed record ReportArticleUse(int Id, string Title, int CasesAvoided, int Applied);

/// <summary>
/// The knowledge base in the month's report: the distinct articles used (marked "Esto resolvió mi necesidad" or applied to
/// a case) in the month, the cases avoided (a requester marked an article useful and filed nothing), the times agents
/// applied an article, and the most used articles.
/// </summary>
public sealed record ReportKnowledge(int ArticlesUsed, int CasesAvoided, int Applied, IReadOnlyList<ReportArticleUse> TopArticles)
{
    public const int TopLimit = 10;

    public static ReportKnowledge None { get; } = new(0, 0, 0, []);

    public bool IsEmpty => ArticlesUsed == 0;

    /// <summary>Reads the uses in <c>[from, to)</c>.</summary>
    public static async Task<ReportKnowledge> LoadAsync(MesaDbContext db, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var uses = await db.ArticleUses.AsNoTracking().Where(u => u.At >= from && u.At < to)
            .GroupBy(u => new { u.ArticleId, u.Kind }).Select(g => new { g.Key.ArticleId, g.Key.Kind, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (uses.Count == 0)
        {
            return None;
        }

        var ids = uses.Select(u => u.ArticleId).Distinct().ToList();
        var titles = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Title })
            .ToDictionaryAsync(a => a.Id, a => a.Title, cancellationToken).ConfigureAwait(false);
        int Count(int id, ArticleUseKind kind) => uses.Where(u => u.ArticleId == id && u.Kind == kind).Sum(u => u.Count);
        var top = ids.Select(id => new ReportArticleUse(id, titles.GetValueOrDefault(id, ""), Count(id, ArticleUseKind.CaseAvoided), Count(id, ArticleUseKind.Applied)))
            .OrderByDescending(a => a.CasesAvoided + a.Applied).ThenBy(a => a.Title, StringComparer.Ordinal).Take(TopLimit).ToList();
        return new ReportKnowledge(
            ids.Count,
            uses.Where(u => u.Kind == ArticleUseKind.CaseAvoided).Sum(u => u.Count),
            uses.Where(u => u.Kind == ArticleUseKind.Applied).Sum(u => u.Count),
            top);
    }
}
