using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Knowledge;

/// <summary>
/// "Esto resolvió mi necesidad" on the new-case form: the person files nothing, and a case avoided is recorded (article,
/// person, instant) for the month's report. A second click on the same article within <see cref="Window"/> counts once.
/// </summary>
public sealed class MarkArticleUseful(IDbContextFactory<MesaDbContext> contextFactory, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>Returns whether a new case avoided was recorded (false: already counted within the window).</summary>
    public async Task<bool> HandleAsync(int articleId, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Kind != PrincipalKind.Person)
        {
            throw ArticleRunner.NotFound(articleId);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var article = await db.Articles.AsNoTracking().Where(a => a.Id == articleId).Select(a => new { a.Status, a.Audience })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (article is null || !KnowledgeAccess.Sees(user, article.Status, article.Audience))
        {
            throw ArticleRunner.NotFound(articleId);
        }

        if (article.Status != ArticleStatus.Published)
        {
            throw new DomainException(KnowledgeRules.NotPublished);
        }

        var now = time.GetUtcNow();
        var since = now - Window;
        var person = user.PersonId!.Value;
        if (await db.ArticleUses.AnyAsync(u => u.ArticleId == articleId && u.PersonId == person && u.Kind == ArticleUseKind.CaseAvoided && u.At >= since, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        db.ArticleUses.Add(new ArticleUse(articleId, person, ArticleUseKind.CaseAvoided, null, now));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }
}
