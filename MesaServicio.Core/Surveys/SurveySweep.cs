using System.Globalization;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using MesaServicio.Core.TimedWork;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Core.Surveys;

/// <summary>
/// The survey window's timed work (procedure activity 6), in three steps that run in this order:
/// <list type="number">
/// <item>invite the requester to the survey of each new round (resolution or rejection);</item>
/// <item>remind them on the last business day of the window, from that day's opening;</item>
/// <item>close the case "sin respuesta" once the window ended.</item>
/// </list>
/// Each case is done in its own short transaction whose record makes the step happen once, however many
/// instances run it and however often: the invitation row (key: case and round), the reminder's claim on that
/// row, and the case's version. The notices are written in the same transaction (outbox and portal inbox).
/// </summary>
public sealed partial class SurveySweep(
    IDbContextFactory<MesaDbContext> contextFactory,
    IBusinessCalendarProvider calendars,
    TimeProvider time,
    CaseCommandRunner runner,
    NoticeComposer composer,
    IPortalNotifier notifier,
    ILogger<SurveySweep> logger) : ITimedWork
{
    /// <summary>Most cases one step takes per run; the rest wait for the next run.</summary>
    public const int BatchSize = 200;

    public string Name => nameof(SurveySweep);

    public int Order => 10;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var calendar = calendars.Current;
        var invited = await InviteAsync(calendar, cancellationToken).ConfigureAwait(false);
        var reminded = await RemindAsync(calendar, cancellationToken).ConfigureAwait(false);
        var closed = await CloseAsync(cancellationToken).ConfigureAwait(false);
        if (invited + reminded + closed > 0)
        {
            LogSwept(logger, invited, reminded, closed);
        }

        return invited + reminded + closed;
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

    // ---- 1. Invitations ----

    private async Task<int> InviteAsync(BusinessCalendar calendar, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<WindowRow> due;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            // A window already over gets no invitation: the closing step handles it.
            due = await db.Cases.AsNoTracking()
                .Where(c => (c.Status == CaseStatus.Resolved || c.Status == CaseStatus.Rejected)
                    && c.SurveyDueAt != null && c.SurveyDueAt > now
                    && !db.SurveyInvitations.Any(i => i.CaseId == c.Id && i.Round == c.SurveyRound))
                .OrderBy(c => c.SurveyDueAt)
                .Select(c => new WindowRow(c.Id, c.Number, c.Version, c.RequesterId, c.SurveyRound, c.SurveyDueAt!.Value, c.Status))
                .Take(BatchSize)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var count = 0;
        foreach (var row in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await InviteOneAsync(row, calendar).ConfigureAwait(false))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// One invitation: the row (with the hash of a new link token), the history entry and the requester's notice,
    /// in one transaction. Not cancelled half-way: a stop waits for it (it is short).
    /// </summary>
    private async Task<bool> InviteOneAsync(WindowRow row, BusinessCalendar calendar)
    {
        var now = time.GetUtcNow();
        var token = SurveyTokens.NewToken();
        PortalNotification? portal;
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false);
            var (recipient, hasAccount) = await RequesterAsync(db, row.RequesterId).ConfigureAwait(false);
            var strategy = db.Database.CreateExecutionStrategy();
            var invited = await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);

                // Inside the write transaction: the requester may have answered (or the case moved on) since the list was read.
                if (!await StillInWindowAsync(db, row.CaseId, row.Round).ConfigureAwait(false))
                {
                    return (Invited: false, Portal: (PortalNotification?)null);
                }

                db.SurveyInvitations.Add(new SurveyInvitation(row.CaseId, row.Round, now, row.DueAt, SurveyTokens.Hash(token)));
                db.CaseHistory.Add(new CaseHistoryEntry(
                    row.CaseId, now, null, CaseAction.SurveyInvited, null, null, null, row.Round.ToString(CultureInfo.InvariantCulture), null));

                // A requester who signs in with Entra answers on the case page; one without an account, through the link.
                var link = hasAccount ? Recipients.CaseLink(row.Number) : SurveyTokens.Link(token);
                // The invitation is also how she learns of the solution or the rejection: its words say which.
                var notice = recipient is null ? null : await composer.QueueAsync(db, new Notice(
                    $"survey-invitation:{row.CaseId:N}:{row.Round}", MessageKind.SurveyInvitation, row.CaseId, row.Number, recipient, link,
                    WindowEnd(calendar, row.DueAt),
                    Template: row.Status == CaseStatus.Rejected ? "SurveyInvitation.Rejected" : "SurveyInvitation.Resolved"), now, CancellationToken.None)
                    .ConfigureAwait(false);
                await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                return (Invited: true, Portal: notice);
            }).ConfigureAwait(false);
            if (!invited.Invited)
            {
                return false;
            }

            portal = invited.Portal;
        }
        catch (DbUpdateException)
        {
            // Another instance inserted the same (case, round) first: its invitation stands.
            if (await InvitationExistsAsync(row.CaseId, row.Round).ConfigureAwait(false))
            {
                LogAlreadyDone(logger, "invitation", row.Number);
                return false;
            }

            throw;
        }

        await PushAsync(portal).ConfigureAwait(false);
        return true;
    }

    // ---- 2. Reminders ----

    private async Task<int> RemindAsync(BusinessCalendar calendar, CancellationToken cancellationToken)
    {
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
                .Take(BatchSize)
                .ToListAsync(cancellationToken).ConfigureAwait(false);

            // An invitation that itself went out on the last day already says so: no reminder on top of it.
            candidates = rows
                .Where(r => IsReminderTime(calendar, now, r.ExpiresAt)
                    && calendar.ToLocal(r.InvitedAt).Date != calendar.ToLocal(r.ExpiresAt).Date)
                .Select(r => new WindowRow(r.Id, r.Number, r.Version, r.RequesterId, r.Round, r.ExpiresAt))
                .ToList();
        }

        var count = 0;
        foreach (var row in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await RemindOneAsync(row, calendar).ConfigureAwait(false))
            {
                count++;
            }
        }

        return count;
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
        PortalNotification? portal;
        await using (var db = await contextFactory.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false))
        {
            var (recipient, hasAccount) = await RequesterAsync(db, row.RequesterId).ConfigureAwait(false);
            var token = hasAccount ? null : SurveyTokens.NewToken();
            var strategy = db.Database.CreateExecutionStrategy();
            var reminded = await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
                var pending = db.SurveyInvitations.Where(i => i.CaseId == row.CaseId && i.Round == row.Round && i.RemindedAt == null);
                var claimed = token is null
                    ? await pending.ExecuteUpdateAsync(s => s.SetProperty(i => i.RemindedAt, now), CancellationToken.None).ConfigureAwait(false)
                    : await pending.ExecuteUpdateAsync(
                        s => s.SetProperty(i => i.RemindedAt, now).SetProperty(i => i.ReminderTokenHash, SurveyTokens.Hash(token)),
                        CancellationToken.None).ConfigureAwait(false);
                if (claimed == 0)
                {
                    LogAlreadyDone(logger, "reminder", row.Number);
                    return (Reminded: false, Portal: (PortalNotification?)null);
                }

                // Answered, closed or reopened since the list was read: give the claim back (the transaction rolls back).
                if (!await StillInWindowAsync(db, row.CaseId, row.Round).ConfigureAwait(false))
                {
                    return (Reminded: false, Portal: null);
                }

                db.CaseHistory.Add(new CaseHistoryEntry(
                    row.CaseId, now, null, CaseAction.SurveyReminded, null, null, null, row.Round.ToString(CultureInfo.InvariantCulture), null));
                var link = token is null ? Recipients.CaseLink(row.Number) : SurveyTokens.Link(token);
                var notice = recipient is null ? null : await composer.QueueAsync(db, new Notice(
                    $"survey-reminder:{row.CaseId:N}:{row.Round}", MessageKind.SurveyReminder, row.CaseId, row.Number, recipient, link,
                    WindowEnd(calendar, row.DueAt)), now, CancellationToken.None).ConfigureAwait(false);
                await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                return (Reminded: true, Portal: notice);
            }).ConfigureAwait(false);
            if (!reminded.Reminded)
            {
                return false;
            }

            portal = reminded.Portal;
        }

        await PushAsync(portal).ConfigureAwait(false);
        return true;
    }

    // ---- 3. Closing without answer ----

    private async Task<int> CloseAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<WindowRow> ended;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            ended = await db.Cases.AsNoTracking()
                .Where(c => (c.Status == CaseStatus.Resolved || c.Status == CaseStatus.Rejected)
                    && c.SurveyDueAt != null && c.SurveyDueAt <= now)
                .OrderBy(c => c.SurveyDueAt)
                .Select(c => new WindowRow(c.Id, c.Number, c.Version, c.RequesterId, c.SurveyRound, c.SurveyDueAt!.Value))
                .Take(BatchSize)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var count = 0;
        foreach (var row in ended)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await CloseOneAsync(row).ConfigureAwait(false))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Closes through the same runner as a person's command, as the desk, on the version read: if the requester
    /// answered (or another instance closed it) in the meantime, the version no longer matches and nothing is written.
    /// </summary>
    private async Task<bool> CloseOneAsync(WindowRow row)
    {
        PortalNotification? portal = null;
        try
        {
            await runner.ExecuteAsync(row.Number, row.Version, CurrentUser.System, CaseOperationKind.Close, async (c, ctx, db) =>
            {
                var round = c.SurveyRound;
                c.CloseWithoutAnswer(ctx);
                var recipient = await Recipients.RequesterAsync(db, c.RequesterId, CancellationToken.None).ConfigureAwait(false);
                portal = recipient is null ? null : await composer.QueueAsync(db, new Notice(
                    $"survey-closed:{c.Id:N}:{round}", MessageKind.SurveyClosedWithoutAnswer, c.Id, c.Number, recipient,
                    Recipients.CaseLink(c)), ctx.Now, CancellationToken.None).ConfigureAwait(false);
            }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (DomainException ex)
        {
            // Includes ConcurrencyConflictException: someone answered, or another instance closed it, first.
            LogNotClosed(logger, row.Number, ex.Rule);
            return false;
        }
        catch (DbUpdateException)
        {
            // Another instance's close committed between this one's read and write (its notice's key was taken).
            if (!await StillInWindowAsync(row.CaseId, row.Round).ConfigureAwait(false))
            {
                LogAlreadyDone(logger, "closing", row.Number);
                return false;
            }

            throw;
        }

        await PushAsync(portal).ConfigureAwait(false);
        return true;
    }

    // ---- Shared ----

    private static async Task<(NoticeRecipient? Recipient, bool HasAccount)> RequesterAsync(MesaDbContext db, Guid requesterId)
    {
        var recipient = await Recipients.RequesterAsync(db, requesterId, CancellationToken.None).ConfigureAwait(false);
        var hasAccount = await db.People.AsNoTracking().Where(p => p.Id == requesterId).Select(p => p.ExternalObjectId != null)
            .SingleOrDefaultAsync(CancellationToken.None).ConfigureAwait(false);
        return (recipient, hasAccount);
    }

    private static Task<bool> StillInWindowAsync(MesaDbContext db, Guid caseId, int round) =>
        db.Cases.AsNoTracking().AnyAsync(
            c => c.Id == caseId && c.SurveyRound == round && (c.Status == CaseStatus.Resolved || c.Status == CaseStatus.Rejected)
                && !db.SurveyResponses.Any(r => r.CaseId == caseId && r.Round == round),
            CancellationToken.None);

    private async Task<bool> StillInWindowAsync(Guid caseId, int round)
    {
        await using var db = await contextFactory.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false);
        return await StillInWindowAsync(db, caseId, round).ConfigureAwait(false);
    }

    private async Task<bool> InvitationExistsAsync(Guid caseId, int round)
    {
        await using var db = await contextFactory.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false);
        return await db.SurveyInvitations.AsNoTracking().AnyAsync(i => i.CaseId == caseId && i.Round == round, CancellationToken.None)
            .ConfigureAwait(false);
    }

    private static string WindowEnd(BusinessCalendar calendar, DateTimeOffset due) => NoticeComposer.FormatInstant(calendar.ToLocal(due));

    /// <summary>The inbox is the truth; a live push that fails only delays the notice to the next page load.</summary>
    private async Task PushAsync(PortalNotification? portal)
    {
        if (portal is null)
        {
            return;
        }

        try
        {
            await notifier.PushAsync([portal], CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The change is committed; a failed live push must not fail the sweep.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogPushFailed(logger, ex);
        }
    }

    /// <summary>What one step needs of a case in its survey window.</summary>
    private sealed record WindowRow(Guid CaseId, string Number, int Version, Guid RequesterId, int Round, DateTimeOffset DueAt, CaseStatus? Status = null);

    [LoggerMessage(EventId = 5111, Level = LogLevel.Information, Message = "Survey sweep: {Invited} invited, {Reminded} reminded, {Closed} closed without answer")]
    private static partial void LogSwept(ILogger logger, int invited, int reminded, int closed);

    [LoggerMessage(EventId = 5112, Level = LogLevel.Debug, Message = "Survey {Step} of case {CaseNumber} already done by another instance")]
    private static partial void LogAlreadyDone(ILogger logger, string step, string caseNumber);

    [LoggerMessage(EventId = 5113, Level = LogLevel.Debug, Message = "Case {CaseNumber} not closed without answer: {Rule}")]
    private static partial void LogNotClosed(ILogger logger, string caseNumber, string rule);

    [LoggerMessage(EventId = 5114, Level = LogLevel.Warning, Message = "Live push of a survey notice failed; it waits in the inbox")]
    private static partial void LogPushFailed(ILogger logger, Exception exception);
}
