using MesaServicio.Core.Calendar;
using MesaServicio.Core.Catalog;
using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Core.Knowledge;

/// <summary>What an operation on an article acts with.</summary>
public sealed record ArticleContext(Article Article, MesaDbContext Db, CurrentUser User, IReadOnlyCollection<Guid?> CategoryLeads, DateTimeOffset Now, DateOnly Today);

/// <summary>
/// Runs one operation on an existing article the way every one must (the shape of <see cref="Cases.CaseCommandRunner"/>):
/// load it, answer "not found" when out of reach, refuse when the user may not, check the version the person saw, act,
/// and save it with its new history lines in one <c>SaveChanges</c>.
/// </summary>
public sealed class ArticleRunner(IDbContextFactory<MesaDbContext> contextFactory, IBusinessCalendarProvider calendars, TimeProvider time, ILoggerFactory loggers)
{
    private readonly ILogger _log = loggers.CreateLogger(SecurityLog.Category);

    /// <summary>Applies <paramref name="act"/> (which returns whether anything changed). Returns whether anything changed.</summary>
    public async Task<bool> RunAsync(
        int articleId, int? expectedVersion, CurrentUser user, ArticleOperation operation, Func<ArticleContext, Task<bool>> act,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(act);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        // The words come along: an edit brings the word index to the new text.
        var article = await db.Articles.Include(a => a.Words)
            .SingleOrDefaultAsync(a => a.Id == articleId, cancellationToken).ConfigureAwait(false);
        if (article is null || !KnowledgeAccess.Sees(user, article.Status, article.Audience))
        {
            throw NotFound(articleId);
        }

        var leads = await LeadsAsync(db, article.CategoryId, cancellationToken).ConfigureAwait(false);
        var allowed = operation == ArticleOperation.Edit
            ? KnowledgeAccess.Edits(user, article.OwnerId, article.CreatedById, leads)
            : KnowledgeAccess.Publishes(user, leads);
        if (!allowed)
        {
            SecurityLog.OperationRefused(_log, "Knowledge." + operation, user.LogId);
            throw new ForbiddenException(DomainMessages.Get(operation == ArticleOperation.Edit ? KnowledgeRules.MayNotEdit : KnowledgeRules.MayNotPublish));
        }

        if (expectedVersion is { } v && v != article.Version)
        {
            throw new DomainException(KnowledgeRules.Changed);
        }

        var now = time.GetUtcNow();
        var historyBefore = article.History.Count;
        if (!await act(new ArticleContext(article, db, user, leads, now, Today(calendars.Current, now))).ConfigureAwait(false))
        {
            return false;
        }

        // The domain appended to a list EF did not load: add the new lines explicitly.
        foreach (var line in article.History.Skip(historyBefore))
        {
            db.ArticleHistory.Add(line);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new DomainException(KnowledgeRules.Changed, ex);
        }

        return true;
    }

    /// <summary>The same answer for a missing article and one out of reach.</summary>
    public static NotFoundException NotFound(int id) => new(DomainMessages.Get("Knowledge.Label", id));

    /// <summary>The technical leads of a category and of the groups above it.</summary>
    internal static async Task<IReadOnlyCollection<Guid?>> LeadsAsync(MesaDbContext db, int categoryId, CancellationToken cancellationToken)
    {
        var path = await CategoryPath.LoadAsync(db, categoryId, cancellationToken).ConfigureAwait(false);
        return [.. path.Select(c => c.TechnicalLeadId).Where(l => l is not null)];
    }

    internal static DateOnly Today(BusinessCalendar calendar, DateTimeOffset now) => DateOnly.FromDateTime(calendar.ToLocal(now).DateTime);

    /// <summary>Refuses an unknown category and an owner who is not active staff.</summary>
    internal static async Task RequireAsync(MesaDbContext db, int? categoryId, Guid ownerId, CancellationToken cancellationToken)
    {
        if (categoryId is { } id && !await db.Categories.AnyAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false))
        {
            throw new DomainException(KnowledgeRules.CategoryRequired);
        }

        var staff = CaseAccess.StaffRoles;
        if (!await db.People.AnyAsync(p => p.Id == ownerId && p.IsActive && (p.Roles & staff) != 0, cancellationToken).ConfigureAwait(false))
        {
            throw new DomainException(KnowledgeRules.OwnerNotStaff);
        }
    }
}
