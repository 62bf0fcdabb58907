using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Sla;
using MesaServicio.Tests.Calendar;
using static MesaServicio.Tests.Support.CaseBuilder;

namespace MesaServicio.Tests.Sla;

/// <summary>
/// Properties of "Cómo se calculó el ANS" on random cases driven through the real domain: random targets in hours and days,
/// random receptions in 2024–2030, random questions to the requester and answers (pauses, some cases paused several times),
/// some resolved, some PQRS with a legal term, on the Colombian calendar, with extra non-working days, or on random calendars.
/// Seeded, deterministic. The checks inside the loops filter with plain LINQ and assert on what is left: FluentAssertions'
/// predicate overloads (<c>Contain(x => …)</c>) compile an expression tree on every call, which made these loops slow.
/// </summary>
[Trait("Pass", "Once")]
public class ClockExplanationPropertyTests
{
    private static readonly IReadOnlyDictionary<DateOnly, string> NoDescriptions = new Dictionary<DateOnly, string>();

    [Fact]
    public void Explanations_of_random_cases_add_up_to_their_targets_and_agree_with_the_clocks()
    {
        var random = new Random(2015);
        var waitingAfterDue = 0;
        var paused = 0;
        var pausedMoreThanOnce = 0;
        var withLegalTerm = 0;
        for (var i = 0; i < 400; i++)
        {
            var scenario = RandomScenario(random, i);
            var c = scenario.Case;
            var what = scenario.Describe();
            var explanations = ClockExplainer.Explain(c, scenario.Calendar, scenario.ReadAt, _ => null, NoDescriptions);

            CheckAttention(c, scenario, explanations.Attention, what);
            CheckResolution(c, scenario, explanations.Resolution, what);
            CheckLegalTerm(c, scenario, explanations.LegalTerm, what);

            paused += scenario.Pauses > 0 ? 1 : 0;
            pausedMoreThanOnce += scenario.Pauses > 1 ? 1 : 0;
            withLegalTerm += c.LegalDueAt is not null ? 1 : 0;
            waitingAfterDue += c.Status == CaseStatus.WaitingOnRequester && explanations.Resolution!.DueAt is not null ? 1 : 0;
        }

        // The generator reaches the cases the properties are about.
        paused.Should().BeGreaterThan(150);
        pausedMoreThanOnce.Should().BeGreaterThan(80);
        withLegalTerm.Should().BeGreaterThan(150);
        waitingAfterDue.Should().BeGreaterThan(5);
    }

    [Fact]
    public void Legal_terms_of_random_filings_count_their_days_and_agree_with_the_case()
    {
        var random = new Random(1437);
        for (var i = 0; i < 400; i++)
        {
            var calendar = random.Next(2) == 0
                ? BusinessCalendar.ColombiaDefault()
                : RandomCalendars.ColombiaDefaultWith(RandomCalendars.RandomDays(random, random.Next(1, 60)));
            var modality = (PqrsModality)random.Next(1, 4);
            var filed = RandomCalendars.RandomInstant(random);
            var received = filed + TimeSpan.FromMinutes(random.Next(0, 5 * 24 * 60));
            var c = RegisterPqrs(calendar, received, new PqrsFiling(modality, filed), null);
            var readAt = received + TimeSpan.FromMinutes(random.Next(0, 60 * 24 * 60));
            var what = $"caso {i}: {modality}, radicado {filed:O}, recibido {received:O}";

            var explanation = ClockExplainer.Explain(c, calendar, readAt, _ => null, NoDescriptions).LegalTerm;

            explanation.Should().NotBeNull(what);
            explanation!.CountedDays.Should().Be(LegalTermClock.DaysFor(modality), what);
            explanation.CountedDays.Should().Be(c.LegalTermDays, what);
            explanation.DueAt.Should().Be(c.LegalDueAt, what);
            explanation.DueAt.Should().Be(calendar.EndOfNthBusinessDayAfter(filed, LegalTermClock.DaysFor(modality)), what);
            explanation.Counted.Should().Be(explanation.TargetTime, what);
            explanation.Spans[0].Kind.Should().Be(ExplainedSpanKind.FilingDay, what);
            explanation.Spans[^1].To.Should().Be(explanation.DueAt!.Value, what);
            CheckCounted(calendar, explanation, [], what);
            explanation.Spans.Where(s => s.Kind == ExplainedSpanKind.Counted && s.From < calendar.StartOfNextDay(filed))
                .Should().BeEmpty("el día de la radicación no cuenta ({0})", what);
            explanation.Legal.State.Should().Be(readAt >= c.LegalDueAt ? LegalTermState.Breached : explanation.Legal.Fraction >= 0.75
                ? LegalTermState.AtRisk : LegalTermState.OnTrack, what);
        }
    }

