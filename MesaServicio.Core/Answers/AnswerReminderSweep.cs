using MesaServicio.Core.Cases;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Surveys;
using MesaServicio.Core.TimedWork;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Core.Answers;

/// <summary>
/// Reminds a requester whose case has waited on her answer for two business days (<see cref="AnswerInvitation.RemindAt"/>):
/// once per question, the latest one, while the case still waits. A requester without an account gets a new signed link.
/// The claim on the question's row and the reminder's unique key make it happen once, however many instances sweep.
/// </summary>
public sealed partial class AnswerReminderSweep(
    IDbContextFactory<MesaDbContext> contextFactory, TimeProvider time, NoticeComposer composer, IPortalNotifier notifier,
    ILogger<AnswerReminderSweep> logger) : ITimedWork
{
    /// <summary>Most reminders per run.</summary>
    public const int BatchSize = 200;

    public string Name => nameof(AnswerReminderSweep);

    public int Order => 12;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<Guid> due;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            due = await (
                from i in db.AnswerInvitations.AsNoTracking()
                join c in db.Cases.AsNoTracking() on i.CaseId equals c.Id
                where i.RemindAt != null && i.RemindedAt == null && i.RemindAt <= now && i.ExpiresAt > now
                    && c.Status == CaseStatus.WaitingOnRequester
                    && !db.AnswerInvitations.Any(o => o.CaseId == i.CaseId && o.RemindAt != null && o.CreatedAt > i.CreatedAt)
                orderby i.RemindAt
                select i.MessageId).Take(BatchSize).ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var count = 0;
        foreach (var messageId in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await RemindAsync(messageId).ConfigureAwait(false))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Claims the reminder with a conditional update of the question's row (only one instance sees it still unreminded,
    /// with the hash of the new link's token for a requester without an account), then queues the notice in the same
    /// transaction. The requester may have answered since the list was read: the claim is given back. Not cancelled
    /// half-way: a stop waits for it (it is short).
    /// </summary>
    private async Task<bool> RemindAsync(Guid messageId)
    {
        var now = time.GetUtcNow();
        PortalNotification? portal = null;
        StepOutcome outcome;
        await using (var db = await contextFactory.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false))
        {
            var c = await (
                from i in db.AnswerInvitations.AsNoTracking()
                join x in db.Cases.AsNoTracking() on i.CaseId equals x.Id
                where i.MessageId == messageId
                select new { x.Id, x.Number, x.RequesterId, x.Channel }).SingleAsync(CancellationToken.None).ConfigureAwait(false);
            var recipient = await Recipients.RequesterAsync(db, c.RequesterId, CancellationToken.None).ConfigureAwait(false);
            var hasAccount = c.Channel != CaseChannel.Pqrs || await db.People.AsNoTracking().Where(p => p.Id == c.RequesterId)
                .Select(p => p.ExternalObjectId != null).SingleAsync(CancellationToken.None).ConfigureAwait(false);
            var token = hasAccount ? null : SurveyTokens.NewToken();
            var tokenHash = token is null ? null : SurveyTokens.Hash(token);
            outcome = await ExactlyOnce.ClaimAsync(
                db,
                claim: ct => db.AnswerInvitations.Where(i => i.MessageId == messageId && i.RemindedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.RemindedAt, now).SetProperty(i => i.ReminderTokenHash, tokenHash), ct),
                step: async ct =>
                {
                    portal = null;
                    if (!await db.Cases.AnyAsync(x => x.Id == c.Id && x.Status == CaseStatus.WaitingOnRequester, ct).ConfigureAwait(false))
                    {
                        return StepOutcome.NothingToDo;
                    }

                    portal = recipient is null ? null : await composer.QueueAsync(db, new Notice(
                        $"answer-reminder:{messageId:N}", MessageKind.AnswerReminder, c.Id, c.Number, recipient,
                        token is null ? Recipients.CaseLink(c.Number) : AnswerInvitation.Link(token),
                        Template: token is null ? null : "AnswerReminder.Link"), now, ct).ConfigureAwait(false);
                    return StepOutcome.Done;
                },
                CancellationToken.None).ConfigureAwait(false);
        }

        if (outcome == StepOutcome.DoneElsewhere)
        {
            // Another instance reminded first: its reminder stands.
            LogAlreadyReminded(logger, messageId);
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "The answer reminder of question {MessageId} was already sent.")]
    private static partial void LogAlreadyReminded(ILogger logger, Guid messageId);
}
