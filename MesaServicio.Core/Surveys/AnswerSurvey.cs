using MesaServicio.Core.Cases;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Surveys;

/// <summary>The requester answers the survey of their case in the portal.</summary>
public sealed record AnswerSurveyCommand(string Number, int? ExpectedVersion, SurveyAnswer Answer);

/// <summary>
/// Stores a survey answer and applies it in one transaction: "satisfied" closes the case; "not satisfied" is a
/// novedad, and the assignee and the category's lead are told (portal and e-mail, through the outbox).
/// </summary>
public sealed class AnswerSurvey(CaseCommandRunner runner, NoticeComposer composer, IPortalNotifier notifier)
{
    public async Task<CaseChangeResult> HandleAsync(AnswerSurveyCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var notices = new List<PortalNotification>();
        var result = await runner.ExecuteAsync(command.Number, command.ExpectedVersion, user, CaseOperationKind.AnswerSurvey,
            (c, ctx, db) => ApplyAsync(c, command.Answer, SurveyChannel.Portal, ctx, db, composer, notices, cancellationToken),
            cancellationToken).ConfigureAwait(false);

        // Committed: the notices are pushed whatever happens to the request that made the change.
        await notifier.PushAsync(notices, CancellationToken.None).ConfigureAwait(false);
        return result;
    }

    /// <summary>Applies an answer to a loaded case (shared with the link answer): the case, the invitation, the novedad's notices.</summary>
    internal static async Task ApplyAsync(
        Case c, SurveyAnswer answer, SurveyChannel channel, CaseContext ctx, MesaDbContext db, NoticeComposer composer,
        List<PortalNotification> notices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var round = c.SurveyRound;
        c.AnswerSurvey(answer, channel, ctx);
        var invitation = await db.SurveyInvitations.SingleOrDefaultAsync(i => i.CaseId == c.Id && i.Round == round, cancellationToken)
            .ConfigureAwait(false);
        invitation?.MarkUsed(ctx.Now);
        if (answer.Satisfied)
        {
            return;
        }

        var recipients = await Recipients.AssigneeAndLeadAsync(db, c.AssigneeId, c.CategoryId, cancellationToken).ConfigureAwait(false);
        foreach (var recipient in recipients)
        {
            var portal = await composer.QueueAsync(db, new Notice(
                $"novedad:{c.Id:N}:{round}:{recipient.PersonId:N}", MessageKind.NovedadReported, c.Id, c.Number, recipient,
                Recipients.CaseLink(c)), ctx.Now, cancellationToken).ConfigureAwait(false);
            if (portal is not null)
            {
                notices.Add(portal);
            }
        }
    }
}