    private static void CheckAttention(Case c, Scenario scenario, ClockExplanation? explanation, string what)
    {
        if (scenario.Policy.Attend is null)
        {
            explanation.Should().BeNull(what);
            return;
        }

        explanation.Should().NotBeNull(what);
        explanation!.DueAt.Should().Be(c.AttendDueAt, what);
        explanation.DueAt.Should().Be(SlaClock.Attention(c.SlaFacts, scenario.Calendar, scenario.ReadAt).DueAt, what);
        explanation.TargetTime.Should().Be(c.AttendTarget!.Value, what);
        explanation.Counted.Should().Be(explanation.TargetTime, "las ventanas contadas suman el objetivo de atención ({0})", what);
        explanation.TargetAmount.Should().Be(scenario.Policy.Attend.Amount, what);
        explanation.TargetUnit.Should().Be(scenario.Policy.Attend.Unit, what);
        CheckContiguous(explanation, c.ReceivedAt, what);
        explanation.Spans.Where(s => s.Kind == ExplainedSpanKind.Paused).Should().BeEmpty(what);
        CheckCounted(scenario.Calendar, explanation, [], what);
    }

    private static void CheckResolution(Case c, Scenario scenario, ClockExplanation? explanation, string what)
    {
        explanation.Should().NotBeNull(what);
        var reading = SlaClock.Resolution(c.SlaFacts, scenario.Calendar, scenario.ReadAt);
        explanation!.DueAt.Should().Be(reading.DueAt, "el vencimiento explicado es el del reloj ({0})", what);
        explanation.TargetTime.Should().Be(c.ResolveTarget!.Value, what);
        CheckContiguous(explanation, c.ReceivedAt, what);

        var pauses = PausesOf(c);
        CheckCounted(scenario.Calendar, explanation, pauses, what);

        // Every pause listed is one the history records, with its reason.
        foreach (var span in explanation.Spans.Where(s => s.Kind == ExplainedSpanKind.Paused))
        {
            span.PauseReason.Should().Be(PauseReason.WaitingOnRequester, what);
            pauses.Where(p => p.From == span.From && (span.Open ? p.To == null : p.To == span.To))
                .Should().NotBeEmpty("cada pausa explicada ({0:O}–{1:O}) está en el historial ({2})", span.From, span.To, what);
        }

        // A wait that started before the due time moves it (unknown until she answers); one that started at or after it does not.
        var dueBeforeThisWait = scenario.Calendar.AddBusinessTime(c.ResolveBaseDueAt!.Value, c.PausedBusinessTime);
        if (c.Status == CaseStatus.WaitingOnRequester && c.PausedSince < dueBeforeThisWait)
        {
            explanation.DueAt.Should().BeNull("un reloj en pausa no tiene vencimiento ({0})", what);
            explanation.Paused.Should().BeTrue(what);
            explanation.Spans[^1].Should().Match<ExplainedSpan>(
                s => s.Kind == ExplainedSpanKind.Paused && s.Open && s.To == scenario.ReadAt, what);
            explanation.Counted.Should().BeLessThan(explanation.TargetTime, what);
        }
        else
        {
            explanation.DueAt.Should().NotBeNull(what);
            explanation.Paused.Should().BeFalse(what);
            if (c.Status == CaseStatus.WaitingOnRequester)
            {
                explanation.DueAt.Should().Be(dueBeforeThisWait, "una pausa que empieza vencido el ANS no lo mueve ({0})", what);
                reading.State.Should().Be(SlaState.Breached, what);
            }

            explanation.Counted.Should().Be(explanation.TargetTime, "las ventanas contadas suman el objetivo de solución ({0})", what);
            explanation.Spans[^1].To.Should().Be(explanation.DueAt!.Value, what);

            // The due time moved by the business time of the pauses that started before it, and no other.
            var paused = pauses.Where(p => p.To is not null && p.From < explanation.DueAt)
                .Sum(p => scenario.Calendar.BusinessTimeBetween(p.From, p.To!.Value).Ticks);
            explanation.DueAt.Should().Be(
                scenario.Calendar.AddBusinessTime(c.ResolveBaseDueAt!.Value, new TimeSpan(paused)), what);
            explanation.Spans.Count(s => s.Kind == ExplainedSpanKind.Paused)
                .Should().Be(pauses.Count(p => p.From < explanation.DueAt), what);
        }
    }

