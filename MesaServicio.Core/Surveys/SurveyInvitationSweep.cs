using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.TimedWork;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Core.Surveys;

/// <summary>
/// First survey-window step: invites the requester to the survey of each new round (resolution or rejection).
/// The invitation row (unique per case and round) makes it happen once; see <see cref="SurveyWindow"/>.
/// </summary>
public sealed partial class SurveyInvitationSweep(
    IDbContextFactory<MesaDbContext> contextFactory,
    IBusinessCalendarProvider calendars,
    TimeProvider time,
    NoticeComposer composer,
    IPortalNotifier notifier,
    ILogger<SurveyInvitationSweep> logger) : ITimedWork
{
    public string Name => nameof(SurveyInvitationSweep);

    public int Order => 9;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var calendar = calendars.Current;
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
                .Take(SurveyWindow.BatchSize)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var invited = await SurveyWindow.EachAsync(due, row => InviteOneAsync(row, calendar), cancellationToken).ConfigureAwait(false);
        if (invited > 0)
        {
            LogInvited(logger, invited);
        }

        return invited;
    }

    /// <summary>
    /// One invitation: the row (with the hash of a new link token), the history entry and the requester's notice,
    /// in one transaction. Not cancelled half-way: a stop waits for it (it is short).
    /// </summary>
    private async Task<bool> InviteOneAsync(WindowRow row, BusinessCalendar calendar)
    {
        var now = time.GetUtcNow();
        var token = SurveyTokens.NewToken();
        PortalNotification? portal = null;
        StepOutcome outcome;
        await using (var db = await contextFactory.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false))
        {
            var (recipient, hasAccount) = await SurveyWindow.RequesterAsync(db, row.RequesterId).ConfigureAwait(false);
            outcome = await ExactlyOnce.RunAsync(db, async ct =>
            {
                portal = null;

                // Inside the write transaction: the requester may have answered (or the case moved on) since the list was read.
                if (!await SurveyWindow.StillInWindowAsync(db, row.CaseId, row.Round).ConfigureAwait(false))
                {
                    return StepOutcome.NothingToDo;
                }

                db.SurveyInvitations.Add(new SurveyInvitation(row.CaseId, row.Round, now, row.DueAt, SurveyTokens.Hash(token)));
                // The case's row alone, tracked: its new history line is inserted, and the case, unchanged, keeps its version.
                var c = await db.Cases.SingleAsync(x => x.Id == row.CaseId, ct).ConfigureAwait(false);
                c.SurveyInvited(row.Round, new CaseContext(Actor.System, now, calendar));

                // A requester who signs in with Entra answers on the case page; one without an account, through the link.
                var link = hasAccount ? Recipients.CaseLink(row.Number) : SurveyTokens.Link(token);
                // The invitation is also how she learns of the solution or the rejection: its words say which.
                portal = recipient is null ? null : await composer.QueueAsync(db, new Notice(
                    $"survey-invitation:{row.CaseId:N}:{row.Round}", MessageKind.SurveyInvitation, row.CaseId, row.Number, recipient, link,
                    SurveyWindow.WindowEnd(calendar, row.DueAt),
                    Template: row.Status == CaseStatus.Rejected ? "SurveyInvitation.Rejected" : "SurveyInvitation.Resolved"), now, ct)
                    .ConfigureAwait(false);
                return StepOutcome.Done;
            },
            // Another instance inserted the same (case, round) first: its invitation stands.
            recordedElsewhere: () => InvitationExistsAsync(row.CaseId, row.Round),
            CancellationToken.None).ConfigureAwait(false);
        }

        if (outcome == StepOutcome.DoneElsewhere)
        {
            SurveyWindow.LogAlreadyDone(logger, "invitation", row.Number);
        }

        if (outcome != StepOutcome.Done)
        {
            return false;
        }

        await SurveyWindow.PushAsync(notifier, logger, portal).ConfigureAwait(false);
        return true;
    }

    private async Task<bool> InvitationExistsAsync(Guid caseId, int round)
    {
        await using var db = await contextFactory.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false);
        return await db.SurveyInvitations.AsNoTracking().AnyAsync(i => i.CaseId == caseId && i.Round == round, CancellationToken.None)
            .ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 5111, Level = LogLevel.Information, Message = "Survey sweep: {Invited} invited")]
    private static partial void LogInvited(ILogger logger, int invited);
}
