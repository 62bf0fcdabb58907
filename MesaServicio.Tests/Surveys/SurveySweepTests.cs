using MesaServicio.Core.Cases;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Surveys;
using MesaServicio.Tests.Support;
using MesaServicio.Tests.TimedWork;
using Microsoft.EntityFrameworkCore;
using static MesaServicio.Tests.Surveys.SurveyScenario;

namespace MesaServicio.Tests.Surveys;

public class SurveySweepTests
{
    [Fact]
    public async Task A_Friday_resolution_window_ends_at_close_of_business_on_Thursday_after_the_weekend_and_San_Jose()
    {
        CaseBuilder.ColombianCalendar.IsBusinessDay(new DateOnly(2026, 3, 23)).Should().BeFalse("Monday 23 March 2026 is San José");
        await using var host = await CoreHost.StartAsync(FridayAfternoon);
        var c = await FileAndResolveAsync(host);

        c.Status.Should().Be(CaseStatus.Resolved);
        c.SurveyRound.Should().Be(1);
        c.SurveyDueAt.Should().Be(WindowEnd);
        c.SurveyDueAt!.Value.UtcDateTime.Should().Be(new DateTime(2026, 3, 26, 22, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task The_invitation_is_queued_once_however_often_the_sweep_runs()
    {
        await using var host = await CoreHost.StartAsync(FridayAfternoon);
        var c = await FileAndResolveAsync(host);

        (await SweepAsync(host)).Should().Be(1);
        host.Time.Advance(TimeSpan.FromMinutes(1));
        (await SweepAsync(host)).Should().Be(0, "the invitation row of round 1 exists");

        var invitation = await InvitationAsync(host, c.Id);
        invitation.InvitedAt.Should().Be(FridayAfternoon);
        invitation.ExpiresAt.Should().Be(WindowEnd);
        invitation.TokenHash.Should().MatchRegex("^[0-9a-f]{64}$");
        invitation.RemindedAt.Should().BeNull();

        var mail = (await MailsAsync(host, c.Id)).Should().ContainSingle().Subject;
        mail.Kind.Should().Be(MessageKind.SurveyInvitation);
        mail.DedupKey.Should().Be($"mail:survey-invitation:{c.Id:N}:1");
        mail.RecipientId.Should().Be(SeedData.DemoPeople.Requester);
        mail.ToAddress.Should().Be("laura.gomez@entidad.gov.co");
        mail.TextBody.Should().Contain(c.Number).And.Contain("jueves 26 de marzo de 2026, 5:00", "the window's end in Bogotá time");
        mail.TextBody.Should().NotContain("Outlook", "no case text in e-mail");
        (await PortalNoticesAsync(host, c.Id, MessageKind.SurveyInvitation)).Should().ContainSingle()
            .Which.PersonId.Should().Be(SeedData.DemoPeople.Requester);

        var history = (await host.LoadAsync(c.Number)).History.Where(h => h.Action == CaseAction.SurveyInvited).ToList();
        history.Should().ContainSingle().Which.ActorId.Should().BeNull("the desk itself invites");
    }

    [Fact]
    public async Task A_requester_who_signs_in_with_Entra_is_invited_to_the_case_page_and_one_without_an_account_to_a_link()
    {
        await using var host = await CoreHost.StartAsync(FridayAfternoon);
        var withAccount = await FileAndResolveAsync(host, await EntraRequesterAsync(host));
        var withoutAccount = await FileAndResolveAsync(host);

        await SweepAsync(host);

        var entraMail = (await MailsAsync(host, withAccount.Id)).Should().ContainSingle().Subject;
        entraMail.TextBody.Should().Contain("/casos/" + withAccount.Number).And.NotContain("/encuesta/");
        var linkMail = (await MailsAsync(host, withoutAccount.Id)).Should().ContainSingle().Subject;
        linkMail.TextBody.Should().Contain("/encuesta/");
        var token = TokenIn(linkMail);
        SurveyTokens.Hash(token).Should().Be((await InvitationAsync(host, withoutAccount.Id)).TokenHash, "only the token's hash is stored");
        linkMail.HtmlBody.Should().Contain("<a href=\"http://localhost:5144/encuesta/" + token + "\"");
    }

    [Fact]
    public async Task The_reminder_goes_out_once_on_the_last_business_day_of_the_window_from_its_opening()
    {
        await using var host = await CoreHost.StartAsync(FridayAfternoon);
        var c = await FileAndResolveAsync(host);
        await SweepAsync(host);

        foreach (var notYet in new[] { Mar(23, 10), Mar(24, 16), Mar(25, 12), Mar(25, 16, 59, 59), Mar(26, 7, 59, 59) })
        {
            host.Time.SetUtcNow(notYet);
            (await SweepAsync(host)).Should().Be(0, $"{notYet:dddd d HH:mm:ss} is not reminder time");
        }

        (await InvitationAsync(host, c.Id)).RemindedAt.Should().BeNull();
        host.Time.SetUtcNow(Mar(26, 8));
        (await SweepAsync(host)).Should().Be(1);
        host.Time.SetUtcNow(Mar(26, 12));
        (await SweepAsync(host)).Should().Be(0, "the reminder was claimed");
        host.Time.SetUtcNow(Mar(26, 16, 59));
        (await SweepAsync(host)).Should().Be(0);

        (await InvitationAsync(host, c.Id)).RemindedAt.Should().Be(Mar(26, 8));
        var reminder = (await MailsAsync(host, c.Id, MessageKind.SurveyReminder)).Should().ContainSingle().Subject;
        reminder.DedupKey.Should().Be($"mail:survey-reminder:{c.Id:N}:1");
        reminder.Subject.Should().Contain("último día");
        (await PortalNoticesAsync(host, c.Id, MessageKind.SurveyReminder)).Should().ContainSingle();
        (await host.LoadAsync(c.Number)).History.Where(h => h.Action == CaseAction.SurveyReminded).Should().ContainSingle()
            .Which.At.Should().Be(Mar(26, 8));
    }

    [Fact]
    public async Task An_answered_survey_is_neither_reminded_nor_closed_without_answer()
    {
        await using var host = await CoreHost.StartAsync(FridayAfternoon);
        var c = await FileAndResolveAsync(host);
        await SweepAsync(host);
        host.Time.SetUtcNow(Mar(25, 10));
        var requester = await host.UserAsync(c.RequesterId);
        await host.Get<AnswerSurvey>().HandleAsync(
            new AnswerSurveyCommand(c.Number, null, new SurveyAnswer(false, 2, 3, 4, "El calendario sigue sin sincronizar.")), requester, default);

        host.Time.SetUtcNow(Mar(26, 9));
        (await SweepAsync(host)).Should().Be(0);
        host.Time.SetUtcNow(Mar(27, 9));
        (await SweepAsync(host)).Should().Be(0, "a novedad waits for the technician's decision, it is not closed without answer");

        var after = await host.LoadAsync(c.Number);
        after.Status.Should().Be(CaseStatus.NovedadReported);
        after.History.Should().NotContain(h => h.Action == CaseAction.SurveyReminded || h.Action == CaseAction.Closed);
        (await MailsAsync(host, c.Id, MessageKind.SurveyReminder)).Should().BeEmpty();
        (await MailsAsync(host, c.Id, MessageKind.SurveyClosedWithoutAnswer)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_case_closes_without_answer_at_the_end_of_the_window_not_before_and_only_once()
    {
        await using var host = await CoreHost.StartAsync(FridayAfternoon);
        var c = await FileAndResolveAsync(host);
        await SweepAsync(host);
        host.Time.SetUtcNow(Mar(26, 9));
        await SweepAsync(host);

        host.Time.SetUtcNow(WindowEnd.AddSeconds(-1));
        (await SweepAsync(host)).Should().Be(0);
        (await host.LoadAsync(c.Number)).Status.Should().Be(CaseStatus.Resolved, "one second before the close of business the window is open");

        host.Time.SetUtcNow(WindowEnd);
        (await SweepAsync(host)).Should().Be(1);
        host.Time.Advance(TimeSpan.FromHours(16));
        (await SweepAsync(host)).Should().Be(0);

        var closed = await host.LoadAsync(c.Number);
        closed.Status.Should().Be(CaseStatus.Closed);
        closed.CloseOutcome.Should().Be(CloseOutcome.NoAnswer);
        closed.ClosedAt.Should().Be(WindowEnd);
        closed.History.OrderBy(h => h.Id).Select(h => h.Action).Should().Equal(
            CaseAction.Registered, CaseAction.Assigned, CaseAction.AttentionStarted, CaseAction.Resolved,
            CaseAction.SurveyInvited, CaseAction.SurveyReminded, CaseAction.Closed);
        var closing = closed.History.Single(h => h.Action == CaseAction.Closed);
        closing.ActorId.Should().BeNull();
        closing.ToValue.Should().Be(nameof(CloseOutcome.NoAnswer));

        var mail = (await MailsAsync(host, c.Id, MessageKind.SurveyClosedWithoutAnswer)).Should().ContainSingle().Subject;
        mail.DedupKey.Should().Be($"mail:survey-closed:{c.Id:N}:1");
        mail.Subject.Should().Contain("cerrado sin respuesta");
        (await MailsAsync(host, c.Id)).Should().HaveCount(3, "invitation, reminder and closing");
    }

    [Fact]
    public async Task A_window_that_ended_before_any_invitation_is_closed_without_inviting_late()
    {
        await using var host = await CoreHost.StartAsync(FridayAfternoon);
        var c = await FileAndResolveAsync(host);

        host.Time.SetUtcNow(Mar(27, 9));
        (await SweepAsync(host)).Should().Be(1);

        var closed = await host.LoadAsync(c.Number);
        closed.CloseOutcome.Should().Be(CloseOutcome.NoAnswer);
        closed.History.Should().NotContain(h => h.Action == CaseAction.SurveyInvited);
        (await MailsAsync(host, c.Id)).Select(m => m.Kind).Should().Equal(MessageKind.SurveyClosedWithoutAnswer);
    }

    [Fact]
    public async Task An_invitation_that_only_goes_out_on_the_last_day_is_not_followed_by_a_reminder()
    {
        await using var host = await CoreHost.StartAsync(FridayAfternoon);
        var c = await FileAndResolveAsync(host);

        // The portal was down from Friday to Thursday morning: the invitation itself says "before Thursday 5 p.m.".
        host.Time.SetUtcNow(Mar(26, 9));
        (await SweepAsync(host)).Should().Be(1);
        host.Time.SetUtcNow(Mar(26, 10));
        (await SweepAsync(host)).Should().Be(0);

        (await InvitationAsync(host, c.Id)).RemindedAt.Should().BeNull();
        (await MailsAsync(host, c.Id)).Select(m => m.Kind).Should().Equal(MessageKind.SurveyInvitation);
    }

    [Fact]
    public async Task A_rejected_case_goes_through_the_same_window()
    {
        await using var host = await CoreHost.StartAsync(FridayAfternoon);
        var filed = await host.FileAsync();
        var agent = await AssigneeAsync(host, filed.Number);
        await host.Get<RejectCase>().HandleAsync(
            new RejectCaseCommand(filed.Number, null, RejectionReason.OutOfScope, "El equipo es personal, no de la entidad.", null), agent, default);

        (await SweepAsync(host)).Should().Be(1);
        host.Time.SetUtcNow(Mar(26, 10));
        (await SweepAsync(host)).Should().Be(1);
        host.Time.SetUtcNow(WindowEnd);
        (await SweepAsync(host)).Should().Be(1);

        var closed = await host.LoadAsync(filed.Number);
        closed.CloseOutcome.Should().Be(CloseOutcome.NoAnswer);
        closed.History.OrderBy(h => h.Id).Select(h => h.Action).Should().EndWith(
            [CaseAction.Rejected, CaseAction.SurveyInvited, CaseAction.SurveyReminded, CaseAction.Closed]);
    }

    [Fact]
    public async Task Two_instances_sweeping_the_same_database_at_once_invite_once_and_close_once_with_one_email_each()
    {
        await using var host = await CoreHost.StartAsync(FridayAfternoon);
        var cases = new List<Case>();
        for (var i = 0; i < 4; i++)
        {
            cases.Add(await FileAndResolveAsync(host));
        }

        await using var other = SecondCoreInstance.Of(host);
        Task<int> Here() => SweepAsync(host);
        Task<int> There() => SweepAsync(other.Get<SurveyInvitationSweep>(), other.Get<SurveyReminderSweep>(), other.Get<SurveyClosingSweep>());

        var invited = await Task.WhenAll(Here(), There(), Here(), There());
        invited.Sum().Should().Be(cases.Count, "each case is invited by exactly one of the runs");

        host.Time.SetUtcNow(Mar(26, 8, 30));
        var reminded = await Task.WhenAll(Here(), There(), Here(), There());
        reminded.Sum().Should().Be(cases.Count);

        host.Time.SetUtcNow(WindowEnd.AddMinutes(1));
        var closedRuns = await Task.WhenAll(Here(), There(), Here(), There());
        closedRuns.Sum().Should().Be(cases.Count);

        foreach (var c in cases)
        {
            var closed = await host.LoadAsync(c.Number);
            closed.Status.Should().Be(CaseStatus.Closed);
            closed.History.Count(h => h.Action == CaseAction.Closed).Should().Be(1);
            closed.History.Count(h => h.Action == CaseAction.SurveyInvited).Should().Be(1);
            closed.History.Count(h => h.Action == CaseAction.SurveyReminded).Should().Be(1);
            (await MailsAsync(host, c.Id)).Select(m => m.Kind).Should().BeEquivalentTo(
                [MessageKind.SurveyInvitation, MessageKind.SurveyReminder, MessageKind.SurveyClosedWithoutAnswer]);
        }

        await using var db = host.NewContext();
        (await db.SurveyInvitations.CountAsync()).Should().Be(cases.Count);
    }

    [Fact]
    public void Reminder_time_is_the_last_business_day_from_its_opening_until_the_end()
    {
        var calendar = CaseBuilder.ColombianCalendar;
        SurveyReminderSweep.IsReminderTime(calendar, Mar(26, 7, 59), WindowEnd).Should().BeFalse();
        SurveyReminderSweep.IsReminderTime(calendar, Mar(26, 8), WindowEnd).Should().BeTrue();
        SurveyReminderSweep.IsReminderTime(calendar, Mar(26, 16, 59, 59), WindowEnd).Should().BeTrue();
        SurveyReminderSweep.IsReminderTime(calendar, WindowEnd, WindowEnd).Should().BeFalse();
        SurveyReminderSweep.IsReminderTime(calendar, Mar(25, 16), WindowEnd).Should().BeFalse();

        // 21:00 on Wednesday in Bogotá is already Thursday in UTC: the local day is what counts.
        SurveyReminderSweep.IsReminderTime(calendar, Mar(25, 21), WindowEnd).Should().BeFalse();
    }
}