    private static void CheckLegalTerm(Case c, Scenario scenario, ClockExplanation? explanation, string what)
    {
        if (c.LegalTermStartedAt is not { } start)
        {
            explanation.Should().BeNull(what);
            return;
        }

        var calendar = scenario.Calendar;
        explanation.Should().NotBeNull(what);
        explanation!.Spans[0].Kind.Should().Be(ExplainedSpanKind.FilingDay, what);
        explanation.Start.Should().Be(start, what);
        c.LegalDueAt.Should().Be(calendar.EndOfNthBusinessDayAfter(start, c.LegalTermDays!.Value), what);
        CheckContiguous(explanation, start, what);
        CheckCounted(calendar, explanation, [], what);
        explanation.Spans.Where(s => s.Kind == ExplainedSpanKind.Counted && s.From < calendar.StartOfNextDay(start))
            .Should().BeEmpty("el día de inicio del término no cuenta ({0})", what);
        if (c.LegalSuspendedSince is { } since)
        {
            explanation.DueAt.Should().BeNull("un término suspendido no tiene vencimiento ({0})", what);
            explanation.Legal.State.Should().Be(LegalTermState.Suspended, what);
            explanation.Spans[^1].Should().Match<ExplainedSpan>(
                s => s.Kind == ExplainedSpanKind.Paused && s.Open && s.PauseReason == PauseReason.CompletionRequested && s.From == since, what);
            explanation.CountedDays.Should().BeLessThan(c.LegalTermDays.Value, what);
        }
        else
        {
            explanation.DueAt.Should().Be(c.LegalDueAt, what);
            explanation.CountedDays.Should().Be(c.LegalTermDays.Value, "se cuentan los días del término ({0})", what);
            explanation.Counted.Should().Be(explanation.TargetTime, what);
            explanation.Spans[^1].To.Should().Be(c.LegalDueAt!.Value, what);
            explanation.Legal.DueAt.Should().Be(c.LegalDueAt.Value, what);
        }

        explanation.Recomputations.Count(r => r.Kind == RecomputationKind.LegalTermRestarted)
            .Should().Be(c.History.Count(h => h.Action == CaseAction.LegalTermRestarted), what);
    }

    /// <summary>The spans follow each other from the clock's start without gaps or overlaps.</summary>
    private static void CheckContiguous(ClockExplanation explanation, DateTimeOffset start, string what)
    {
        explanation.Spans.Should().NotBeEmpty(what);
        explanation.Spans[0].From.Should().Be(start, what);
        for (var i = 1; i < explanation.Spans.Count; i++)
        {
            explanation.Spans[i].From.Should().Be(explanation.Spans[i - 1].To, "tramos contiguos ({0}, tramo {1})", what, i);
            explanation.Spans[i].To.Should().BeOnOrAfter(explanation.Spans[i].From, what);
        }
    }

    /// <summary>No counted span on a holiday, weekend, non-working day, off hours or a pause.</summary>
    private static void CheckCounted(
        BusinessCalendar calendar, ClockExplanation explanation, IReadOnlyList<(DateTimeOffset From, DateTimeOffset? To)> pauses, string what)
    {
        foreach (var span in explanation.Spans.Where(s => s.Kind == ExplainedSpanKind.Counted))
        {
            var local = calendar.ToLocal(span.From);
            var day = DateOnly.FromDateTime(local.DateTime);
            calendar.NonBusinessKindOf(day).Should().BeNull("el {0} no es hábil y se contó ({1})", day, what);
            calendar.IsBusinessDay(day).Should().BeTrue(what);
            var start = TimeOnly.FromDateTime(local.DateTime);
            var end = TimeOnly.FromDateTime(calendar.ToLocal(span.To.AddTicks(-1)).DateTime);
            DateOnly.FromDateTime(calendar.ToLocal(span.To.AddTicks(-1)).DateTime).Should().Be(day, what);
            calendar.WeeklyHours[day.DayOfWeek].Where(h => h.Start <= start && end < h.End)
                .Should().NotBeEmpty("la ventana {0:O}–{1:O} está dentro del horario ({2})", span.From, span.To, what);
            span.BusinessTime.Should().Be(span.To - span.From, what);
            pauses.Where(p => p.From < span.To && (p.To == null || span.From < p.To))
                .Should().BeEmpty("la ventana {0:O}–{1:O} no se cruza con una pausa ({2})", span.From, span.To, what);
        }

        foreach (var span in explanation.Spans.Where(s => s.Kind is not ExplainedSpanKind.Counted))
        {
            span.BusinessTime.Should().Be(TimeSpan.Zero, what);
            if (span.Kind is ExplainedSpanKind.Holiday)
            {
                span.Holidays.Should().NotBeEmpty(what);
                span.Holidays.Should().Equal(ColombianHolidays.DetailsOf(span.Day), what);
            }
        }
    }

