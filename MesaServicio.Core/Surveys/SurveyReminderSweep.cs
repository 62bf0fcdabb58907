using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.TimedWork;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Core.Surveys;

/// <summary>
/// Second survey-window step: reminds the requester on the last business day of the window, from that day's
/// opening. The reminder's claim on the invitation row makes it happen once; see <see cref="SurveyWindow"/>.
/// </summary>
public sealed partial class SurveyReminderSweep(
    IDbContextFactory<MesaDbContext> contextFactory,
    IBusinessCalendarProvider calendars,
    TimeProvider time,
    NoticeComposer composer,
    IPortalNotifier notifier,
    ILogger<SurveyReminderSweep> logger) : ITimedWork
{
    public string Name => nameof(SurveyReminderSweep);

    public int Order => 10;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var calendar = calendars.Current;
        var now = time.GetUtcNow();

        // The window ends today at the latest (a local day is at most 25 hours long, business opening after midnight).
        var horizon = now.AddHours(26);
        List<WindowRow> candidates;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            var rows = await (
                from i in db.SurveyInvitations.AsNoTracking()
                join c in db.Cases.AsNoTracking() on i.CaseId equals c.Id
                where i.RemindedAt == null && i.UsedAt == null && i.ExpiresAt > now && i.ExpiresAt <= horizon
                    && c.SurveyRound == i.Round && (c.Status == CaseStatus.Resolved || c.Status == CaseStatus.Rejected)
                    && !db.SurveyResponses.Any(r => r.CaseId == i.CaseId && r.Round == i.Round)
                orderby i.ExpiresAt
                select new { c.Id, c.Number, c.Version, c.RequesterId, i.Round, i.ExpiresAt, i.InvitedAt })
                .Take(SurveyWindow.BatchSize)
                .ToListAsync(cancellationToken).ConfigureAwait(false);

            // An invitation that itself went out on the last day already says so: no reminder on top of it.
            candidates = rows
                .Where(r => IsReminderTime(calendar, now, r.ExpiresAt)
                    && calendar.ToLocal(r.InvitedAt).Date != calendar.ToLocal(r.ExpiresAt).Date)
                .Select(r => new WindowRow(r.Id, r.Number, r.Version, r.RequesterId, r.Round, r.ExpiresAt))
                .ToList();
        }

        var reminded = await SurveyWindow.EachAsync(candidates, row => RemindOneAsync(row, calendar), cancellationToken).ConfigureAwait(false);
        if (reminded > 0)
        {
            LogReminded(logger, reminded);
        }

        return reminded;
    }

    /// <summary>
    /// Whether <paramref name="now"/> is reminder time for a window ending at <paramref name="windowEnd"/>: the
    /// local day of the window's end (its last business day), from that day's business opening, before the end.
    /// </summary>
    public static bool IsReminderTime(BusinessCalendar calendar, DateTimeOffset now, DateTimeOffset windowEnd)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (now >= windowEnd)
        {
            return false;
        }

        var localNow = calendar.ToLocal(now);
        var localEnd = calendar.ToLocal(windowEnd);
        if (localNow.Date != localEnd.Date)
        {
            return false;
        }

        var opens = calendar.WeeklyHours.TryGetValue(localEnd.DayOfWeek, out var ranges) && ranges.Count > 0
            ? ranges[0].Start
            : TimeOnly.MinValue;
        return TimeOnly.FromDateTime(localNow.DateTime) >= opens;
    }

    /// <summary>
    /// Claims the reminder with a conditional update (only one instance sees the row still unreminded), then writes
    /// the history entry and the notice in the same transaction. A requester without an account gets a fresh link
    /// (the token itself is never stored, so the invitation's cannot be repeated); both links work until the answer
    /// or the end of the window.
    /// </summary>
    private async Task<bool> RemindOneAsync(WindowRow row, BusinessCalendar calendar)
    {
        var now = time.GetUtcNow();
        PortalNotification? portal = null;
        StepOutcome outcome;
        await using (var db = await contextFactory.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false))
        {
            var (recipient, hasAccount) = await SurveyWindow.RequesterAsync(db, row.RequesterId).ConfigureAwait(false);
            var token = hasAccount ? null : SurveyTokens.NewToken();
            var pending = db.SurveyInvitations.Where(i => i.CaseId == row.CaseId && i.Round == row.Round && i.RemindedAt == null);
            outcome = await ExactlyOnce.ClaimAsync(
                db,
                claim: ct => token is null
                    ? pending.ExecuteUpdateAsync(s => s.SetProperty(i => i.RemindedAt, now), ct)
                    : pending.ExecuteUpdateAsync(
                        s => s.SetProperty(i => i.RemindedAt, now).SetProperty(i => i.ReminderTokenHash, SurveyTokens.Hash(token)), ct),
                step: async ct =>
                {
                    portal = null;

                    // Answered, closed or reopened since the list was read: give the claim back (the transaction rolls back).
                    if (!await SurveyWindow.StillInWindowAsync(db, row.CaseId, row.Round).ConfigureAwait(false))
                    {
                        return StepOutcome.NothingToDo;
                    }

                    // The case's row alone, tracked: its new history line is inserted, and the case, unchanged, keeps its version.
                    var c = await db.Cases.SingleAsync(x => x.Id == row.CaseId, ct).ConfigureAwait(false);
                    c.SurveyReminded(row.Round, new CaseContext(Actor.System, now, calendar));
                    var link = token is null ? Recipients.CaseLink(row.Number) : SurveyTokens.Link(token);
                    portal = recipient is null ? null : await composer.QueueAsync(db, new Notice(
                        $"survey-reminder:{row.CaseId:N}:{row.Round}", MessageKind.SurveyReminder, row.CaseId, row.Number, recipient, link,
                        SurveyWindow.WindowEnd(calendar, row.DueAt)), now, ct).ConfigureAwait(false);
                    return StepOutcome.Done;
                },
                CancellationToken.None).ConfigureAwait(false);
        }

        if (outcome == StepOutcome.DoneElsewhere)
        {
            SurveyWindow.LogAlreadyDone(logger, "reminder", row.Number);
        }

        if (outcome != StepOutcome.Done)
        {
            return false;
        }

        await SurveyWindow.PushAsync(notifier, logger, portal).ConfigureAwait(false);
        return true;
    }

    [LoggerMessage(EventId = 5115, Level = LogLevel.Information, Message = "Survey sweep: {Reminded} reminded")]
    private static partial void LogReminded(ILogger logger, int reminded);
}
