using MesaServicio.Core.Cases;
using MesaServicio.Core.Sla;
using static MesaServicio.Tests.Support.CaseBuilder;

namespace MesaServicio.Tests.Sla;

[Trait("Pass", "Once")]
public class SlaClockTests
{
    private static readonly TimeSpan Bogota = TimeSpan.FromHours(-5);

    private static DateTimeOffset Mar(int day, int hour, int minute = 0) => new(2026, 3, day, hour, minute, 0, Bogota);

    private static CaseContext By(Guid who, DateTimeOffset at) => new(Actor.Person(who), at, ColombianCalendar);

    private static Case Filed() =>
        ACase().In(CaseStatus.Assigned).ReceivedAt(Mar(2, 9)).WithAns(SlaTarget.Hours(2), SlaTarget.Hours(8)).Build();

    [Fact]
    public void Due_instants_come_from_the_business_calendar_at_registration()
    {
        var c = Filed();
        c.AttendDueAt.Should().Be(Mar(2, 11));
        c.AttendTarget.Should().Be(TimeSpan.FromHours(2));
        c.ResolveBaseDueAt.Should().Be(Mar(2, 17), "eight business hours from 09:00 end at 17:00 the same day");
    }

    [Theory]
    [InlineData(10, 29, SlaState.OnTrack)]
    [InlineData(10, 30, SlaState.AtRisk)]
    [InlineData(10, 59, SlaState.AtRisk)]
    [InlineData(11, 0, SlaState.Breached)]
    [InlineData(16, 0, SlaState.Breached)]
    public void Attention_is_at_risk_from_75_percent_and_breached_at_100(int hour, int minute, SlaState expected)
    {
        var c = Filed();
        var reading = SlaClock.Attention(c.SlaFacts, ColombianCalendar, Mar(2, hour, minute));
        reading.State.Should().Be(expected);
        reading.Completed.Should().BeFalse();
    }

    [Fact]
    public void The_first_action_stops_the_attention_clock()
    {
        var c = Filed();
        c.Analyse(By(Agent, Mar(2, 10, 45)));
        var reading = SlaClock.Attention(c.SlaFacts, ColombianCalendar, Mar(5, 12));
        reading.State.Should().Be(SlaState.Met);
        reading.Elapsed.Should().Be(TimeSpan.FromMinutes(105));
        reading.Completed.Should().BeTrue();
    }

    [Fact]
    public void A_late_first_action_stays_breached()
    {
        var c = Filed();
        c.Attend(By(Agent, Mar(2, 11, 30)));
        SlaClock.Attention(c.SlaFacts, ColombianCalendar, Mar(9, 9)).State.Should().Be(SlaState.Breached);
    }

    [Fact]
    public void Attention_counts_business_time_only_across_the_night_and_the_weekend()
    {
        // Friday 6 March 16:30, two business hours to attend: 30 minutes on Friday, 90 on Monday.
        var c = ACase().In(CaseStatus.Assigned).ReceivedAt(Mar(6, 16, 30)).WithAns(SlaTarget.Hours(2), null).Build();
        c.AttendDueAt.Should().Be(Mar(9, 9, 30));
        SlaClock.Attention(c.SlaFacts, ColombianCalendar, Mar(8, 12)).Elapsed.Should().Be(TimeSpan.FromMinutes(30));
        SlaClock.Attention(c.SlaFacts, ColombianCalendar, Mar(9, 9)).State.Should().Be(SlaState.AtRisk);
    }

    [Fact]
    public void The_elapsed_times_the_report_reads_are_the_readings_elapsed()
    {
        var c = Filed();
        c.Attend(By(Agent, Mar(2, 10)));
        c.WaitOnRequester("Envíe la captura del error.", By(Agent, Mar(2, 12)));
        c.Resume("Llegó la captura.", By(Agent, Mar(3, 10)));

        SlaClock.AttentionElapsed(c.SlaFacts, ColombianCalendar, Mar(3, 12))
            .Should().Be(SlaClock.Attention(c.SlaFacts, ColombianCalendar, Mar(3, 12)).Elapsed).And.Be(TimeSpan.FromHours(1));
        SlaClock.ResolutionElapsed(c.SlaFacts, ColombianCalendar, Mar(3, 12))
            .Should().Be(SlaClock.Resolution(c.SlaFacts, ColombianCalendar, Mar(3, 12)).Elapsed).And.Be(TimeSpan.FromHours(5));
        SlaClock.ResolutionElapsed(c.SlaFacts, ColombianCalendar, Mar(2, 9, 30))
            .Should().Be(TimeSpan.Zero, "closed pauses never make the elapsed time negative");
    }

