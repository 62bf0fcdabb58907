using BenchmarkDotNet.Attributes;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Sla;

namespace MesaServicio.Benchmarks;

/// <summary>
/// "Cómo se calculó el ANS" (issue #16): the explanation of a PQRS consulta (30 business days of legal term) with its ANS
/// clocks, and the calendar walk under it over 30 business days. Goal: an explanation in at most 1 ms.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ClockExplanationBenchmarks
{
    private static readonly TimeSpan Bogota = TimeSpan.FromHours(-5);

    private readonly Dictionary<DateOnly, string> _entityDays = new()
    {
        [new DateOnly(2026, 4, 24)] = "Jornada de integración institucional",
    };

    private BusinessCalendar _calendar = null!;
    private Case _case = null!;
    private DateTimeOffset _now;
    private DateTimeOffset _walkFrom;
    private DateTimeOffset _walkTo;

    [GlobalSetup]
    public void Setup()
    {
        var colombia = BusinessCalendar.ColombiaDefault();
        _calendar = new BusinessCalendar(colombia.TimeZone, colombia.WeeklyHours, true, _entityDays.Keys);

        // A consulta filed on Monday 30 March 2026 (Semana Santa ahead), with ANS of 8 h to attend and 15 business days to
        // resolve; the desk asks the requester once after the tenth day (the legal term keeps running) and she answers.
        var filed = new DateTimeOffset(2026, 3, 30, 10, 0, 0, Bogota);
        var agent = Guid.NewGuid();
        var requester = Guid.NewGuid();
        _case = Case.Register(
            new CaseRegistration("MS-2026-000001", CaseKind.Request, 10, "Consulta sobre el régimen de cesantías",
                "Solicito concepto sobre el retiro parcial de cesantías.", Impact.Low, Urgency.Low, CasePriority.Low, CaseChannel.Pqrs,
                requester, null, new SlaPolicy(null, CaseKind.Request, CasePriority.Low, SlaTarget.Hours(8), SlaTarget.Days(15)),
                "RAD-2026-001", new PqrsFiling(PqrsModality.Consulta, filed)),
            new CaseContext(Actor.System, filed.AddMinutes(5), _calendar));
        _case.Assign(agent, 1, 1, new CaseContext(Actor.System, filed.AddMinutes(5), _calendar));
        _case.Attend(new CaseContext(Actor.Person(agent), filed.AddHours(2), _calendar));
        _case.WaitOnRequester("¿Su vinculación es anterior a 1996?",
            new CaseContext(Actor.Person(agent), new DateTimeOffset(2026, 4, 16, 9, 0, 0, Bogota), _calendar));
        _case.Comment("Sí, desde 1994.", false,
            new CaseContext(Actor.Person(requester), new DateTimeOffset(2026, 4, 17, 11, 0, 0, Bogota), _calendar));
        _now = new DateTimeOffset(2026, 4, 20, 10, 0, 0, Bogota);

        // 30 business days: from the day after radicación to the legal due time (Thursday 14 May 2026, 17:00).
        _walkFrom = _calendar.StartOfNextDay(filed);
        _walkTo = _calendar.EndOfNthBusinessDayAfter(filed, 30);

        // Build the lazy day index and the holiday cache outside the measurements.
        _ = Explain();
    }

    /// <summary>All three explanations of the case (attention, resolution, the 30-day legal term), as the case page asks for them.</summary>
    [Benchmark]
    public CaseClockExplanations Explain() => ClockExplainer.Explain(_case, _calendar, _now, _ => null, _entityDays);

    /// <summary>The calendar walk alone over 30 business days (about six weeks, with Semana Santa and 1 May).</summary>
    [Benchmark]
    public int Walk30BusinessDays() => _calendar.Walk(_walkFrom, _walkTo).Count;
}
