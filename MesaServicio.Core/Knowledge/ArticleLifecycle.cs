namespace MesaServicio.Core.Knowledge;

/// <summary>
/// Which operation may run in which state of an article, as one table (the shape of <see cref="Cases.CaseLifecycle"/>):
/// a draft or a published article is edited; a draft (or a retired article) is published; a published one is retired.
/// A retired article is kept as evidence; publishing it again is the way back.
/// </summary>
public static class ArticleLifecycle
{
    private static readonly Dictionary<ArticleOperation, ArticleStatus[]> AllowedFrom = new()
    {
        [ArticleOperation.Edit] = [ArticleStatus.Draft, ArticleStatus.Published],
        [ArticleOperation.Publish] = [ArticleStatus.Draft, ArticleStatus.Retired],
        [ArticleOperation.Retire] = [ArticleStatus.Published],
    };

    public static bool Allows(ArticleOperation operation, ArticleStatus status) =>
        AllowedFrom.TryGetValue(operation, out var states) && Array.IndexOf(states, status) >= 0;
}
