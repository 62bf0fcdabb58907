using MesaServicio.Core.Calendar;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.TimedWork;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Core.Knowledge;

/// <summary>
/// Tells a published article's owner, once per review date, that the day to review it has come (portal notice, and
/// e-mail unless they opted out): the article's mark (<see cref="Article.ReviewNoticeAt"/>) and the notice are saved in
/// one step (<see cref="ExactlyOnce"/>), and the notice's key makes a second instance's attempt fail harmlessly. Moving
/// the review date clears the mark, so the new date is announced in its turn. Drafts and retired articles are not
/// announced; an owner who left the entity is not told (the article stays listed with its date for the leads).
/// </summary>
public sealed partial class ArticleReviewSweep(
    IDbContextFactory<MesaDbContext> contextFactory,
    IBusinessCalendarProvider calendars,
    TimeProvider time,
    NoticeComposer composer,
    IPortalNotifier notifier,
    ILogger<ArticleReviewSweep> logger) : ITimedWork
{
    /// <summary>Most articles one run takes; the rest wait for the next run.</summary>
    public const int BatchSize = 200;

    public string Name => nameof(ArticleReviewSweep);

    public int Order => 26;

    /// <summary>Where an article is read.</summary>
    public static string Link(string articleId) => "/conocimiento/" + articleId;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(calendars.Current.ToLocal(now).DateTime);
        List<int> due;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            due = await db.Articles.AsNoTracking()
                .Where(a => a.Status == ArticleStatus.Published && a.ReviewOn != null && a.ReviewOn <= today && a.ReviewNoticeAt == null)
                .OrderBy(a => a.ReviewOn).ThenBy(a => a.Id).Select(a => a.Id).Take(BatchSize)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var told = 0;
        foreach (var id in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await TellAsync(id, today).ConfigureAwait(false))
            {
                told++;
            }
        }

        if (told > 0)
        {
            LogTold(logger, told);
        }

        return told;
    }

    /// <summary>One article's notice and mark, in one step; not cancelled half-way (it is short).</summary>
    private async Task<bool> TellAsync(int id, DateOnly today)
    {
        var now = time.GetUtcNow();
        PortalNotification? portal = null;
        string? key = null;
        var version = 0;
        await using var db = await contextFactory.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false);
        var outcome = await ExactlyOnce.RunAsync(db, async ct =>
        {
            portal = null;
            var article = await db.Articles.SingleAsync(a => a.Id == id, ct).ConfigureAwait(false);
            version = article.Version;

            // Read again: it may have been retired, given a new date or announced since the list was read.
            if (!Article.ReviewDue(article.Status, article.ReviewOn, today) || article.ReviewOn is not { } reviewOn || article.ReviewNoticeAt is not null)
            {
                return StepOutcome.NothingToDo;
            }

            article.MarkReviewNoticed(now);
            var owner = await db.People.AsNoTracking().Where(p => p.Id == article.OwnerId && p.IsActive)
                .Select(p => new { p.Id, p.Email }).SingleOrDefaultAsync(ct).ConfigureAwait(false);
            if (owner is not null)
            {
                key = $"article-review:{article.Id}:{reviewOn:yyyyMMdd}:{owner.Id:N}";
                var reference = article.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                portal = await composer.QueueAsync(db, new Notice(
                    key, MessageKind.ArticleReviewDue, null, reference, new NoticeRecipient(owner.Id, owner.Email), Link(reference),
                    NoticeComposer.Day(reviewOn)),
                    now, ct).ConfigureAwait(false);
            }

            return StepOutcome.Done;
        }, () => MovedOnAsync(db, id, version, key), CancellationToken.None).ConfigureAwait(false);
        if (outcome != StepOutcome.Done)
        {
            return false;
        }

        if (portal is not null)
        {
            await notifier.PushAsync([portal], CancellationToken.None).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Whether another run told the owner first, or an edit changed the article meanwhile (the next run sees its new date).</summary>
    private static async Task<bool> MovedOnAsync(MesaDbContext db, int id, int version, string? key)
    {
        db.ChangeTracker.Clear();
        return await db.Articles.AnyAsync(a => a.Id == id && a.Version != version).ConfigureAwait(false)
            || (key is not null && await db.PortalNotifications.AnyAsync(n => n.DedupKey == "portal:" + key).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge: {Count} review-day notices queued.")]
    private static partial void LogTold(ILogger logger, int count);
}