    /// <summary>The requester's waits, read from the history independently of the explainer.</summary>
    private static List<(DateTimeOffset From, DateTimeOffset? To)> PausesOf(Case c)
    {
        var pauses = new List<(DateTimeOffset From, DateTimeOffset? To)>();
        DateTimeOffset? open = null;
        foreach (var entry in c.History)
        {
            if (entry.ToStatus == CaseStatus.WaitingOnRequester)
            {
                open = entry.At;
            }
            else if (entry.FromStatus == CaseStatus.WaitingOnRequester && open is { } since)
            {
                pauses.Add((since, entry.At));
                open = null;
            }
        }

        if (open is { } still)
        {
            pauses.Add((still, null));
        }

        return pauses;
    }

    private static Scenario RandomScenario(Random random, int index)
    {
        IReadOnlyList<DateOnly> extraDays = [];
        var calendar = random.Next(3) switch
        {
            0 => BusinessCalendar.ColombiaDefault(),
            1 => RandomCalendars.ColombiaDefaultWith(extraDays = RandomCalendars.RandomDays(random, random.Next(5, 80))),
            _ => RandomCalendars.Create(random, out extraDays, nationalHolidays: true),
        };

        var attend = random.Next(4) switch
        {
            0 => null,
            1 => SlaTarget.Days(random.Next(1, 4)),
            _ => SlaTarget.Hours(random.Next(1, 17)),
        };
        var resolve = random.Next(2) == 0 ? SlaTarget.Days(random.Next(1, 16)) : SlaTarget.Hours(random.Next(1, 80));
        var policy = new SlaPolicy(null, CaseKind.Incident, CasePriority.High, attend, resolve);
        var received = RandomCalendars.RandomInstant(random);
        PqrsFiling? filing = random.Next(2) == 0
            ? new PqrsFiling((PqrsModality)random.Next(1, 4), received - TimeSpan.FromMinutes(random.Next(0, 4 * 24 * 60)))
            : null;

        var c = RegisterPqrs(calendar, received, filing, policy);
        var now = received;
        DateTimeOffset Step() => now += random.Next(3) switch
        {
            0 => TimeSpan.FromMinutes(random.Next(1, 120)),
            1 => TimeSpan.FromMinutes(random.Next(1, 24 * 60)),
            _ => TimeSpan.FromMinutes(random.Next(1, 6 * 24 * 60)),
        };
        CaseContext As(Guid who) => new(Actor.Person(who), Step(), calendar);

        c.Assign(Agent, 1, 1, new CaseContext(Actor.System, now, calendar));
        c.Attend(As(Agent));
        var pauses = random.Next(5) switch
        {
            0 => 0,
            1 => 1,
            2 => 2,
            _ => random.Next(3, 6),
        };
        for (var p = 0; p < pauses; p++)
        {
            c.WaitOnRequester("¿Puede enviar una captura del error?", As(Agent));
            if (p == pauses - 1 && random.Next(3) == 0)
            {
                break; // still waiting on the requester
            }

            if (random.Next(2) == 0)
            {
                c.Resume("La usuaria respondió por teléfono.", As(Agent));
            }
            else
            {
                c.Comment("Adjunto la captura.", false, As(Requester));
            }
        }

        if (c.Status == CaseStatus.InProgress && random.Next(4) == 0)
        {
            c.Resolve("Se reconfiguró el perfil.", As(Agent));
        }

        var readAt = Step();
        return new Scenario(index, calendar, extraDays, policy, filing, c, pauses, readAt);
    }

    private static Case RegisterPqrs(BusinessCalendar calendar, DateTimeOffset received, PqrsFiling? filing, SlaPolicy? policy) =>
        Case.Register(
            new CaseRegistration("MS-2026-000001", CaseKind.Incident, 10, "No funciona el correo", "Outlook no sincroniza.",
                Impact.High, Urgency.Medium, CasePriority.High, filing is null ? CaseChannel.Portal : CaseChannel.Pqrs, Requester, null,
                policy, filing is null ? null : "RAD-2026-1", filing),
            new CaseContext(Actor.System, received, calendar));

    private sealed record Scenario(
        int Index, BusinessCalendar Calendar, IReadOnlyList<DateOnly> ExtraDays, SlaPolicy Policy, PqrsFiling? Filing, Case Case,
        int Pauses, DateTimeOffset ReadAt)
    {
        public string Describe() =>
            $"caso {Index}: recibido {Case.ReceivedAt:O}, atender {Policy.Attend}, resolver {Policy.Resolve}, "
            + $"PQRS {Filing}, pausas {Pauses}, estado {Case.Status}, lectura {ReadAt:O}, días extra {ExtraDays.Count}, "
            + $"horario {string.Join(" ", Calendar.WeeklyHours.Select(kv => $"{kv.Key}:{string.Join(",", kv.Value)}"))}";
    }
}
