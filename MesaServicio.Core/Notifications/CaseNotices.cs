using MesaServicio.Core.Answers;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Surveys;

namespace MesaServicio.Core.Notifications;

/// <summary>
/// Who hears of a case's change, and how (PRODUCT.md, "Talking with people"). The requester: her case registered, a
/// question (with a signed answer link when she has no account), a message, an escalation, the decision on her novedad.
/// Staff: a case assigned or escalated to them, the requester's answer, a case nobody could be given. The solution and
/// the rejection reach the requester with the survey's invitation (<see cref="Surveys.SurveyInvitationSweep"/>). Nobody is told of their
/// own action. Each notice's key names its event and recipient: the database refuses it twice. The notices are added to
/// the change's own context: they commit with it or not at all.
/// </summary>
public sealed class CaseNotices(NoticeComposer composer, IBusinessCalendarProvider calendars) : ICaseNotices
{
    public Task<IReadOnlyList<PortalNotification>> QueueAsync(
        MesaDbContext db, Case c, IReadOnlyList<CaseEvent> events, Guid? actorId, DateTimeOffset now, CancellationToken cancellationToken) =>
        QueueAsync(db, new DatabaseNoticeDirectory(db), c, events, actorId, now, cancellationToken);

    /// <summary>The same, with people read through <paramref name="directory"/> (a registration batch serves them from memory).</summary>
    public async Task<IReadOnlyList<PortalNotification>> QueueAsync(
        MesaDbContext db, INoticeDirectory directory, Case c, IReadOnlyList<CaseEvent> events, Guid? actorId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(events);
        var notices = new List<Notice>();
        var link = Recipients.CaseLink(c);
        NoticeRecipient? requester = null;
        bool? requesterHasAccount = null;

        async Task<NoticeRecipient?> Requester()
        {
            if (requesterHasAccount is null)
            {
                (requester, var hasAccount) = await directory.RequesterAsync(c, cancellationToken).ConfigureAwait(false);
                requesterHasAccount = hasAccount;
            }

            return requester;
        }

        async Task ToPeople(IEnumerable<Guid> ids, MessageKind kind, string key, string? detail = null)
        {
            foreach (var person in await directory.ActiveAsync(ids.Where(id => id != actorId).Distinct().ToList(), cancellationToken).ConfigureAwait(false))
            {
                notices.Add(new Notice($"{key}:{person.PersonId:N}", kind, c.Id, c.Number, person, link, detail));
            }
        }

        foreach (var e in events.Where(e => e.CaseId == c.Id))
        {
            switch (e)
            {
                case CaseRegistered when await Requester().ConfigureAwait(false) is { } r:
                    notices.Add(new Notice($"registered:{c.Id:N}", MessageKind.CaseRegistered, c.Id, c.Number, r, link, RegisteredDetail(c),
                        Template: requesterHasAccount == true ? null : "CaseRegistered.External"));
                    break;
                case CaseAssigned a:
                    await ToPeople([a.AssigneeId], MessageKind.AssignedToYou, $"assigned:{c.Id:N}:v{c.Version}").ConfigureAwait(false);
                    break;
                case CaseEscalated x:
                    await ToPeople([x.AssigneeId], MessageKind.EscalatedToYou, $"escalated-to:{c.Id:N}:v{c.Version}").ConfigureAwait(false);
                    break;
                case CaseLeftUnassigned u:
                    var members = await directory.GroupMembersAsync(u.GroupId, cancellationToken).ConfigureAwait(false);
                    var lead = await directory.CategoryLeadAsync(c.CategoryId, cancellationToken).ConfigureAwait(false);
                    var coordinators = await directory.CoordinatorsAsync(cancellationToken).ConfigureAwait(false);
                    await ToPeople(members.Concat(new[] { lead }.OfType<Guid>()).Concat(coordinators),
                        MessageKind.UnassignedCase, $"unassigned:{c.Id:N}:v{c.Version}").ConfigureAwait(false);
                    break;
                case CaseMessagePosted { IsInternal: false, FromRequester: true } m:
                    var toldOfAnswer = c.AssigneeId is { } assignee
                        ? [assignee]
                        : new[] { await directory.CategoryLeadAsync(c.CategoryId, cancellationToken).ConfigureAwait(false) }.OfType<Guid>().ToArray();
                    await ToPeople(toldOfAnswer, MessageKind.RequesterAnswered, $"answered:{m.MessageId:N}").ConfigureAwait(false);
                    break;
                case CaseMessagePosted { IsInternal: false, FromRequester: false } m when await Requester().ConfigureAwait(false) is { } r:
                    var notice = ForRequester(db, c, m, r, requesterHasAccount == true, events);
                    if (notice is not null && r.PersonId != actorId)
                    {
                        notices.Add(notice);
                    }

                    break;
            }
        }

        var portal = new List<PortalNotification>();
        foreach (var notice in notices)
        {
            var optedOut = notice.Recipient.PersonId is { } person
                && await directory.OptedOutAsync(person, notice.Kind, cancellationToken).ConfigureAwait(false);
            if (composer.Queue(db, optedOut ? notice with { SendEmail = false } : notice, now) is { } p)
            {
                portal.Add(p);
            }
        }

        return portal;
    }

