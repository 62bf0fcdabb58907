using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Sla;
using static MesaServicio.Tests.Support.CaseBuilder;

namespace MesaServicio.Tests.Sla;

/// <summary>PQRS legal terms (Ley 1755 de 2015, arts. 14 and 17) on the Colombian calendar, due times worked by hand.</summary>
[Trait("Pass", "Once")]
public class LegalTermTests
{
    private static readonly TimeSpan Bogota = TimeSpan.FromHours(-5);

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, Bogota);

    private static DateTimeOffset CloseOf(int year, int month, int day) => At(year, month, day, 17);

    private static Case File(PqrsModality modality, DateTimeOffset filed, DateTimeOffset? received = null)
    {
        var c = Case.Register(
            new CaseRegistration("MS-2026-000010", CaseKind.Request, 10, "Derecho de petición", "Solicito copia de mi historia laboral.",
                Impact.Low, Urgency.Low, CasePriority.Low, CaseChannel.Pqrs, Requester, null, null, "RAD-2026-77",
                new PqrsFiling(modality, filed)),
            new CaseContext(Actor.System, received ?? filed.AddMinutes(20), ColombianCalendar));
        return c;
    }

    private static CaseContext AgentAt(DateTimeOffset now) => new(Actor.Person(Agent), now, ColombianCalendar);

    /// <summary>A case filed, assigned and attended, so the desk can ask the requester.</summary>
    private static Case Attended(PqrsModality modality, DateTimeOffset filed)
    {
        var c = File(modality, filed);
        c.Assign(Agent, 1, 1, new CaseContext(Actor.System, filed.AddMinutes(20), ColombianCalendar));
        c.Attend(AgentAt(filed.AddMinutes(30)));
        return c;
    }

    private static ClockExplanation Explain(Case c, DateTimeOffset now) =>
        ClockExplainer.Explain(c, ColombianCalendar, now, _ => null, new Dictionary<DateOnly, string>()).LegalTerm!;

    // Radicación Monday 30 March 2026. Business days after it: 31 Mar (1), 1 Apr (2); 2–3 Apr Jueves and Viernes Santo,
    // 4–5 weekend; 6–10 Apr (3–7); 13–17 (8–12); 20–24 (13–17); 27–30 (18–21); 1 May Día del Trabajo; 4–8 May (22–26);
    // 11–14 May (27–30). Ascensión (14 May) is moved to Monday 18 May, so Thursday 14 May counts.
    [Theory]
    [InlineData(PqrsModality.Documentos, 10, 2026, 4, 15)]
    [InlineData(PqrsModality.Peticion, 15, 2026, 4, 22)]
    [InlineData(PqrsModality.Consulta, 30, 2026, 5, 14)]
    public void Each_modality_across_holy_week(PqrsModality modality, int days, int year, int month, int day)
    {
        var c = File(modality, At(2026, 3, 30, 10));

        c.LegalTermDays.Should().Be(days);
        c.LegalTermInitialDays.Should().Be(days);
        c.LegalDueAt.Should().Be(CloseOf(year, month, day), "vence al cierre del día hábil {0} después de la radicación", days);
        var explanation = Explain(c, At(2026, 3, 30, 12));
        explanation.DueAt.Should().Be(c.LegalDueAt);
        explanation.CountedDays.Should().Be(days);
        explanation.Spans.Where(s => s.Kind == ExplainedSpanKind.Holiday).SelectMany(s => s.Holidays).Select(h => h.Name)
            .Should().StartWith(["Jueves Santo", "Viernes Santo"]);
    }

    // Radicación Tuesday 22 December 2026: 23–24 Dec (1–2); 25 Dec Navidad; weekend; 28–31 Dec (3–6); 1 Jan 2027 Año Nuevo;
    // weekend; 4–8 Jan (7–11, Wednesday 6 January is not the holiday: Reyes moves to Monday 11 January); 11 Jan Reyes;
    // 12–15 Jan (12–15); 18–22 (16–20); 25–29 (21–25); 1–5 Feb (26–30).
    [Theory]
    [InlineData(PqrsModality.Documentos, 2027, 1, 7)]
    [InlineData(PqrsModality.Peticion, 2027, 1, 15)]
    [InlineData(PqrsModality.Consulta, 2027, 2, 5)]
    public void Each_modality_across_the_year_end(PqrsModality modality, int year, int month, int day)
    {
        var c = File(modality, At(2026, 12, 22, 11));

        c.LegalDueAt.Should().Be(CloseOf(year, month, day));
        var explanation = Explain(c, At(2026, 12, 22, 12));
        explanation.DueAt.Should().Be(c.LegalDueAt);
        var holidays = explanation.Spans.Where(s => s.Kind == ExplainedSpanKind.Holiday).SelectMany(s => s.Holidays).ToList();
        holidays.Select(h => h.Date).Should().StartWith([new DateOnly(2026, 12, 25), new DateOnly(2027, 1, 1)]);
        if (modality != PqrsModality.Documentos)
        {
            holidays.Should().ContainEquivalentOf(
                new HolidayDetail(new DateOnly(2027, 1, 11), "Día de los Reyes Magos", HolidayRule.MovedToMonday, new DateOnly(2027, 1, 6)));
        }
    }

    [Fact]
    public void The_day_of_radicacion_never_counts_whatever_the_hour()
    {
        var early = File(PqrsModality.Peticion, At(2026, 3, 30, 7));
        var late = File(PqrsModality.Peticion, At(2026, 3, 30, 23), At(2026, 3, 30, 23, 30));

        early.LegalDueAt.Should().Be(late.LegalDueAt, "radicar a las 07:00 o a las 23:00 del mismo día da el mismo vencimiento");
        early.LegalDueAt.Should().Be(CloseOf(2026, 4, 22));
        Explain(early, At(2026, 3, 30, 8)).Spans[0].Should().Match<ExplainedSpan>(
            s => s.Kind == ExplainedSpanKind.FilingDay && s.To == At(2026, 3, 31, 0));
    }

    [Fact]
    public void A_radicacion_in_the_future_is_refused()
    {
        var act = () => File(PqrsModality.Peticion, At(2026, 3, 30, 10), received: At(2026, 3, 30, 9));

        act.Should().Throw<DomainException>().Which.Rule.Should().Be(DomainRules.LegalFiledInFuture);
    }

    [Fact]
    public void A_question_within_ten_days_suspends_the_term_and_the_requester_answer_restarts_it_in_full()
    {
        var c = Attended(PqrsModality.Peticion, At(2026, 3, 30, 10));

        // Tuesday 7 April 2026 is business day 4: within the ten of art. 17.
        c.WaitOnRequester("Indique el número de contrato al que se refiere.", AgentAt(At(2026, 4, 7, 9)));

        c.LegalSuspendedSince.Should().Be(At(2026, 4, 7, 9));
        var suspended = Explain(c, At(2026, 4, 8, 9));
        suspended.DueAt.Should().BeNull("mientras el término está suspendido no hay vencimiento");
        suspended.Legal.State.Should().Be(LegalTermState.Suspended);
        suspended.Spans[^1].Should().Match<ExplainedSpan>(s => s.Kind == ExplainedSpanKind.Paused && s.Open && s.PauseReason == PauseReason.CompletionRequested);
        c.History.Should().Contain(h => h.Action == CaseAction.LegalTermSuspended);

        // She answers on Friday 10 April 2026 at 15:00: 15 days from the next one: 13–17 (1–5), 20–24 (6–10), 27–30 (11–14),
        // 1 May Día del Trabajo, Monday 4 May (15).
        c.Comment("El contrato es el 045 de 2025.", false, new CaseContext(Actor.Person(Requester), At(2026, 4, 10, 15), ColombianCalendar));

        c.LegalSuspendedSince.Should().BeNull();
        c.LegalTermStartedAt.Should().Be(At(2026, 4, 10, 15), "el término se reinicia desde la respuesta (art. 17)");
        c.LegalDueAt.Should().Be(CloseOf(2026, 5, 4));
        var restarted = Explain(c, At(2026, 4, 13, 9));
        restarted.DueAt.Should().Be(CloseOf(2026, 5, 4));
        restarted.CountedDays.Should().Be(15);
        restarted.Recomputations.Should().ContainSingle().Which.Should().Match<ClockRecomputation>(r =>
            r.Kind == RecomputationKind.LegalTermRestarted && r.OldDueAt == CloseOf(2026, 4, 22) && r.NewDueAt == CloseOf(2026, 5, 4));
        restarted.Legal.State.Should().Be(LegalTermState.OnTrack);
    }

    [Fact]
    public void A_question_after_the_tenth_day_does_not_suspend_the_term()
    {
        var c = Attended(PqrsModality.Consulta, At(2026, 3, 30, 10));

        // Thursday 16 April 2026 is business day 11.
        c.WaitOnRequester("¿Podría aclarar el periodo consultado?", AgentAt(At(2026, 4, 16, 9)));

        c.LegalSuspendedSince.Should().BeNull("pasados diez días la pregunta no suspende el término");
        c.History.Should().NotContain(h => h.Action == CaseAction.LegalTermSuspended);
        var explanation = Explain(c, At(2026, 4, 17, 9));
        explanation.DueAt.Should().Be(CloseOf(2026, 5, 14));
        explanation.Legal.State.Should().NotBe(LegalTermState.Suspended);
    }

    [Fact]
    public void An_extension_within_double_sets_the_new_due_tells_the_requester_and_is_recorded()
    {
        var c = Attended(PqrsModality.Peticion, At(2026, 3, 30, 10));

        // Double of 15 is 30 business days: Thursday 14 May 2026. Extend to Friday 8 May (day 26).
        c.ExtendLegalTerm(new DateOnly(2026, 5, 8), "Debemos consultar el archivo central.", AgentAt(At(2026, 4, 20, 10)));

        c.LegalTermDays.Should().Be(26);
        c.LegalDueAt.Should().Be(CloseOf(2026, 5, 8));
        var message = c.Comments.Should().ContainSingle(m => m.Kind == CaseMessageKind.LegalTermExtension).Subject;
        message.IsInternal.Should().BeFalse("la prórroga se le informa al usuario");
        message.Text.Should().Contain("8 de mayo de 2026").And.Contain("Debemos consultar el archivo central.");
        var entry = c.History.Should().ContainSingle(h => h.Action == CaseAction.LegalTermExtended).Subject;
        entry.Detail.Should().Be("Debemos consultar el archivo central.");
        entry.FromValue.Should().Be("2026-04-22T22:00:00Z");
        entry.ToValue.Should().Be("2026-05-08T22:00:00Z");
        var explanation = Explain(c, At(2026, 4, 20, 11));
        explanation.DueAt.Should().Be(CloseOf(2026, 5, 8));
        explanation.CountedDays.Should().Be(26);
        explanation.Legal.Extended.Should().BeTrue();
        explanation.Recomputations.Should().ContainSingle(r => r.Kind == RecomputationKind.LegalTermExtended)
            .Which.Reason.Should().Be("Debemos consultar el archivo central.");
    }

    [Fact]
    public void The_extension_may_reach_double_exactly()
    {
        var c = Attended(PqrsModality.Documentos, At(2026, 3, 30, 10));

        // Double of 10 is 20 business days: Wednesday 29 April 2026.
        c.ExtendLegalTerm(new DateOnly(2026, 4, 29), "Volumen de documentos.", AgentAt(At(2026, 4, 14, 10)));

        c.LegalDueAt.Should().Be(CloseOf(2026, 4, 29));
        c.LegalTermDays.Should().Be(20);
    }

    [Fact]
    public void An_extension_beyond_double_is_refused_in_spanish()
    {
        var c = Attended(PqrsModality.Documentos, At(2026, 3, 30, 10));

        // Double of 10 days is 20: Wednesday 29 April 2026; Thursday 30 April is day 21.
        var act = () => c.ExtendLegalTerm(new DateOnly(2026, 4, 30), "Volumen de documentos.", AgentAt(At(2026, 4, 14, 10)));

        var refusal = act.Should().Throw<DomainException>().Which;
        refusal.Rule.Should().Be(DomainRules.LegalExtensionBeyondDouble);
        refusal.Message.Should().Contain("doble").And.Contain("29 de abril de 2026");
        c.LegalDueAt.Should().Be(CloseOf(2026, 4, 15), "el vencimiento no cambia");
        c.Comments.Should().NotContain(m => m.Kind == CaseMessageKind.LegalTermExtension);
    }

    [Fact]
    public void A_personal_data_consulta_is_extended_by_five_business_days_at_most()
    {
        var c = Attended(PqrsModality.DatosConsulta, At(2026, 3, 30, 10));
        c.LegalDueAt.Should().Be(CloseOf(2026, 4, 15), "10 días hábiles (Ley 1581, art. 14), Semana Santa excluida");

        // Five business days after Wednesday 15 April: Wednesday 22 April; Thursday 23 is the sixth.
        var beyond = () => c.ExtendLegalTerm(new DateOnly(2026, 4, 23), "Consulta en el archivo.", AgentAt(At(2026, 4, 14, 10)));

        var refusal = beyond.Should().Throw<DomainException>().Which;
        refusal.Rule.Should().Be(DomainRules.LegalExtensionBeyondPersonalData);
        refusal.Message.Should().Contain("5 días hábiles más").And.Contain("Ley 1581").And.Contain("22 de abril de 2026");
        c.LegalDueAt.Should().Be(CloseOf(2026, 4, 15), "el vencimiento no cambia");

        c.ExtendLegalTerm(new DateOnly(2026, 4, 22), "Consulta en el archivo.", AgentAt(At(2026, 4, 14, 10)));

        c.LegalDueAt.Should().Be(CloseOf(2026, 4, 22));
        c.LegalTermDays.Should().Be(15);
        c.Comments.Should().ContainSingle(m => m.Kind == CaseMessageKind.LegalTermExtension)
            .Which.Text.Should().Contain("Ley 1581 de 2012").And.NotContain("1755").And.Contain("Consulta en el archivo.");
    }

    [Fact]
    public void A_personal_data_reclamo_is_extended_by_eight_business_days_at_most()
    {
        var c = Attended(PqrsModality.DatosReclamo, At(2026, 3, 30, 10));
        c.LegalDueAt.Should().Be(CloseOf(2026, 4, 22), "15 días hábiles (Ley 1581, art. 15)");

        // Eight business days after 22 April, 1 May excluded: Tuesday 5 May; Wednesday 6 is the ninth.
        var beyond = () => c.ExtendLegalTerm(new DateOnly(2026, 5, 6), "Verificación con talento humano.", AgentAt(At(2026, 4, 14, 10)));
        beyond.Should().Throw<DomainException>().Which.Rule.Should().Be(DomainRules.LegalExtensionBeyondPersonalData);

        c.ExtendLegalTerm(new DateOnly(2026, 5, 5), "Verificación con talento humano.", AgentAt(At(2026, 4, 14, 10)));

        c.LegalDueAt.Should().Be(CloseOf(2026, 5, 5));
        c.LegalTermDays.Should().Be(23);
    }

    [Fact]
    public void An_extension_after_expiry_is_refused()
    {
        var c = Attended(PqrsModality.Documentos, At(2026, 3, 30, 10));

        var act = () => c.ExtendLegalTerm(new DateOnly(2026, 4, 24), "Se nos pasó.", AgentAt(At(2026, 4, 15, 17)));

        act.Should().Throw<DomainException>().Which.Rule.Should().Be(DomainRules.LegalExtensionExpired);
        c.LegalDueAt.Should().Be(CloseOf(2026, 4, 15));
    }

    [Fact]
    public void A_second_extension_is_refused()
    {
        var c = Attended(PqrsModality.Peticion, At(2026, 3, 30, 10));
        c.ExtendLegalTerm(new DateOnly(2026, 4, 30), "Debemos consultar el archivo central.", AgentAt(At(2026, 4, 20, 10)));

        var act = () => c.ExtendLegalTerm(new DateOnly(2026, 5, 8), "Aún no llega el archivo.", AgentAt(At(2026, 4, 27, 10)));

        act.Should().Throw<DomainException>().Which.Rule.Should().Be(DomainRules.LegalExtensionAlreadyExtended);
        c.LegalDueAt.Should().Be(CloseOf(2026, 4, 30));
    }

    [Fact]
    public void The_clock_reads_at_risk_at_three_quarters_breached_at_the_due_time_and_met_when_answered_in_time()
    {
        // Documentos from Monday 30 March 2026: ten days of 9 h, 90 h; 75 % is 67.5 h, reached on day 8 (Monday 13 April) at 12:30.
        var c = Attended(PqrsModality.Documentos, At(2026, 3, 30, 10));
        var facts = c.LegalTermFacts;

        LegalTermClock.Read(facts, ColombianCalendar, At(2026, 4, 13, 12, 29)).State.Should().Be(LegalTermState.OnTrack);
        var atRisk = LegalTermClock.Read(facts, ColombianCalendar, At(2026, 4, 13, 12, 30));
        atRisk.State.Should().Be(LegalTermState.AtRisk, "a las 12:30 del día 8 se usó el 75 % del término");
        atRisk.Fraction.Should().BeApproximately(0.75, 1e-9);
        LegalTermClock.Read(facts, ColombianCalendar, At(2026, 4, 15, 16, 59)).State.Should().Be(LegalTermState.AtRisk);
        LegalTermClock.Read(facts, ColombianCalendar, CloseOf(2026, 4, 15)).State.Should().Be(LegalTermState.Breached);

        c.Resolve("Se envían las copias solicitadas.", AgentAt(At(2026, 4, 15, 16)));

        c.LegalAnsweredAt.Should().Be(At(2026, 4, 15, 16));
        var met = LegalTermClock.Read(c.LegalTermFacts, ColombianCalendar, At(2026, 4, 20, 9));
        met.State.Should().Be(LegalTermState.Met, "se respondió antes del vencimiento");
        Explain(c, At(2026, 4, 20, 9)).StoppedAt.Should().Be(At(2026, 4, 15, 16));
    }

    [Fact]
    public void An_answer_after_the_due_time_reads_breached()
    {
        var c = Attended(PqrsModality.Documentos, At(2026, 3, 30, 10));

        c.Resolve("Se envían las copias solicitadas.", AgentAt(At(2026, 4, 16, 9)));

        LegalTermClock.Read(c.LegalTermFacts, ColombianCalendar, At(2026, 4, 20, 9)).State.Should().Be(LegalTermState.Breached);
    }

    [Fact]
    public void A_question_on_the_day_of_radicacion_ends_that_day_span_where_the_suspension_starts()
    {
        var c = Attended(PqrsModality.Peticion, At(2026, 3, 30, 10));

        c.WaitOnRequester("Adjunte copia de su documento de identidad.", AgentAt(At(2026, 3, 30, 11)));

        c.LegalSuspendedSince.Should().Be(At(2026, 3, 30, 11));
        var explanation = Explain(c, At(2026, 3, 31, 9));
        explanation.Spans.Select(s => (s.Kind, s.From, s.To)).Should().Equal(
            (ExplainedSpanKind.FilingDay, At(2026, 3, 30, 10), At(2026, 3, 30, 11)),
            (ExplainedSpanKind.Paused, At(2026, 3, 30, 11), At(2026, 3, 31, 9)));
        explanation.DueAt.Should().BeNull();
    }
}
