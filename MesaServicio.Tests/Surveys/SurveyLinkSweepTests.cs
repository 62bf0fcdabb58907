using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Surveys;
using MesaServicio.Tests.Support;
using static MesaServicio.Tests.Surveys.SurveyScenario;

namespace MesaServicio.Tests.Surveys;

/// <summary>The <c>/encuesta/{token}</c> link that the sweep's invitation carries to a requester without an account.</summary>
public class SurveyLinkSweepTests
{
    private static readonly SurveyAnswer Satisfied = new(true, 5, 4, 5, "Muy amables.");

    private static async Task<(Case Case, string Token)> InvitedAsync(CoreHost host)
    {
        var c = await FileAndResolveAsync(host);
        await SweepAsync(host);
        var mail = (await MailsAsync(host, c.Id, MessageKind.SurveyInvitation)).Single();
        return (c, TokenIn(mail));
    }

    [Fact]
    public async Task The_link_in_the_invitation_shows_the_case_and_answers_its_survey_once()
    {
        await using var host = await CoreHost.StartAsync(FridayAfternoon);
        var (c, token) = await InvitedAsync(host);
        var links = host.Get<SurveyLinks>();
        host.Time.SetUtcNow(Mar(24, 10));

        var view = await links.ReadAsync(token, default);
        view.State.Should().Be(SurveyLinkState.Valid);
        view.Number.Should().Be(c.Number);
        view.Outcome.Should().Be("Se reconfiguró el perfil de Outlook.");
        view.WindowEndsAt.Should().Be(WindowEnd);

        var result = await links.AnswerAsync(token, Satisfied, default);
        result.Status.Should().Be(CaseStatus.Closed);
        var closed = await host.LoadAsync(c.Number);
        closed.CloseOutcome.Should().Be(CloseOutcome.Satisfied);
        (await InvitationAsync(host, c.Id)).UsedAt.Should().Be(Mar(24, 10));

        (await links.ReadAsync(token, default)).State.Should().Be(SurveyLinkState.Used);
        var again = () => links.AnswerAsync(token, Satisfied, default);
        (await again.Should().ThrowAsync<DomainException>()).Which.Rule.Should().Be(DomainRules.SurveyLinkUsed);

        host.Time.SetUtcNow(WindowEnd.AddHours(1));
        (await SweepAsync(host)).Should().Be(0, "an answered case is not closed again");
    }

    [Fact]
    public async Task The_link_stops_working_at_the_end_of_the_window()
    {
        await using var host = await CoreHost.StartAsync(FridayAfternoon);
        var (c, token) = await InvitedAsync(host);
        var links = host.Get<SurveyLinks>();

        host.Time.SetUtcNow(WindowEnd.AddSeconds(-1));
        (await links.ReadAsync(token, default)).State.Should().Be(SurveyLinkState.Valid);
        host.Time.SetUtcNow(WindowEnd);
        (await links.ReadAsync(token, default)).State.Should().Be(SurveyLinkState.Expired);
        var late = () => links.AnswerAsync(token, Satisfied, default);
        (await late.Should().ThrowAsync<DomainException>()).Which.Rule.Should().Be(DomainRules.SurveyLinkExpired);
        (await host.LoadAsync(c.Number)).Status.Should().Be(CaseStatus.Resolved, "a refused answer changes nothing");
    }

    [Fact]
    public async Task A_link_answers_only_the_case_it_was_sent_for()
    {
        await using var host = await CoreHost.StartAsync(FridayAfternoon);
        var first = await FileAndResolveAsync(host, subject: "No abre el correo");
        var second = await FileAndResolveAsync(host, subject: "La impresora no imprime");
        await SweepAsync(host);
        var firstToken = TokenIn((await MailsAsync(host, first.Id, MessageKind.SurveyInvitation)).Single());
        var secondToken = TokenIn((await MailsAsync(host, second.Id, MessageKind.SurveyInvitation)).Single());
        firstToken.Should().NotBe(secondToken);
        var links = host.Get<SurveyLinks>();

        (await links.ReadAsync(firstToken, default)).Number.Should().Be(first.Number);
        await links.AnswerAsync(firstToken, Satisfied, default);

        (await host.LoadAsync(first.Number)).Status.Should().Be(CaseStatus.Closed);
        (await host.LoadAsync(second.Number)).Status.Should().Be(CaseStatus.Resolved, "the first case's link cannot answer the second");
        var reuse = () => links.AnswerAsync(firstToken, Satisfied, default);
        await reuse.Should().ThrowAsync<DomainException>();
        (await host.LoadAsync(second.Number)).Status.Should().Be(CaseStatus.Resolved);
        (await links.ReadAsync(secondToken, default)).Should().Match<SurveyLinkView>(v => v.State == SurveyLinkState.Valid && v.Number == second.Number);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("../../casos/MS-2026-000001")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA*")]
    public async Task A_wrong_or_made_up_token_is_invalid(string? token)
    {
        await using var host = await CoreHost.StartAsync(FridayAfternoon);
        var (c, _) = await InvitedAsync(host);
        var links = host.Get<SurveyLinks>();

        (await links.ReadAsync(token, default)).Should().Match<SurveyLinkView>(v => v.State == SurveyLinkState.Invalid && v.Number == null);
        var answer = () => links.AnswerAsync(token, Satisfied, default);
        (await answer.Should().ThrowAsync<DomainException>()).Which.Rule.Should().Be(DomainRules.SurveyLinkInvalid);
        (await host.LoadAsync(c.Number)).Status.Should().Be(CaseStatus.Resolved);
    }

    [Fact]
    public async Task The_reminder_of_a_requester_without_an_account_carries_a_second_link_and_both_work_until_the_answer()
    {
        await using var host = await CoreHost.StartAsync(FridayAfternoon);
        var (c, invitationToken) = await InvitedAsync(host);
        host.Time.SetUtcNow(Mar(26, 9));
        (await SweepAsync(host)).Should().Be(1);

        var reminderToken = TokenIn((await MailsAsync(host, c.Id, MessageKind.SurveyReminder)).Single());
        reminderToken.Should().NotBe(invitationToken, "the token is never stored, so the reminder needs a new one");
        var links = host.Get<SurveyLinks>();
        (await links.ReadAsync(invitationToken, default)).State.Should().Be(SurveyLinkState.Valid, "the first e-mail's link still works");
        (await links.ReadAsync(reminderToken, default)).State.Should().Be(SurveyLinkState.Valid);
        await links.AnswerAsync(reminderToken, Satisfied, default);
        (await host.LoadAsync(c.Number)).CloseOutcome.Should().Be(CloseOutcome.Satisfied);
        (await links.ReadAsync(invitationToken, default)).State.Should().Be(SurveyLinkState.Used, "one answer per survey, whichever link");
    }

    [Fact]
    public async Task A_requester_with_an_account_is_reminded_with_the_case_page_and_keeps_no_link()
    {
        await using var host = await CoreHost.StartAsync(FridayAfternoon);
        var c = await FileAndResolveAsync(host, await EntraRequesterAsync(host));
        await SweepAsync(host);
        var hash = (await InvitationAsync(host, c.Id)).TokenHash;
        host.Time.SetUtcNow(Mar(26, 9));
        await SweepAsync(host);

        (await MailsAsync(host, c.Id, MessageKind.SurveyReminder)).Single().TextBody.Should().Contain("/casos/" + c.Number).And.NotContain("/encuesta/");
        (await InvitationAsync(host, c.Id)).TokenHash.Should().Be(hash);
    }
}
