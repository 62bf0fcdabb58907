using MesaServicio.Core.Calendar;
using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Knowledge;

/// <summary>A new draft: its text, category, audience, review day, owner (null = the writer) and where it came from.</summary>
public sealed record CreateArticleDraftCommand(ArticleDraft Draft, Guid? OwnerId = null, ArticleSource? Source = null);

/// <summary>
/// Writes a new draft article (staff). Also the entry point for other features that turn what they know into an article:
/// a case's solution (<see cref="CreateArticleFromCase"/>), a problem's workaround (pass an <see cref="ArticleSource"/>).
/// Returns the new article's id.
/// </summary>
public sealed class CreateArticleDraft(IDbContextFactory<MesaDbContext> contextFactory, IBusinessCalendarProvider calendars, TimeProvider time)
{
    public async Task<int> HandleAsync(CreateArticleDraftCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(user);
        if (!KnowledgeAccess.Writes(user))
        {
            throw new ForbiddenException(DomainMessages.Get(KnowledgeRules.MayNotWrite));
        }

        var now = time.GetUtcNow();
        var owner = command.OwnerId ?? user.PersonId!.Value;

        // The text is checked before anything is read: a refusal names what to fix, the form keeps the rest.
        var article = Article.Create(command.Draft, owner, command.Source, ArticleRunner.Today(calendars.Current, now), user.PersonId!.Value, now);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await ArticleRunner.RequireAsync(db, article.CategoryId, owner, cancellationToken).ConfigureAwait(false);
        db.Articles.Add(article);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return article.Id;
    }
}
