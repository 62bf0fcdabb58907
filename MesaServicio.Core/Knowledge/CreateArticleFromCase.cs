using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Knowledge;

/// <summary>
/// "Crear artículo con esta solución": a resolved (or closed after a resolution) case's subject, solution and category
/// become a draft the agent owns, linked to the case, in one action. Only staff who may see the case; the requester's
/// name and the case's description are not copied (Ley 1581): the agent edits the draft before anyone publishes it.
/// </summary>
public sealed class CreateArticleFromCase(IDbContextFactory<MesaDbContext> contextFactory, CaseGuard guard, CreateArticleDraft create)
{
    public async Task<int> HandleAsync(string caseNumber, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!KnowledgeAccess.Writes(user))
        {
            throw new ForbiddenException(DomainMessages.Get(KnowledgeRules.MayNotWrite));
        }

        var key = (caseNumber ?? "").Trim().ToUpperInvariant();
        string subject;
        string solution;
        int categoryId;
        Guid caseId;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            var c = await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.Number == key, cancellationToken).ConfigureAwait(false)
                ?? throw CaseGuard.CaseNotFound(key);
            await guard.DemandAsync(db, user, c, CaseOperationKind.View, cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(c.Solution) || c.ResolvedAt is null)
            {
                throw new DomainException(KnowledgeRules.CaseHasNoSolution, c.Number);
            }

            (subject, solution, categoryId, caseId) = (c.Subject, c.Solution, c.CategoryId, c.Id);
        }

        var title = subject.Length > Article.TitleMaxLength ? subject[..Article.TitleMaxLength] : subject;
        var body = "## Solución\n\n" + solution.Trim();
        return await create.HandleAsync(
            new CreateArticleDraftCommand(
                new ArticleDraft(title, body, categoryId, ArticleAudience.Internal, null), null,
                new ArticleSource(ArticleSource.CaseKind, key, caseId)),
            user, cancellationToken).ConfigureAwait(false);
    }
}
