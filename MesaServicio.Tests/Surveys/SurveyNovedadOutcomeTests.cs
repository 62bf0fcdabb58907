using MesaServicio.Core.Cases;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using MesaServicio.Core.Sla;
using MesaServicio.Core.Surveys;
using MesaServicio.Tests.Support;
using static MesaServicio.Tests.Surveys.SurveyScenario;

namespace MesaServicio.Tests.Surveys;

/// <summary>Activity 6 after a "not satisfied" answer: the novedad, and the three things the technician may do with it.</summary>
public class SurveyNovedadOutcomeTests
{
    private const string NovedadText = "El calendario compartido sigue sin sincronizar.";

    private static async Task<(Case Case, CurrentUser Agent)> NovedadAsync(CoreHost host)
    {
        var c = await FileAndResolveAsync(host);
        await SweepAsync(host);
        host.Time.SetUtcNow(Mar(24, 10));
        var requester = await host.UserAsync(c.RequesterId);
        await host.Get<AnswerSurvey>().HandleAsync(
            new AnswerSurveyCommand(c.Number, null, new SurveyAnswer(false, 2, 2, 5, NovedadText)), requester, default);
        host.Time.SetUtcNow(Mar(24, 11));
        return (await host.LoadAsync(c.Number), await AssigneeAsync(host, c.Number));
    }

    [Fact]
    public async Task Answering_not_satisfied_reports_a_novedad_and_tells_the_assignee_and_the_lead()
    {
        await using var host = await CoreHost.StartAsync(FridayAfternoon);
        var (c, _) = await NovedadAsync(host);

        c.Status.Should().Be(CaseStatus.NovedadReported);
        c.History.OrderBy(h => h.Id).Select(h => h.Action).Should().EndWith([CaseAction.SurveyAnswered, CaseAction.NovedadReported]);
        c.History.Single(h => h.Action == CaseAction.NovedadReported).Detail.Should().Be(NovedadText);
        var mails = await MailsAsync(host, c.Id, MessageKind.NovedadReported);
        mails.Select(m => m.RecipientId).Should().BeEquivalentTo(new Guid?[] { c.AssigneeId, SeedData.DemoPeople.LeadFirstLevel });
        mails.Should().OnlyContain(m => !m.TextBody!.Contains(NovedadText, StringComparison.Ordinal), "the novedad's text stays in the portal");
        (await PortalNoticesAsync(host, c.Id, MessageKind.NovedadReported)).Should().HaveCount(2);
        (await InvitationAsync(host, c.Id)).UsedAt.Should().Be(Mar(24, 10));
    }

    [Fact]
    public async Task Extending_the_solution_reopens_the_case_and_its_resolution_clock_resumes()
    {
        await using var host = await CoreHost.StartAsync(FridayAfternoon);
        var (c, agent) = await NovedadAsync(host);
        var calendar = CaseBuilder.ColombianCalendar;
        var stopped = SlaClock.Resolution(c.SlaFacts, calendar, host.Time.GetUtcNow());
        stopped.Completed.Should().BeTrue("the clock stopped at the resolution");

        await host.Get<ReopenCase>().HandleAsync(new ReopenCaseCommand(c.Number, null, "Se revisará la sincronización del calendario."), agent, default);
        var reopened = await host.LoadAsync(c.Number);
        reopened.Status.Should().Be(CaseStatus.InProgress);
        reopened.SurveyDueAt.Should().BeNull();
        var resumed = SlaClock.Resolution(reopened.SlaFacts, calendar, host.Time.GetUtcNow());
        resumed.Completed.Should().BeFalse();
        resumed.Paused.Should().BeFalse();
        resumed.Elapsed.Should().Be(stopped.Elapsed, "the survey window does not count against the ANS");
        SlaClock.Resolution(reopened.SlaFacts, calendar, Mar(24, 13)).Elapsed.Should().Be(stopped.Elapsed + TimeSpan.FromHours(2), "it runs again");
        var reopening = reopened.History.Single(h => h.Action == CaseAction.Reopened);
        reopening.Detail.Should().Be("Se revisará la sincronización del calendario.");
        reopening.ActorId.Should().Be(agent.PersonId);

        // A second resolution is a second survey round, with its own invitation.
        host.Time.SetUtcNow(Mar(24, 15));
        await host.Get<ResolveCase>().HandleAsync(new ResolveCaseCommand(c.Number, null, "Se recreó el perfil de sincronización."), agent, default);
        (await SweepAsync(host)).Should().Be(1);
        (await InvitationAsync(host, c.Id, round: 2)).ExpiresAt.Should().Be(Mar(27, 17));
        (await MailsAsync(host, c.Id, MessageKind.SurveyInvitation)).Select(m => m.DedupKey).Should().BeEquivalentTo(
            [$"mail:survey-invitation:{c.Id:N}:1", $"mail:survey-invitation:{c.Id:N}:2"]);
    }

    [Theory]
    [InlineData(CloseOutcome.NewCaseRequired, "Registre un caso nuevo para la migración del buzón.")]
    [InlineData(CloseOutcome.NoFurtherSolution, "El proveedor no ofrece otra solución para esta versión.")]
    public async Task Closing_after_a_novedad_records_the_outcome_and_the_note(CloseOutcome outcome, string note)
    {
        await using var host = await CoreHost.StartAsync(FridayAfternoon);
        var (c, agent) = await NovedadAsync(host);

        await host.Get<CloseCase>().HandleAsync(new CloseCaseCommand(c.Number, null, outcome, note), agent, default);

        var closed = await host.LoadAsync(c.Number);
        closed.Status.Should().Be(CaseStatus.Closed);
        closed.CloseOutcome.Should().Be(outcome);
        var closing = closed.History.OrderBy(h => h.Id).Last();
        closing.Action.Should().Be(CaseAction.Closed);
        closing.FromStatus.Should().Be(CaseStatus.NovedadReported);
        closing.ToValue.Should().Be(outcome.ToString());
        closing.Detail.Should().Be(note);
        closing.ActorId.Should().Be(agent.PersonId);

        host.Time.SetUtcNow(WindowEnd.AddDays(1));
        (await SweepAsync(host)).Should().Be(0);
        (await MailsAsync(host, c.Id, MessageKind.SurveyClosedWithoutAnswer)).Should().BeEmpty();
    }
}