    /// <summary>
    /// What a desk message tells the requester. A question gets a row for its reminder; for a requester without an account
    /// every message gets a signed link to read the conversation and answer (<c>/respuesta/{token}</c>).
    /// </summary>
    private Notice? ForRequester(
        MesaDbContext db, Case c, CaseMessagePosted m, NoticeRecipient requester, bool hasAccount, IReadOnlyList<CaseEvent> events)
    {
        var kind = m.Kind switch
        {
            CaseMessageKind.Question => MessageKind.QuestionAsked,
            CaseMessageKind.Escalation => MessageKind.CaseEscalated,
            CaseMessageKind.NovedadDecision when events.OfType<CaseStatusChanged>()
                .Any(s => s.From == CaseStatus.NovedadReported && s.To == CaseStatus.InProgress) => MessageKind.CaseReopened,
            CaseMessageKind.NovedadDecision => MessageKind.NovedadDecided,
            CaseMessageKind.Comment or CaseMessageKind.ProblemUpdate or CaseMessageKind.SiteVisit => MessageKind.DeskMessage,
            CaseMessageKind.LegalTermExtension => MessageKind.LegalTermExtended,

            // The solution and the rejection's reasons go with the survey's invitation.
            _ => (MessageKind?)null,
        };
        if (kind is not { } k)
        {
            return null;
        }

        var isQuestion = m.Kind == CaseMessageKind.Question;
        var token = hasAccount || c.Status == CaseStatus.Closed ? null : SurveyTokens.NewToken();
        if (isQuestion || token is not null)
        {
            var calendar = calendars.Current;
            db.AnswerInvitations.Add(new AnswerInvitation(
                m.MessageId, c.Id, m.At, isQuestion ? AnswerInvitation.ReminderTime(calendar, m.At) : null,
                calendar.EndOfNthBusinessDayAfter(m.At, AnswerInvitation.LinkBusinessDays), token is null ? null : SurveyTokens.Hash(token)));
        }

        // Without an account and on a closed case there is nothing to answer: the e-mail says what happened, with no link.
        var link = hasAccount ? Recipients.CaseLink(c) : token is null ? "" : AnswerInvitation.Link(token);
        // The extension's e-mail carries the new date and the reason: the law has the requester told of both (art. 14, parágrafo).
        var detail = m.Kind == CaseMessageKind.LegalTermExtension ? c.Comments.FirstOrDefault(x => x.Id == m.MessageId)?.Text : null;
        return new Notice($"{k}:{m.MessageId:N}", k, c.Id, c.Number, requester, link, detail,
            Template: hasAccount ? null : token is null ? k + ".Closed" : k + ".Link");
    }

    /// <summary>"Prioridad Alta. La mesa debe empezar a atenderlo a más tardar el …" — what the ANS promises, in words.</summary>
    private string RegisteredDetail(Case c)
    {
        var calendar = calendars.Current;
        var priority = DomainMessages.Get("Priority." + c.Priority);
        var attend = c.AttendDueAt is { } a ? NoticeComposer.FormatInstant(calendar.ToLocal(a)) : null;
        var resolve = c.ResolveBaseDueAt is { } r ? NoticeComposer.FormatInstant(calendar.ToLocal(r)) : null;
        return (attend, resolve) switch
        {
            (not null, not null) => DomainMessages.Get("Notice.Registered.Both", priority, attend, resolve),
            (not null, null) => DomainMessages.Get("Notice.Registered.AttendOnly", priority, attend),
            (null, not null) => DomainMessages.Get("Notice.Registered.ResolveOnly", priority, resolve),
            _ => DomainMessages.Get("Notice.Registered.NoSla", priority),
        };
    }
}