    [Fact]
    public void Waiting_on_the_requester_pauses_the_resolution_clock_and_resuming_moves_the_due_time()
    {
        var c = Filed();
        c.Attend(By(Agent, Mar(2, 10)));
        c.WaitOnRequester("Envíe la captura del error.", By(Agent, Mar(2, 12)));

        var paused = SlaClock.Resolution(c.SlaFacts, ColombianCalendar, Mar(2, 16));
        paused.Paused.Should().BeTrue();
        paused.DueAt.Should().BeNull();
        paused.Elapsed.Should().Be(TimeSpan.FromHours(3), "09:00 to 12:00, and nothing while waiting");
        paused.State.Should().Be(SlaState.OnTrack);

        c.Resume("Llegó la captura.", By(Agent, Mar(3, 10)));
        c.PausedBusinessTime.Should().Be(TimeSpan.FromHours(7), "12:00–17:00 Monday and 08:00–10:00 Tuesday");

        var running = SlaClock.Resolution(c.SlaFacts, ColombianCalendar, Mar(3, 12));
        running.Paused.Should().BeFalse();
        running.DueAt.Should().Be(Mar(3, 15));
        running.Elapsed.Should().Be(TimeSpan.FromHours(5));
        running.State.Should().Be(SlaState.OnTrack);
        SlaClock.Resolution(c.SlaFacts, ColombianCalendar, Mar(3, 13)).State.Should().Be(SlaState.AtRisk);
        SlaClock.Resolution(c.SlaFacts, ColombianCalendar, Mar(3, 15)).State.Should().Be(SlaState.Breached);
    }

    [Fact]
    public void A_resolution_within_target_stays_met()
    {
        var c = Filed();
        c.Attend(By(Agent, Mar(2, 10)));
        c.Resolve("Se restableció el servicio.", By(Agent, Mar(2, 16)));
        var reading = SlaClock.Resolution(c.SlaFacts, ColombianCalendar, Mar(20, 9));
        reading.State.Should().Be(SlaState.Met);
        reading.Completed.Should().BeTrue();
        reading.Elapsed.Should().Be(TimeSpan.FromHours(7));
    }

    [Fact]
    public void Reopening_resumes_the_resolution_clock_without_counting_the_survey_window()
    {
        var c = Filed();
        c.Attend(By(Agent, Mar(2, 10)));
        c.Resolve("Primera solución.", By(Agent, Mar(2, 14)));
        c.ReportNovedad("No quedó bien.", By(Requester, Mar(3, 9)));
        c.Reopen("Se revisa de nuevo.", By(Agent, Mar(3, 10)));

        var reading = SlaClock.Resolution(c.SlaFacts, ColombianCalendar, Mar(3, 11));
        reading.Elapsed.Should().Be(TimeSpan.FromHours(6), "5 h before resolving and 1 h after reopening");
        reading.State.Should().Be(SlaState.AtRisk);
        reading.Completed.Should().BeFalse();
    }

    [Fact]
    public void Business_day_targets_end_at_close_of_business_after_a_holiday()
    {
        // Friday 17 July 2026 10:00; Monday 20 July is Independence Day: next business day is Tuesday 21.
        var received = new DateTimeOffset(2026, 7, 17, 10, 0, 0, Bogota);
        var c = ACase().In(CaseStatus.Assigned).ReceivedAt(received).WithAns(SlaTarget.Days(1), SlaTarget.Days(3)).Build();
        c.AttendDueAt.Should().Be(new DateTimeOffset(2026, 7, 21, 17, 0, 0, Bogota));
        c.ResolveBaseDueAt.Should().Be(new DateTimeOffset(2026, 7, 23, 17, 0, 0, Bogota));
        c.AttendTarget.Should().Be(TimeSpan.FromHours(16), "7 h on Friday and 9 h on Tuesday");
    }

    [Fact]
    public void A_case_without_ans_reads_none()
    {
        var c = ACase().In(CaseStatus.Assigned).Build();
        SlaClock.Attention(c.SlaFacts, ColombianCalendar, MondayMorning.AddDays(10)).State.Should().Be(SlaState.None);
        SlaClock.Resolution(c.SlaFacts, ColombianCalendar, MondayMorning.AddDays(10)).State.Should().Be(SlaState.None);
    }

    [Fact]
    public void The_policy_of_a_category_wins_over_the_general_one()
    {
        var general = new SlaPolicy(null, CaseKind.Incident, MesaServicio.Core.Priority.CasePriority.High, SlaTarget.Hours(2), SlaTarget.Hours(8));
        var parent = new SlaPolicy(1, CaseKind.Incident, MesaServicio.Core.Priority.CasePriority.High, SlaTarget.Hours(1), SlaTarget.Hours(4));
        var other = new SlaPolicy(2, CaseKind.Incident, MesaServicio.Core.Priority.CasePriority.High, SlaTarget.Hours(3), SlaTarget.Hours(9));
        SlaPolicy[] all = [general, parent, other];
        SlaPolicy.Select(all, [10, 1], CaseKind.Incident, MesaServicio.Core.Priority.CasePriority.High).Should().BeSameAs(parent);
        SlaPolicy.Select(all, [30, 3], CaseKind.Incident, MesaServicio.Core.Priority.CasePriority.High).Should().BeSameAs(general);
        SlaPolicy.Select(all, [10, 1], CaseKind.Request, MesaServicio.Core.Priority.CasePriority.High).Should().BeNull();
    }
}
