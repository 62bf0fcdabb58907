using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Knowledge;

/// <summary>
/// An agent records that a published article helped with the case they work ("Lo apliqué en este caso"): counted among the
/// month's articles used. Once per article and case.
/// </summary>
public sealed class ApplyArticleToCase(IDbContextFactory<MesaDbContext> contextFactory, CaseGuard guard, TimeProvider time)
{
    public async Task<bool> HandleAsync(int articleId, string caseNumber, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!KnowledgeAccess.Writes(user))
        {
            throw new ForbiddenException(DomainMessages.Get(KnowledgeRules.MayNotWrite));
        }

        var key = (caseNumber ?? "").Trim().ToUpperInvariant();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var c = await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.Number == key, cancellationToken).ConfigureAwait(false)
            ?? throw CaseGuard.CaseNotFound(key);
        await guard.DemandAsync(db, user, c, CaseOperationKind.InternalNote, cancellationToken).ConfigureAwait(false);
        var status = await db.Articles.Where(a => a.Id == articleId).Select(a => (ArticleStatus?)a.Status).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw ArticleRunner.NotFound(articleId);
        if (status != ArticleStatus.Published)
        {
            throw new DomainException(KnowledgeRules.NotPublished);
        }

        if (await db.ArticleUses.AnyAsync(u => u.ArticleId == articleId && u.CaseId == c.Id && u.Kind == ArticleUseKind.Applied, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        db.ArticleUses.Add(new ArticleUse(articleId, user.PersonId!.Value, ArticleUseKind.Applied, c.Id, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }
}
