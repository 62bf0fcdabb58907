using MesaServicio.Core.Cases;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.People;
using MesaServicio.Core.Security;
using MesaServicio.Core.Surveys;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Notifications;

/// <summary>
/// Each notice kind of "Talking with people": who gets it (and who does not), its Spanish words, once per event, and the
/// person's e-mail choice honoured (the portal notice stays).
/// </summary>
public sealed class CaseNoticeKindsTests
{
    private static readonly CurrentUser Requester = CurrentUser.Person(DemoPeople.Requester, PersonRoles.None);

    [Fact]
    public async Task Every_kind_has_its_three_Spanish_texts_and_its_variants()
    {
        foreach (var kind in EmailPreferences.RequesterKinds.Concat(EmailPreferences.StaffKinds))
        {
            NoticeComposer.HasTexts(kind).Should().BeTrue("{0} needs a subject, a body and a portal text", kind);
        }

        foreach (var kind in new[] { MessageKind.QuestionAsked, MessageKind.DeskMessage, MessageKind.CaseEscalated, MessageKind.NovedadDecided, MessageKind.CaseReopened })
        {
            NoticeComposer.HasTexts(kind + ".Link").Should().BeTrue("a requester without an account gets {0} with her answer link", kind);
            NoticeComposer.HasTexts(kind + ".Closed").Should().BeTrue();
        }

        NoticeComposer.HasTexts("CaseRegistered.External").Should().BeTrue();
        NoticeComposer.HasTexts("AnswerReminder.Link").Should().BeTrue();
        NoticeComposer.HasTexts("SurveyInvitation.Resolved").Should().BeTrue();
        NoticeComposer.HasTexts("SurveyInvitation.Rejected").Should().BeTrue();
    }

    [Fact]
    public async Task A_desk_comment_reaches_the_requester_an_internal_note_never_does_and_nobody_hears_of_their_own_message()
    {
        await using var host = await CoreHost.StartAsync();
        var (number, assignee, agent) = await AttendedAsync(host);

        await host.Get<CommentOnCase>().HandleAsync(new(number, "Nota para el equipo: revisar el perfil de Outlook.", true), agent, default);
        (await NoticesAsync(host, MessageKind.DeskMessage)).Should().BeEmpty("internal notes never reach the requester");

        await host.Get<CommentOnCase>().HandleAsync(new(number, "Estamos revisando su perfil de Outlook.", false), agent, default);
        var notice = (await NoticesAsync(host, MessageKind.DeskMessage)).Should().ContainSingle().Which;
        notice.PersonId.Should().Be(DemoPeople.Requester);
        notice.Text.Should().Be($"Caso {number}: tiene un mensaje nuevo de la mesa de servicio.");
        (await MailsAsync(host, MessageKind.DeskMessage)).Should().ContainSingle().Which.Subject.Should().Be($"Caso {number}: tiene un mensaje de la mesa de servicio");
        (await NoticesAsync(host, MessageKind.RequesterAnswered)).Should().BeEmpty("the agent's own message tells the agent nothing");

        await host.Get<CommentOnCase>().HandleAsync(new(number, "Gracias, quedo atenta.", false), Requester, default);
        (await NoticesAsync(host, MessageKind.RequesterAnswered)).Should().ContainSingle().Which.PersonId.Should().Be(assignee);
        (await NoticesAsync(host, MessageKind.DeskMessage)).Should().ContainSingle("her own message tells her nothing");
    }

    [Fact]
    public async Task An_escalation_tells_the_new_assignee_and_the_requester_in_public_words_not_the_internal_reason()
    {
        await using var host = await CoreHost.StartAsync();
        var (number, _, agent) = await AttendedAsync(host);

        await host.Get<EscalateCase>().HandleAsync(new(number, null, EscalationKind.NextLevel, DemoPeople.Level2Agent, null,
            "Perfil corrupto en el servidor Exchange: requiere nivel 2."), agent, default);

        (await NoticesAsync(host, MessageKind.EscalatedToYou)).Should().ContainSingle().Which.PersonId.Should().Be(DemoPeople.Level2Agent);
        (await NoticesAsync(host, MessageKind.CaseEscalated)).Should().ContainSingle().Which.PersonId.Should().Be(DemoPeople.Requester);
        var seen = await host.Get<GetCaseDetails>().HandleAsync(number, Requester, default);
        var message = seen.Messages.Should().ContainSingle(m => m.Kind == CaseMessageKind.Escalation).Which;
        message.Text.Should().Be("Su caso pasó al nivel 2 de soporte: lo atenderá un especialista de la mesa de servicio.");
        seen.Messages.Should().NotContain(m => m.Text.Contains("Exchange", StringComparison.Ordinal), "the reason is the desk's");
    }

    [Fact]
    public async Task A_public_note_on_an_escalation_is_what_the_requester_reads()
    {
        await using var host = await CoreHost.StartAsync();
        var (number, _, agent) = await AttendedAsync(host);
        await host.Get<EscalateCase>().HandleAsync(new(number, null, EscalationKind.NextLevel, DemoPeople.Level2Agent, null,
            "Perfil corrupto.", "Un especialista revisará su buzón hoy en la tarde."), agent, default);

        var seen = await host.Get<GetCaseDetails>().HandleAsync(number, Requester, default);
        seen.Messages.Should().ContainSingle(m => m.Kind == CaseMessageKind.Escalation).Which.Text.Should().Be("Un especialista revisará su buzón hoy en la tarde.");
    }

