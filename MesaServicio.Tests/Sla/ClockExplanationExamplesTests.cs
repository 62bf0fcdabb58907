using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Sla;
using static MesaServicio.Tests.Support.CaseBuilder;

namespace MesaServicio.Tests.Sla;

/// <summary>Named examples of "Cómo se calculó el ANS", worked by hand.</summary>
public class ClockExplanationExamplesTests
{
    private static readonly TimeSpan Bogota = TimeSpan.FromHours(-5);

    private static CaseClockExplanations Explain(Case c, DateTimeOffset now, BusinessCalendar? calendar = null) =>
        ClockExplainer.Explain(c, calendar ?? ColombianCalendar, now, _ => null, new Dictionary<DateOnly, string>());

    [Fact]
    public void Filed_on_holy_thursday_at_four_with_eight_hours_counts_from_monday()
    {
        // Thursday 2 April 2026 16:00 is Jueves Santo; Friday is Viernes Santo; then the weekend.
        var received = new DateTimeOffset(2026, 4, 2, 16, 0, 0, Bogota);
        var c = ACase().In(CaseStatus.Assigned).ReceivedAt(received).WithAns(null, SlaTarget.Hours(8)).Build();

        var explanation = Explain(c, received.AddMinutes(30)).Resolution!;

        explanation.DueAt.Should().Be(new DateTimeOffset(2026, 4, 6, 16, 0, 0, Bogota), "eight hours are Monday 08:00–16:00");
        explanation.Counted.Should().Be(TimeSpan.FromHours(8));
        var counted = explanation.Spans.Where(s => s.Kind == ExplainedSpanKind.Counted).ToList();
        counted.Should().ContainSingle().Which.From.Should().Be(new DateTimeOffset(2026, 4, 6, 8, 0, 0, Bogota));
        var holidays = explanation.Spans.Where(s => s.Kind == ExplainedSpanKind.Holiday).ToList();
        holidays.Select(h => h.Holidays.Single().Name).Should().Equal("Jueves Santo", "Viernes Santo");
        explanation.Spans.Count(s => s.Kind == ExplainedSpanKind.Weekend).Should().Be(2);
        explanation.DueAt.Should().Be(SlaClock.Resolution(c.SlaFacts, ColombianCalendar, received.AddMinutes(30)).DueAt);
    }

    [Fact]
    public void A_pause_moves_the_due_time_by_its_business_time_and_is_listed()
    {
        var received = new DateTimeOffset(2026, 3, 2, 9, 0, 0, Bogota);
        var c = ACase().In(CaseStatus.InProgress).ReceivedAt(received).WithAns(SlaTarget.Hours(2), SlaTarget.Hours(8)).Build();
        var ask = new DateTimeOffset(2026, 3, 2, 11, 0, 0, Bogota);
        c.WaitOnRequester("¿Qué error ve?", new CaseContext(Actor.Person(Agent), ask, ColombianCalendar));
        var answer = new DateTimeOffset(2026, 3, 2, 14, 0, 0, Bogota);
        c.Resume(null, new CaseContext(Actor.Person(Agent), answer, ColombianCalendar));

        var explanation = Explain(c, answer.AddHours(1)).Resolution!;

        explanation.DueAt.Should().Be(new DateTimeOffset(2026, 3, 3, 11, 0, 0, Bogota));
        explanation.DueAt.Should().Be(SlaClock.Resolution(c.SlaFacts, ColombianCalendar, answer.AddHours(1)).DueAt);
        explanation.Counted.Should().Be(TimeSpan.FromHours(8));
        explanation.Spans.Should().ContainSingle(s => s.Kind == ExplainedSpanKind.Paused)
            .Which.PauseReason.Should().Be(PauseReason.WaitingOnRequester);
    }

    [Fact]
    public void A_legal_term_of_fifteen_days_skips_the_filing_day_and_holy_week()
    {
        var filed = new DateTimeOffset(2026, 3, 30, 10, 0, 0, Bogota);
        var c = Case.Register(
            new CaseRegistration("MS-2026-000002", CaseKind.Request, 10, "Derecho de petición", "Solicito copia.",
                Core.Priority.Impact.Low, Core.Priority.Urgency.Low, Core.Priority.CasePriority.Low, CaseChannel.Pqrs, Requester, null, null,
                "RAD-1", new PqrsFiling(PqrsModality.Peticion, filed)),
            new CaseContext(Actor.System, filed.AddHours(1), ColombianCalendar));

        var explanation = Explain(c, filed.AddHours(2)).LegalTerm!;

        explanation.CountedDays.Should().Be(15);
        explanation.Spans[0].Kind.Should().Be(ExplainedSpanKind.FilingDay);
        // 31 Mar, 1 Apr, then 6–10, 13–17, 20–22 April: the 15th business day after Monday 30 March is Wednesday 22 April.
        explanation.DueAt.Should().Be(new DateTimeOffset(2026, 4, 22, 17, 0, 0, Bogota));
        c.LegalDueAt.Should().Be(explanation.DueAt);
    }
}
