using MesaServicio.Core.Calendar;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.TimedWork;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Core.Improvement;

/// <summary>
/// The improvement actions' timed work: tells each open action's responsible once when its due date is near (within
/// <see cref="DueSoonBusinessDays"/> business days) and once when it has passed. Each notice is the action's mark
/// (<see cref="ImprovementAction.DueSoonNoticeAt"/>, <see cref="ImprovementAction.OverdueNoticeAt"/>) and the notice
/// rows, saved together under the action's version: a second instance or a repeated run finds the mark, or loses the race
/// and does nothing. Moving the due date or the responsible clears the marks, so the new date is announced again.
/// </summary>
public sealed partial class ImprovementActionSweep(
    IDbContextFactory<MesaDbContext> contextFactory,
    IBusinessCalendarProvider calendars,
    TimeProvider time,
    ImprovementNotices notices,
    IPortalNotifier notifier,
    ILogger<ImprovementActionSweep> logger) : ITimedWork
{
    /// <summary>How many business days ahead a due date counts as near (the due day itself included).</summary>
    public const int DueSoonBusinessDays = 2;

    /// <summary>Most actions one run takes; the rest wait for the next run.</summary>
    public const int BatchSize = 200;

    public string Name => nameof(ImprovementActionSweep);

    public int Order => 25;

    /// <summary>The last day whose due dates count as near on <paramref name="today"/>: the <see cref="DueSoonBusinessDays"/>-th business day from today.</summary>
    public static DateOnly DueSoonLimit(BusinessCalendar calendar, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var day = today;
        var counted = calendar.IsBusinessDay(day) ? 1 : 0;
        while (counted < DueSoonBusinessDays)
        {
            day = day.AddDays(1);
            if (calendar.IsBusinessDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var calendar = calendars.Current;
        var now = time.GetUtcNow();
        var today = ImprovementNotices.Today(calendar, now);
        var limit = DueSoonLimit(calendar, today);
        List<(Guid Id, bool Overdue)> due;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            var open = db.ImprovementActions.AsNoTracking()
                .Where(a => a.Status == ImprovementActionStatus.Open || a.Status == ImprovementActionStatus.InProgress);
            var overdue = await open.Where(a => a.OverdueNoticeAt == null && a.DueOn < today)
                .OrderBy(a => a.DueOn).Select(a => a.Id).Take(BatchSize).ToListAsync(cancellationToken).ConfigureAwait(false);
            var soon = await open.Where(a => a.DueSoonNoticeAt == null && a.OverdueNoticeAt == null && a.DueOn >= today && a.DueOn <= limit)
                .OrderBy(a => a.DueOn).Select(a => a.Id).Take(BatchSize).ToListAsync(cancellationToken).ConfigureAwait(false);
            due = [.. overdue.Select(id => (id, true)), .. soon.Select(id => (id, false))];
        }

        var told = 0;
        foreach (var (id, overdue) in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await TellAsync(id, overdue, today).ConfigureAwait(false))
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

    /// <summary>
    /// One notice and its mark, in one transaction under the action's version; not cancelled half-way (it is short). A
    /// failed save is another's doing when the version has moved since the step read it (another instance marked it
    /// first, or a person changed the action: the next run looks at it again) or when the notice's key is taken (this
    /// responsible was told of this due date already).
    /// </summary>
    private async Task<bool> TellAsync(Guid id, bool overdue, DateOnly today)
    {
        var now = time.GetUtcNow();
        PortalNotification? portal = null;
        var readVersion = -1;
        var key = "";
        StepOutcome outcome;
        await using (var db = await contextFactory.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false))
        {
            outcome = await ExactlyOnce.RunAsync(db, async ct =>
            {
                portal = null;
                var action = await db.ImprovementActions.SingleAsync(a => a.Id == id, ct).ConfigureAwait(false);
                readVersion = action.Version;

                // Read again: it may have been closed, moved or told since the list was read.
                if (!action.IsOpen || (overdue ? action.OverdueNoticeAt is not null || !action.IsOverdueOn(today) : action.DueSoonNoticeAt is not null))
                {
                    return StepOutcome.NothingToDo;
                }

                var kind = overdue ? MessageKind.ImprovementActionOverdue : MessageKind.ImprovementActionDueSoon;
                if (overdue)
                {
                    action.MarkOverdueNoticed(now);
                }
                else
                {
                    action.MarkDueSoonNoticed(now);
                }

                key = $"improvement-{(overdue ? "overdue" : "due-soon")}:{action.Id:N}:{action.DueOn:yyyyMMdd}:{action.ResponsibleId:N}";
                portal = await notices.QueueAsync(db, action, kind, key, null, now, ct).ConfigureAwait(false);

                // The version makes two instances' saves of the same mark collide: one wins.
                db.Entry(action).Property(a => a.Version).CurrentValue = action.Version + 1;
                return StepOutcome.Done;
            },
            recordedElsewhere: () => DoneElsewhereAsync(id, readVersion, key),
            CancellationToken.None).ConfigureAwait(false);
        }

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

    private async Task<bool> DoneElsewhereAsync(Guid id, int readVersion, string key)
    {
        var portalKey = "portal:" + key;
        var mailKey = "mail:" + key;
        await using var db = await contextFactory.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false);
        return await db.ImprovementActions.AsNoTracking().AnyAsync(a => a.Id == id && a.Version != readVersion, CancellationToken.None).ConfigureAwait(false)
            || await db.PortalNotifications.AsNoTracking().AnyAsync(n => n.DedupKey == portalKey, CancellationToken.None).ConfigureAwait(false)
            || await db.OutboxMessages.AsNoTracking().AnyAsync(m => m.DedupKey == mailKey, CancellationToken.None).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Improvement actions: {Count} due-date notices queued.")]
    private static partial void LogTold(ILogger logger, int count);
}
