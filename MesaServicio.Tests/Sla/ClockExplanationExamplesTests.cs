using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Sla;
using static MesaServicio.Tests.Support.CaseBuilder;

namespace MesaServicio.Tests.Sla;

/// <summary>Named examples of "Cómo se calculó el ANS", worked by hand.</summary>
[Trait("Pass", "Once")]
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

    [Fact]
    public void Across_christmas_with_the_entity_closed_on_the_24th_names_both_days()
    {
        // Wednesday 23 December 2026 15:00, 8 h: 23rd 15–17 (2 h); 24th the entity closes; 25th Navidad; weekend; Monday 28th 08–14 (6 h).
        var christmasEve = new DateOnly(2026, 12, 24);
        var calendar = ColombiaDefaultPlus(christmasEve);
        var descriptions = new Dictionary<DateOnly, string> { [christmasEve] = "Nochebuena: la entidad no atiende (Resolución 123 de 2026)" };
        var received = new DateTimeOffset(2026, 12, 23, 15, 0, 0, Bogota);
        var c = Case.Register(
            new CaseRegistration("MS-2026-000003", CaseKind.Incident, 10, "Sin acceso a la VPN", "No conecta desde casa.",
                Core.Priority.Impact.Medium, Core.Priority.Urgency.Medium, Core.Priority.CasePriority.Medium, CaseChannel.Portal, Requester, null,
                new SlaPolicy(null, CaseKind.Incident, Core.Priority.CasePriority.Medium, null, SlaTarget.Hours(8))),
            new CaseContext(Actor.System, received, calendar));

        var explanation = ClockExplainer.Explain(c, calendar, received.AddMinutes(5), _ => null, descriptions).Resolution!;

        explanation.DueAt.Should().Be(new DateTimeOffset(2026, 12, 28, 14, 0, 0, Bogota), "2 h el 23 y 6 h el lunes 28 suman 8 h");
        explanation.DueAt.Should().Be(SlaClock.Resolution(c.SlaFacts, calendar, received.AddMinutes(5)).DueAt);
        explanation.Counted.Should().Be(TimeSpan.FromHours(8));
        explanation.Spans.Where(s => s.Kind == ExplainedSpanKind.Counted).Select(s => (s.From, s.To)).Should().Equal(
            (received, new DateTimeOffset(2026, 12, 23, 17, 0, 0, Bogota)),
            (new DateTimeOffset(2026, 12, 28, 8, 0, 0, Bogota), new DateTimeOffset(2026, 12, 28, 14, 0, 0, Bogota)));

        var eve = explanation.Spans.Should().ContainSingle(s => s.Day == christmasEve).Subject;
        eve.Kind.Should().Be(ExplainedSpanKind.EntityNonWorkingDay, "el 24 es un día no hábil de la entidad, no un festivo nacional");
        eve.Note.Should().Be("Nochebuena: la entidad no atiende (Resolución 123 de 2026)", "se muestra la descripción que dio la entidad");
        eve.Holidays.Should().BeEmpty();

        var christmas = explanation.Spans.Should().ContainSingle(s => s.Day == new DateOnly(2026, 12, 25)).Subject;
        christmas.Kind.Should().Be(ExplainedSpanKind.Holiday);
        christmas.Holidays.Should().ContainSingle().Which.Should().Be(
            new HolidayDetail(new DateOnly(2026, 12, 25), "Navidad", HolidayRule.Fixed, null), "Navidad es fija (Ley 51 de 1983)");
        explanation.Spans.Where(s => s.Kind == ExplainedSpanKind.Weekend).Select(s => s.Day)
            .Should().Equal(new DateOnly(2026, 12, 26), new DateOnly(2026, 12, 27));
    }

    [Fact]
    public void A_case_paused_twice_lists_both_pauses_and_moves_its_due_time_by_both()
    {
        // Monday 2 March 2026 09:00, 16 h to resolve: without pauses due Tuesday 3 March 16:00.
        var received = new DateTimeOffset(2026, 3, 2, 9, 0, 0, Bogota);
        var c = ACase().In(CaseStatus.InProgress).ReceivedAt(received).WithAns(null, SlaTarget.Hours(16)).Build();
        c.ResolveBaseDueAt.Should().Be(new DateTimeOffset(2026, 3, 3, 16, 0, 0, Bogota));
        CaseContext At(int day, int hour, Guid who) => new(Actor.Person(who), new DateTimeOffset(2026, 3, day, hour, 0, 0, Bogota), ColombianCalendar);

        // First pause: Monday 11:00–15:00 (4 h hábiles). Second: Tuesday 10:00 → Wednesday 09:00 (7 h + 1 h = 8 h hábiles).
        c.WaitOnRequester("¿Desde qué equipo intenta entrar?", At(2, 11, Agent));
        c.Resume(null, At(2, 15, Agent));
        c.WaitOnRequester("¿Puede enviar una captura del mensaje?", At(3, 10, Agent));
        c.Comment("Adjunto la captura.", false, At(4, 9, Requester));
        c.Status.Should().Be(CaseStatus.InProgress, "el comentario de la usuaria es su respuesta");

        var now = new DateTimeOffset(2026, 3, 4, 10, 0, 0, Bogota);
        var explanation = Explain(c, now).Resolution!;

        // 16 h de vencimiento + 12 h de pausas: martes 16–17 (1 h), miércoles 08–17 (9 h), jueves 08–10 (2 h).
        explanation.DueAt.Should().Be(new DateTimeOffset(2026, 3, 5, 10, 0, 0, Bogota), "las dos pausas corren el vencimiento 12 horas hábiles");
        explanation.DueAt.Should().Be(SlaClock.Resolution(c.SlaFacts, ColombianCalendar, now).DueAt);
        explanation.Counted.Should().Be(TimeSpan.FromHours(16));
        var pauses = explanation.Spans.Where(s => s.Kind == ExplainedSpanKind.Paused).ToList();
        pauses.Select(p => (p.From, p.To)).Should().Equal(
            (new DateTimeOffset(2026, 3, 2, 11, 0, 0, Bogota), new DateTimeOffset(2026, 3, 2, 15, 0, 0, Bogota)),
            (new DateTimeOffset(2026, 3, 3, 10, 0, 0, Bogota), new DateTimeOffset(2026, 3, 4, 9, 0, 0, Bogota)));
        pauses.Should().OnlyContain(p => p.PauseReason == PauseReason.WaitingOnRequester && !p.Open);
        explanation.Spans.Where(s => s.Kind == ExplainedSpanKind.Counted).Select(s => s.BusinessTime.TotalHours)
            .Should().Equal(new double[] { 2, 2, 2, 8, 2 }, "lunes 09–11 y 15–17, martes 08–10, miércoles 09–17, jueves 08–10");
    }

    [Fact]
    public void Holidays_moved_to_monday_by_ley_51_say_so()
    {
        // Friday 9 October 2026 16:00, 8 h: Friday 1 h, weekend, Monday 12 October Día de la Raza, Tuesday 13 08:00–15:00.
        var received = new DateTimeOffset(2026, 10, 9, 16, 0, 0, Bogota);
        var c = ACase().In(CaseStatus.Assigned).ReceivedAt(received).WithAns(null, SlaTarget.Hours(8)).Build();

        var explanation = Explain(c, received.AddMinutes(30)).Resolution!;

        explanation.DueAt.Should().Be(new DateTimeOffset(2026, 10, 13, 15, 0, 0, Bogota));
        var raza = explanation.Spans.Should().ContainSingle(s => s.Kind == ExplainedSpanKind.Holiday).Subject;
        raza.Day.Should().Be(new DateOnly(2026, 10, 12));
        raza.Holidays.Should().ContainSingle().Which.Should().Be(
            new HolidayDetail(new DateOnly(2026, 10, 12), "Día de la Raza", HolidayRule.MovedToMonday, null),
            "el 12 de octubre de 2026 cae en lunes: la regla de la Ley 51 lo deja en su fecha");

        // Friday 14 August 2026 16:00, 2 business days: 15 August is a Saturday; the holiday is observed on Monday 17.
        var august = new DateTimeOffset(2026, 8, 14, 16, 0, 0, Bogota);
        var d = ACase().In(CaseStatus.Assigned).ReceivedAt(august).WithAns(null, SlaTarget.Days(2)).Build();

        var moved = Explain(d, august.AddMinutes(30)).Resolution!;

        moved.DueAt.Should().Be(new DateTimeOffset(2026, 8, 19, 17, 0, 0, Bogota), "martes 18 y miércoles 19 son los dos días hábiles");
        moved.Spans.Single(s => s.Day == new DateOnly(2026, 8, 15)).Kind.Should().Be(ExplainedSpanKind.Weekend, "el sábado 15 no es el día del festivo");
        var asuncion = moved.Spans.Should().ContainSingle(s => s.Kind == ExplainedSpanKind.Holiday).Subject;
        asuncion.Day.Should().Be(new DateOnly(2026, 8, 17));
        asuncion.Holidays.Should().ContainSingle().Which.Should().Be(
            new HolidayDetail(new DateOnly(2026, 8, 17), "La Asunción de la Virgen", HolidayRule.MovedToMonday, new DateOnly(2026, 8, 15)),
            "la Asunción (15 de agosto) se traslada al lunes siguiente por la Ley 51 de 1983");
    }

    [Fact]
    public void A_recomputation_is_listed_with_who_why_and_the_due_times_before_and_after()
    {
        var coordinator = Core.Persistence.SeedData.DemoPeople.Coordinator;
        var received = new DateTimeOffset(2026, 3, 2, 9, 0, 0, Bogota);
        var c = ACase().In(CaseStatus.InProgress).ReceivedAt(received).WithAns(SlaTarget.Hours(2), SlaTarget.Hours(8)).Build();
        var at = new DateTimeOffset(2026, 3, 2, 10, 0, 0, Bogota);
        c.RecomputeSla(
            new SlaPolicy(null, CaseKind.Incident, Core.Priority.CasePriority.High, SlaTarget.Hours(4), SlaTarget.Hours(16)),
            "La categoría cambió a Servidores", new CaseContext(Actor.Person(coordinator), at, ColombianCalendar));

        var explanations = ClockExplainer.Explain(
            c, ColombianCalendar, at.AddHours(1), id => id == coordinator ? "Carla Coordinadora" : null, new Dictionary<DateOnly, string>());

        var resolution = explanations.Resolution!;
        resolution.DueAt.Should().Be(new DateTimeOffset(2026, 3, 3, 16, 0, 0, Bogota), "16 h desde el lunes 09:00");
        resolution.Counted.Should().Be(TimeSpan.FromHours(16));
        resolution.Recomputations.Should().ContainSingle().Which.Should().Be(new ClockRecomputation(
            RecomputationKind.SlaRecomputed, at, "Carla Coordinadora", "La categoría cambió a Servidores",
            new DateTimeOffset(2026, 3, 2, 17, 0, 0, Bogota), new DateTimeOffset(2026, 3, 3, 16, 0, 0, Bogota)));
        var attention = explanations.Attention!;
        attention.DueAt.Should().Be(new DateTimeOffset(2026, 3, 2, 13, 0, 0, Bogota));
        attention.DueAt.Should().Be(c.AttendDueAt);
        attention.Recomputations.Should().ContainSingle().Which.Should().Match<ClockRecomputation>(r =>
            r.ActorName == "Carla Coordinadora" && r.OldDueAt == new DateTimeOffset(2026, 3, 2, 11, 0, 0, Bogota)
            && r.NewDueAt == new DateTimeOffset(2026, 3, 2, 13, 0, 0, Bogota));
    }

    [Fact]
    public void A_wait_that_starts_after_the_due_time_keeps_it_in_the_clock_and_the_explanation()
    {
        // Monday 2 March 2026 09:00, 2 h to resolve: due 11:00. The desk asks the requester at 14:00, already late.
        var received = new DateTimeOffset(2026, 3, 2, 9, 0, 0, Bogota);
        var c = ACase().In(CaseStatus.InProgress).ReceivedAt(received).WithAns(null, SlaTarget.Hours(2)).Build();
        c.WaitOnRequester("¿Sigue ocurriendo?", new CaseContext(Actor.Person(Agent), new DateTimeOffset(2026, 3, 2, 14, 0, 0, Bogota), ColombianCalendar));
        var now = new DateTimeOffset(2026, 3, 2, 15, 0, 0, Bogota);

        var reading = SlaClock.Resolution(c.SlaFacts, ColombianCalendar, now);
        var explanation = Explain(c, now).Resolution!;

        reading.Paused.Should().BeTrue();
        reading.State.Should().Be(SlaState.Breached);
        reading.DueAt.Should().Be(new DateTimeOffset(2026, 3, 2, 11, 0, 0, Bogota), "una pausa que empieza ya vencido el ANS no lo mueve");
        explanation.DueAt.Should().Be(reading.DueAt);
        explanation.Counted.Should().Be(TimeSpan.FromHours(2));
    }

    /// <summary>The Colombian default calendar plus the entity's extra non-working days.</summary>
    private static BusinessCalendar ColombiaDefaultPlus(params DateOnly[] extraDays) =>
        new(ColombianCalendar.TimeZone, ColombianCalendar.WeeklyHours, true, extraDays);
}