    [Fact]
    public async Task The_solution_and_the_rejection_reach_the_requester_with_the_survey_in_their_own_words()
    {
        await using var host = await CoreHost.StartAsync();
        var (resolved, _, agent) = await AttendedAsync(host);
        await host.Get<ResolveCase>().HandleAsync(new(resolved, null, "Se recreó el perfil de Outlook."), agent, default);
        var rejected = await host.FileAsync(subject: "Quiero un computador nuevo");
        var rejecter = await host.UserAsync((await host.LoadAsync(rejected.Number)).AssigneeId!.Value);
        await host.Get<RejectCase>().HandleAsync(new(rejected.Number, null, RejectionReason.OutOfScope, "La renovación de equipos la tramita Recursos Físicos.", null),
            rejecter, default);

        await host.Get<SurveyInvitationSweep>().RunAsync(default);
        var mails = await MailsAsync(host, MessageKind.SurveyInvitation);
        mails.Should().HaveCount(2);
        mails.Single(m => m.Subject!.Contains(resolved, StringComparison.Ordinal)).Subject.Should().Be($"Caso {resolved}: registramos la solución; cuéntenos cómo le fue");
        mails.Single(m => m.Subject!.Contains(rejected.Number, StringComparison.Ordinal)).Subject.Should().Be($"Caso {rejected.Number}: su caso fue rechazado; lea los motivos");
        var portal = await NoticesAsync(host, MessageKind.SurveyInvitation);
        portal.Should().Contain(n => n.Text.StartsWith($"Su caso {rejected.Number} fue rechazado", StringComparison.Ordinal));
        (await host.Get<SurveyInvitationSweep>().RunAsync(default)).Should().Be(0);
        (await MailsAsync(host, MessageKind.SurveyInvitation)).Should().HaveCount(2, "once per round");
    }

    [Fact]
    public async Task The_decision_on_a_novedad_reaches_the_requester_reopened_or_closed()
    {
        await using var host = await CoreHost.StartAsync();
        foreach (var reopen in new[] { true, false })
        {
            var (number, _, agent) = await AttendedAsync(host);
            await host.Get<ResolveCase>().HandleAsync(new(number, null, "Se recreó el perfil."), agent, default);
            await host.Get<AnswerSurvey>().HandleAsync(new(number, null, new SurveyAnswer(false, 2, 2, 4, "Sigue fallando.")), Requester, default);
            if (reopen)
            {
                await host.Get<ReopenCase>().HandleAsync(new(number, null, "Revisaremos el equipo en sitio."), agent, default);
            }
            else
            {
                await host.Get<CloseCase>().HandleAsync(new(number, null, CloseOutcome.NewCaseRequired, "Registre un caso de cambio de equipo."), agent, default);
            }
        }

        (await NoticesAsync(host, MessageKind.CaseReopened)).Should().ContainSingle().Which.PersonId.Should().Be(DemoPeople.Requester);
        (await NoticesAsync(host, MessageKind.NovedadDecided)).Should().ContainSingle();
        var closed = (await MailsAsync(host, MessageKind.NovedadDecided)).Should().ContainSingle().Which;
        closed.TextBody.Should().Contain("revisó la novedad que reportó").And.Contain("/casos/MS-", "she reads the decision in her case");
    }

    [Fact]
    public async Task A_staff_member_who_switched_an_email_kind_off_gets_the_portal_notice_only()
    {
        await using var host = await CoreHost.StartAsync();
        foreach (var agentId in new[] { DemoPeople.Agent1, DemoPeople.Agent2, DemoPeople.Agent3 })
        {
            await host.Get<SetEmailPreference>().HandleAsync(new(MessageKind.AssignedToYou, false), await host.UserAsync(agentId), default);
        }

        var filed = await host.FileAsync();
        var assignee = (await host.LoadAsync(filed.Number)).AssigneeId!.Value;
        (await NoticesAsync(host, MessageKind.AssignedToYou)).Should().ContainSingle().Which.PersonId.Should().Be(assignee);
        (await MailsAsync(host, MessageKind.AssignedToYou)).Should().BeEmpty();

        await host.Get<SetEmailPreference>().HandleAsync(new(MessageKind.AssignedToYou, true), await host.UserAsync(assignee), default);
        (await host.Get<GetEmailPreferences>().HandleAsync(await host.UserAsync(assignee), default))
            .Single(p => p.Kind == MessageKind.AssignedToYou).Enabled.Should().BeTrue("switched on again");
    }

    private static async Task<(string Number, Guid Assignee, CurrentUser Agent)> AttendedAsync(CoreHost host)
    {
        var filed = await host.FileAsync();
        var assignee = (await host.LoadAsync(filed.Number)).AssigneeId!.Value;
        var agent = await host.UserAsync(assignee);
        await host.Get<AttendCase>().HandleAsync(new(filed.Number, null), agent, default);
        return (filed.Number, assignee, agent);
    }

    private static async Task<List<PortalNotification>> NoticesAsync(CoreHost host, MessageKind kind)
    {
        await using var db = host.NewContext();
        return await db.PortalNotifications.AsNoTracking().Where(n => n.Kind == kind).ToListAsync();
    }

    private static async Task<List<OutboxMessage>> MailsAsync(CoreHost host, MessageKind kind)
    {
        await using var db = host.NewContext();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == kind).ToListAsync();
    }
}
