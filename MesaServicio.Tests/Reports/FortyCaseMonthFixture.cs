using MesaServicio.Core.Cases;
using MesaServicio.Core.People;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Reports;
using MesaServicio.Core.Security;
using MesaServicio.Core.Surveys;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Reports;

/// <summary>
/// The issue-15 fixture month: 42 cases filed in November 2026 (N1…N42) and 5 filed in October (O1…O5), walked
/// through the real use cases with a fake clock on the run's database (SQLite, or PostgreSQL with
/// <c>MESA_TEST_DATABASE=PostgreSql</c>), and the month's results read on Thursday 3 December 2026 at 09:00.
/// Calendar: Monday–Friday 08:00–17:00 Bogotá; holidays Monday 2 and Monday 16 November. Seeded ANS (attend / resolve):
/// incidencia Crítica 1 h / 4 h, Alta 2 h / 8 h, Media 4 h / 2 días, Baja 1 día / 5 días; petición Alta 1 día / 3 días,
/// Media 1 día / 5 días, Baja 1 día / 10 días, Planificada none ("n días" = close of the n-th business day after
/// the day of reception). Specialised (indicator 7): level ≥ 2, or the groups misionales, de apoyo, servicios
/// especializados. Every case's story is one block below, with its expected role in the figures; the figures
/// are derived by hand in <see cref="MonthlyReportFixtureTests"/>.
/// Each story is a list of timed steps; all steps run in time order (the clock only moves forward).
/// </summary>
public sealed class FortyCaseMonthFixture : IAsyncLifetime
{
    public static readonly YearMonth November = new(2026, 11);

    private const string FirstLevel = "Mesa de ayuda — primer nivel";
    private const string Misional = "Sistemas de información misionales — nivel 1";
    private const string Apoyo = "Sistemas de información de apoyo — nivel 1";
    private const string Administrativos = "Servicios administrativos — nivel 1";
    private const string Specialised = "Soporte especializado — nivel 2";

    private const string Correo = "Correo electrónico institucional";
    private const string Cuentas = "Cuentas de usuario y contraseñas";
    private const string Equipos = "Equipos de cómputo";
    private const string Impresoras = "Impresoras y escáneres";
    private const string Ofimatica = "Software ofimático";
    private const string Vpn = "VPN y acceso remoto";
    private const string Sigep = "SIGEP II — Sistema de Información y Gestión del Empleo Público";
    private const string Suit = "SUIT — Sistema Único de Información de Trámites";
    private const string Portal = "Portal web e intranet";
    private const string Nomina = "Nómina y talento humano";
    private const string Orfeo = "Gestión documental (ORFEO)";
    private const string Siif = "Sistema financiero (SIIF Nación)";
    private const string Servidores = "Servidores y centro de datos";
    private const string BasesDeDatos = "Bases de datos";
    private const string Prestamo = "Préstamo de equipos audiovisuales";
    private const string Traslado = "Traslado de puestos de trabajo";

    private static readonly TimeSpan Bogota = TimeSpan.FromHours(-5);

    private static readonly Guid Carlos = DemoPeople.Agent1;
    private static readonly Guid Diana = DemoPeople.Agent2;
    private static readonly Guid Paola = DemoPeople.Agent4;
    private static readonly Guid Natalia = DemoPeople.Agent6;
    private static readonly Guid Sergio = DemoPeople.Level2Agent;
    private static readonly Guid Alejandra = DemoPeople.Level3Agent;

    private readonly Dictionary<string, string> _numbers = [];
    private readonly List<(DateTimeOffset At, int Order, Func<Task> Run)> _steps = [];
    private Dictionary<Guid, PersonRoles> _roles = [];
    private CoreHost? _host;

    /// <summary>The host with the walked month (its clock stands at <see cref="AsOf"/>).</summary>
    public CoreHost Host => _host ?? throw new InvalidOperationException("Not started.");

    /// <summary>The month's results as of <see cref="AsOf"/>, over the whole desk.</summary>
    public MonthlyReport Report { get; private set; } = null!;

    /// <summary>When the report is read: Thursday 3 December 2026, 09:00 in Bogotá.</summary>
    public static DateTimeOffset AsOf { get; } = Dec(3, 9, 0);

    /// <summary>The case number of N1…N42 and O1…O5.</summary>
    public string Number(string name) => _numbers[name];

    /// <summary>All the case names and numbers.</summary>
    public IReadOnlyDictionary<string, string> Numbers => _numbers;

    public static DateTimeOffset Oct(int day, int hour, int minute = 0) => new(2026, 10, day, hour, minute, 0, Bogota);

    public static DateTimeOffset Nov(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, Bogota);

    public static DateTimeOffset Dec(int day, int hour, int minute = 0) => new(2026, 12, day, hour, minute, 0, Bogota);

    /// <summary>
    /// Builds the month on a new database and reads its report: for tests that are not an xunit class fixture
    /// (the PDF and CSV of the same month). The caller disposes the result.
    /// </summary>
    public static async Task<FortyCaseMonthFixture> StartAsync()
    {
        var month = new FortyCaseMonthFixture();
        await month.InitializeAsync();
        return month;
    }

    public async Task InitializeAsync()
    {
        _host = await CoreHost.StartAsync(Oct(1, 7));
        await using (var db = Host.NewContext())
        {
            _roles = await db.People.ToDictionaryAsync(p => p.Id, p => p.Roles);
        }

        WriteTheStories();
        foreach (var step in _steps.OrderBy(s => s.At).ThenBy(s => s.Order))
        {
            Host.Time.SetUtcNow(step.At);
            await step.Run();
        }

        Host.Time.SetUtcNow(AsOf);
        Report = await Host.Get<ComputeMonthlyReport>().HandleAsync(November, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private void WriteTheStories()
    {
        // ---- October cases (not filed in November: no volume, no survey outcome in November) ----

        // O1: misional, incidencia Media, Paola. Attended in October; resolution due Tue 3 Nov 17:00 (Fri 30, [Mon 2 holiday], Tue 3),
        // solved Tue 3 Nov 11:00 → specialised TIMELY in November. Survey answered 4 Nov 4/5/4 (a November answer).
        File("O1", Oct(29, 10), Portal, Impact.Medium, Urgency.Medium, CaseKind.Incident, Paola, Misional);
        Attend("O1", Oct(29, 10, 30), Paola);
        Resolve("O1", Nov(3, 11), Paola);
        Answer("O1", Nov(4, 9), true, 4, 5, 4);

        // O5: misional, incidencia Alta, Paola. Resolution due Fri 30 Oct 16:00, solved Tue 3 Nov 09:00: LATE, counted in
        // OCTOBER (its due month), never in November. Survey answered 3 Nov 3/4/4 (a November answer).
        File("O5", Oct(30, 8), Sigep, Impact.High, Urgency.Medium, CaseKind.Incident, Paola, Misional);
        Attend("O5", Oct(30, 8, 30), Paola);
        Resolve("O5", Nov(3, 9), Paola);
        Answer("O5", Nov(3, 10), true, 3, 4, 4);

        // O2: apoyo, incidencia Media, Natalia. Resolution due Wed 4 Nov 17:00, solved Thu 5 Nov 10:00: LATE in November
        // (resolution breach, 2 h). Closed without answer Wed 11 Nov (an unanswered November survey window).
        File("O2", Oct(30, 9), Nomina, Impact.Medium, Urgency.Medium, CaseKind.Incident, Natalia, Apoyo);
        Attend("O2", Oct(30, 9, 30), Natalia);
        Resolve("O2", Nov(5, 10), Natalia);
        CloseWithoutAnswer("O2", Nov(11, 8));

        // O3: servicios especializados at level 2, incidencia Alta, Sergio. Resolution due Tue 3 Nov 13:00 (3 h Friday + 5 h),
        // still open: LATE in November (resolution breach, 185 h over as of the reading).
        File("O3", Oct(30, 14), Servidores, Impact.High, Urgency.Medium, CaseKind.Incident, Sergio, Specialised);
        Attend("O3", Oct(30, 14, 30), Sergio);

        // O4: first level, incidencia Media, Carlos. Attention due Tue 3 Nov 10:00, attended Tue 3 09:00: attention TIMELY in
        // November; solved Tue 3 10:00 (due Wed 4 17:00): all-levels TIMELY in November. Closed without answer Mon 9.
        File("O4", Oct(30, 15), Correo, Impact.Medium, Urgency.Medium, CaseKind.Incident, Carlos, FirstLevel);
        Attend("O4", Nov(3, 9), Carlos);
        Resolve("O4", Nov(3, 10), Carlos);
        CloseWithoutAnswer("O4", Nov(9, 8));

        // ---- Week of Tuesday 3 November (Monday 2 is a holiday) ----

        // N1: first level, Alta, Carlos. Attended 08:30 (due 10:00), solved 12:00 (due 16:00): not specialised, timely. Survey 5/5/5.
        File("N1", Nov(3, 8), Correo, Impact.High, Urgency.Medium, CaseKind.Incident, Carlos, FirstLevel);
        Attend("N1", Nov(3, 8, 30), Carlos);
        Resolve("N1", Nov(3, 12), Carlos);
        Answer("N1", Nov(4, 9), true, 5, 5, 5);

        // N2: first level, Media, Diana, filed by an agent. Attended 14:00, due 13:00: ATTENTION BREACH (1 h). Solved Wed 4 10:00
        // (due Thu 5 17:00): timely. Survey satisfied 4/2/4 → low score (oportunidad 2).
        File("N2", Nov(3, 9), Impresoras, Impact.Medium, Urgency.Medium, CaseKind.Incident, Diana, FirstLevel, CaseChannel.Agent, Carlos);
        Attend("N2", Nov(3, 14), Diana);
        Resolve("N2", Nov(4, 10), Diana);
        Answer("N2", Nov(4, 11), true, 4, 2, 4);

        // N3: misional, Alta, Paola. Solved 15:00 (due Wed 4 09:00): specialised TIMELY. Closed without answer Mon 9.
        File("N3", Nov(3, 10), Portal, Impact.High, Urgency.Medium, CaseKind.Incident, Paola, Misional);
        Attend("N3", Nov(3, 10, 30), Paola);
        Resolve("N3", Nov(3, 15), Paola);
        CloseWithoutAnswer("N3", Nov(9, 8));

        // N4: misional, Crítica, Paola. Solved 14:00, due 12:00: specialised LATE (breach 2 h). Survey "no" 2/1/3 → novedad,
        // closed "no hay solución adicional".
        File("N4", Nov(4, 8), Sigep, Impact.High, Urgency.High, CaseKind.Incident, Paola, Misional);
        Attend("N4", Nov(4, 8, 20), Paola);
        Resolve("N4", Nov(4, 14), Paola);
        Answer("N4", Nov(5, 9), false, 2, 1, 3, "Tardó demasiado.");
        CloseAfterNovedad("N4", Nov(5, 10), CloseOutcome.NoFurtherSolution, Paola);

        // N5: servicios especializados at level 2, Alta, Sergio. Waits on the requester Wed 10:00 → Thu 10:00 (9 h paused);
        // solved Thu 15:00: 15 h − 9 h = 6 h of 8 h: specialised TIMELY thanks to the pause. Survey 5/4/5.
        File("N5", Nov(4, 9), Servidores, Impact.High, Urgency.Medium, CaseKind.Incident, Sergio, Specialised);
        Attend("N5", Nov(4, 9, 30), Sergio);
        Wait("N5", Nov(4, 10), Sergio);
        Resume("N5", Nov(5, 10), Sergio);
        Resolve("N5", Nov(5, 15), Sergio);
        Answer("N5", Nov(6, 9), true, 5, 4, 5);

        // N6: first-level category escalated to level 2 (Sergio): specialised. Solved 15:00, due 16:00: TIMELY. Survey 4/4/4.
        File("N6", Nov(5, 8), Vpn, Impact.High, Urgency.Medium, CaseKind.Incident, Carlos, FirstLevel);
        Attend("N6", Nov(5, 8, 15), Carlos);
        Escalate("N6", Nov(5, 9), Carlos, Sergio);
        Attend("N6", Nov(5, 9, 30), Sergio);
        Resolve("N6", Nov(5, 15), Sergio);
        Answer("N6", Nov(6, 10), true, 4, 4, 4);

        // N7: first-level category escalated 1 → 2 → 3 (Alejandra), Crítica: due Thu 13:00, solved Fri 09:00: specialised
        // LATE (breach 5 h). Closed without answer Thu 12.
        File("N7", Nov(5, 9), Equipos, Impact.High, Urgency.High, CaseKind.Incident, Carlos, FirstLevel);
        Attend("N7", Nov(5, 9, 10), Carlos);
        Escalate("N7", Nov(5, 9, 30), Carlos, Sergio);
        Attend("N7", Nov(5, 9, 45), Sergio);
        Escalate("N7", Nov(5, 10), Sergio, Alejandra);
        Attend("N7", Nov(5, 10, 15), Alejandra);
        Resolve("N7", Nov(6, 9), Alejandra);
        CloseWithoutAnswer("N7", Nov(12, 8));

        // N8: administrativos, petición Planificada (no ANS), from PQRS: in no ANS figure. Survey 3/3/3.
        File("N8", Nov(5, 10), Prestamo, Impact.Low, Urgency.Low, CaseKind.Request, Natalia, Administrativos, CaseChannel.Pqrs);
        Attend("N8", Nov(5, 11), Natalia);
        Resolve("N8", Nov(6, 10), Natalia);
        Answer("N8", Nov(6, 11), true, 3, 3, 3);

        // N9: first level, petición Media, Diana: REJECTED (insufficient information) in time; not specialised. Closed without answer.
        File("N9", Nov(6, 8), Cuentas, Impact.Medium, Urgency.Medium, CaseKind.Request, Diana, FirstLevel);
        Analyse("N9", Nov(6, 9), Diana);
        Reject("N9", Nov(6, 9, 30), Diana, RejectionReason.InsufficientInformation);
        CloseWithoutAnswer("N9", Nov(12, 8));

        // N10: apoyo, petición Media, Natalia: REJECTED (out of scope) in time → a rejection counts as attended: specialised
        // TIMELY. Survey 4/5/5.
        File("N10", Nov(6, 9), Orfeo, Impact.Medium, Urgency.Medium, CaseKind.Request, Natalia, Apoyo);
        Analyse("N10", Nov(6, 10), Natalia);
        Reject("N10", Nov(6, 10, 30), Natalia, RejectionReason.OutOfScope);
        Answer("N10", Nov(9, 9), true, 4, 5, 5);

        // ---- Week of Monday 9 ----

        // N11: first level, Alta, Carlos. Solved 11:00, survey "no" 3/3/3 → novedad, REOPENED Tue 08:00, solved again Tue 10:00
        // (11 h − 6 h in the survey window = 5 h: timely); second survey 5/5/5. Two November answers.
        File("N11", Nov(9, 8), Correo, Impact.High, Urgency.Medium, CaseKind.Incident, Carlos, FirstLevel);
        Attend("N11", Nov(9, 8, 30), Carlos);
        Resolve("N11", Nov(9, 11), Carlos);
        Answer("N11", Nov(9, 14), false, 3, 3, 3, "No llegan los adjuntos.");
        Reopen("N11", Nov(10, 8), Carlos);
        Resolve("N11", Nov(10, 10), Carlos);
        Answer("N11", Nov(10, 11), true, 5, 5, 5);

        // N12: apoyo, Alta, Natalia. Attended 12:00, due 11:00: ATTENTION BREACH (1 h); solved 16:00 (due 17:00): specialised
        // TIMELY. Survey 4/3/5.
        File("N12", Nov(9, 9), Nomina, Impact.High, Urgency.Medium, CaseKind.Incident, Natalia, Apoyo);
        Attend("N12", Nov(9, 12), Natalia);
        Resolve("N12", Nov(9, 16), Natalia);
        Answer("N12", Nov(10, 9), true, 4, 3, 5);

        // N13: bases de datos at level 2, Media, Sergio. Due Wed 11 17:00, solved Thu 12 09:00: specialised LATE (breach 1 h).
        // Survey "no" 1/1/2 → novedad, closed "debe radicar un caso nuevo".
        File("N13", Nov(9, 10), BasesDeDatos, Impact.Medium, Urgency.Medium, CaseKind.Incident, Sergio, Specialised);
        Attend("N13", Nov(9, 10, 30), Sergio);
        Resolve("N13", Nov(12, 9), Sergio);
        Answer("N13", Nov(12, 10), false, 1, 1, 2, "Se perdió información.");
        CloseAfterNovedad("N13", Nov(12, 11), CloseOutcome.NewCaseRequired, Sergio);

        // N14: first level, Baja, Diana. Due Wed 18 17:00 (5 business days past the Monday 16 holiday), solved Fri 13: timely.
        // Closed without answer Fri 20.
        File("N14", Nov(10, 8), Ofimatica, Impact.Medium, Urgency.Low, CaseKind.Incident, Diana, FirstLevel);
        Attend("N14", Nov(10, 9), Diana);
        Resolve("N14", Nov(13, 10), Diana);
        CloseWithoutAnswer("N14", Nov(20, 8));

        // N15: apoyo, petición Alta (3 días), Natalia. Due Fri 13 17:00, solved Tue 17 09:00: specialised LATE (breach 1 h).
        // Survey SATISFIED but 2/2/3 → low score.
        File("N15", Nov(10, 10), Siif, Impact.High, Urgency.Medium, CaseKind.Request, Natalia, Apoyo);
        Attend("N15", Nov(10, 11), Natalia);
        Resolve("N15", Nov(17, 9), Natalia);
        Answer("N15", Nov(17, 10), true, 2, 2, 3, "Funcionó, pero tarde.");

        // N16: administrativos, petición Media, filed by an agent (Natalia): not specialised, timely. Survey 5/5/4.
        File("N16", Nov(11, 8), Traslado, Impact.Medium, Urgency.Medium, CaseKind.Request, Natalia, Administrativos, CaseChannel.Agent, Natalia);
        Attend("N16", Nov(11, 8, 30), Natalia);
        Resolve("N16", Nov(12, 10), Natalia);
        Answer("N16", Nov(12, 11), true, 5, 5, 4);

        // N17: misional, Alta, Paola. Waits on the requester since Wed 11 10:00 (1 h of 8 h used) and never hears back: open,
        // its clock stopped, not measured; PENDING (its due time without the open pause, Wed 11 17:00, is in November).
        File("N17", Nov(11, 9), Portal, Impact.High, Urgency.Medium, CaseKind.Incident, Paola, Misional);
        Attend("N17", Nov(11, 9, 15), Paola);
        Wait("N17", Nov(11, 10), Paola);

        // N18: misional, Alta, Paola: specialised TIMELY. Survey 5/4/4.
        File("N18", Nov(12, 8), Suit, Impact.High, Urgency.Medium, CaseKind.Incident, Paola, Misional);
        Attend("N18", Nov(12, 8, 30), Paola);
        Resolve("N18", Nov(12, 15), Paola);
        Answer("N18", Nov(13, 9), true, 5, 4, 4);

        // N19: first level, Alta, Diana. Attended 13:00, due 11:00: ATTENTION BREACH (2 h); solved 16:00: timely. No answer.
        File("N19", Nov(12, 9), Impresoras, Impact.High, Urgency.Medium, CaseKind.Incident, Diana, FirstLevel);
        Attend("N19", Nov(12, 13), Diana);
        Resolve("N19", Nov(12, 16), Diana);
        CloseWithoutAnswer("N19", Nov(19, 8));

        // N20: first-level category escalated to level 2 (Sergio). Due Fri 13 16:00, solved Tue 17 09:00: specialised LATE
        // (breach 2 h). Survey satisfied 3/2/4 → low score.
        File("N20", Nov(13, 8), Correo, Impact.High, Urgency.Medium, CaseKind.Incident, Carlos, FirstLevel);
        Attend("N20", Nov(13, 8, 30), Carlos);
        Escalate("N20", Nov(13, 9), Carlos, Sergio);
        Attend("N20", Nov(13, 10), Sergio);
        Resolve("N20", Nov(17, 9), Sergio);
        Answer("N20", Nov(17, 10, 30), true, 3, 2, 4);

        // N21: servidores at level 2, Crítica, Sergio, filed Friday 14:00: due Tue 17 09:00 (3 h + weekend + Monday holiday + 1 h),
        // solved Tue 08:30: specialised TIMELY. Survey 4/4/5.
        File("N21", Nov(13, 14), Servidores, Impact.High, Urgency.High, CaseKind.Incident, Sergio, Specialised);
        Attend("N21", Nov(13, 14, 30), Sergio);
        Resolve("N21", Nov(17, 8, 30), Sergio);
        Answer("N21", Nov(17, 11), true, 4, 4, 5);

        // ---- Week of Tuesday 17 (Monday 16 is a holiday) ----

        // N22: apoyo, petición Media, Natalia, never touched: ATTENTION BREACH (due Wed 18 17:00) and specialised LATE (due Tue 24
        // 17:00), both still open.
        File("N22", Nov(17, 8), Nomina, Impact.Medium, Urgency.Medium, CaseKind.Request, Natalia, Apoyo);

        // N23: first level, Alta, Carlos: REJECTED as a duplicate of N20, in time; not specialised. Survey 4/5/5.
        File("N23", Nov(17, 9), Equipos, Impact.High, Urgency.Medium, CaseKind.Incident, Carlos, FirstLevel);
        Analyse("N23", Nov(17, 9, 30), Carlos);
        Reject("N23", Nov(17, 10), Carlos, RejectionReason.Duplicate, "N20");
        Answer("N23", Nov(17, 11), true, 4, 5, 5);

        // N24: bases de datos at level 2, Alta, Sergio. Waits Wed 09:00 → Thu 09:00 (9 h); due moves to Thu 19 16:00; solved Fri 20
        // 09:00: 19 h − 9 h = 10 h of 8 h: specialised LATE despite the pause (breach 2 h). Closed without answer Thu 26.
        File("N24", Nov(18, 8), BasesDeDatos, Impact.High, Urgency.Medium, CaseKind.Incident, Sergio, Specialised);
        Attend("N24", Nov(18, 8, 30), Sergio);
        Wait("N24", Nov(18, 9), Sergio);
        Resume("N24", Nov(19, 9), Sergio);
        Resolve("N24", Nov(20, 9), Sergio);
        CloseWithoutAnswer("N24", Nov(26, 8));

        // N25: misional, Alta, Paola. Waits Wed 11:00 → Fri 11:00 (18 h); solved Fri 15:00: 23 h − 18 h = 5 h: specialised
        // TIMELY. Survey 5/5/5.
        File("N25", Nov(18, 10), Sigep, Impact.High, Urgency.Medium, CaseKind.Incident, Paola, Misional);
        Attend("N25", Nov(18, 10, 10), Paola);
        Wait("N25", Nov(18, 11), Paola);
        Resume("N25", Nov(20, 11), Paola);
        Resolve("N25", Nov(20, 15), Paola);
        Answer("N25", Nov(23, 9), true, 5, 5, 5);

        // N26: first level, Crítica, Diana. Solved 13:00, due 12:00: all-levels LATE (breach 1 h), not specialised. Survey "no"
        // 2/1/2 → novedad still AWAITING the technician's decision.
        File("N26", Nov(19, 8), Vpn, Impact.High, Urgency.High, CaseKind.Incident, Diana, FirstLevel);
        Attend("N26", Nov(19, 8, 30), Diana);
        Resolve("N26", Nov(19, 13), Diana);
        Answer("N26", Nov(19, 14), false, 2, 1, 2, "Tardaron mucho.");

        // N27: administrativos, petición Baja (10 días), Natalia: attended in time; resolution due Thu 3 Dec 17:00, still open:
        // open across the month's end with its due time OUTSIDE November → not in November's resolution figures.
        File("N27", Nov(19, 9), Prestamo, Impact.Medium, Urgency.Low, CaseKind.Request, Natalia, Administrativos);
        Attend("N27", Nov(19, 10), Natalia);

        // N28: misional, Baja, Paola: due Fri 27 17:00, still open: open across the month's end with its due time INSIDE
        // November → specialised LATE (breach, 28 h over).
        File("N28", Nov(20, 8), Portal, Impact.Medium, Urgency.Low, CaseKind.Incident, Paola, Misional);
        Attend("N28", Nov(20, 9), Paola);

        // N29: apoyo, Baja, Natalia: due Fri 27 17:00, solved Wed 2 Dec 10:00: LATE, counted in November, its due month
        // (breach 20 h).
        File("N29", Nov(20, 10), Nomina, Impact.Medium, Urgency.Low, CaseKind.Incident, Natalia, Apoyo);
        Attend("N29", Nov(20, 10, 30), Natalia);
        Resolve("N29", Dec(2, 10), Natalia);

        // ---- Week of Monday 23 ----

        // N30: first level, Alta, Carlos: timely. Survey 5/5/4.
        File("N30", Nov(23, 8), Correo, Impact.High, Urgency.Medium, CaseKind.Incident, Carlos, FirstLevel);
        Attend("N30", Nov(23, 8, 20), Carlos);
        Resolve("N30", Nov(23, 10), Carlos);
        Answer("N30", Nov(23, 15), true, 5, 5, 4);

        // N31: first level, Media, Diana: timely. Closed without answer Mon 30.
        File("N31", Nov(23, 9), Impresoras, Impact.Medium, Urgency.Medium, CaseKind.Incident, Diana, FirstLevel);
        Attend("N31", Nov(23, 10), Diana);
        Resolve("N31", Nov(24, 11), Diana);
        CloseWithoutAnswer("N31", Nov(30, 8));

        // N32: misional, petición Media, Paola: resolution due Mon 30 17:00, REJECTED (insufficient information) Tue 1 Dec 09:00:
        // a late rejection counts in November, its due month: specialised LATE (breach 1 h).
        File("N32", Nov(23, 10), Suit, Impact.Medium, Urgency.Medium, CaseKind.Request, Paola, Misional);
        Analyse("N32", Nov(23, 11), Paola);
        Reject("N32", Dec(1, 9), Paola, RejectionReason.InsufficientInformation);

        // N33: apoyo, Alta, Natalia: specialised TIMELY. Survey 4/5/5.
        File("N33", Nov(24, 8), Siif, Impact.High, Urgency.Medium, CaseKind.Incident, Natalia, Apoyo);
        Attend("N33", Nov(24, 8, 30), Natalia);
        Resolve("N33", Nov(24, 11), Natalia);
        Answer("N33", Nov(24, 15), true, 4, 5, 5);

        // N34: first-level category escalated to level 2 (Sergio), Media: due Thu 26 17:00, solved Wed 25 14:00: specialised
        // TIMELY. Survey 5/4/5.
        File("N34", Nov(24, 9), Vpn, Impact.Medium, Urgency.Medium, CaseKind.Incident, Carlos, FirstLevel);
        Attend("N34", Nov(24, 9, 30), Carlos);
        Escalate("N34", Nov(24, 10), Carlos, Sergio);
        Attend("N34", Nov(24, 10, 30), Sergio);
        Resolve("N34", Nov(25, 14), Sergio);
        Answer("N34", Nov(26, 9), true, 5, 4, 5);

        // N35: servidores at level 2, Media, Sergio: due Fri 27 17:00, still open → specialised LATE (breach, 28 h over).
        File("N35", Nov(25, 8), Servidores, Impact.Medium, Urgency.Medium, CaseKind.Incident, Sergio, Specialised);
        Attend("N35", Nov(25, 9), Sergio);

        // N41: first level, Alta, Diana: timely. Survey 5/5/5.
        File("N41", Nov(25, 10), Correo, Impact.High, Urgency.Medium, CaseKind.Incident, Diana, FirstLevel);
        Attend("N41", Nov(25, 10, 30), Diana);
        Resolve("N41", Nov(25, 12), Diana);
        Answer("N41", Nov(25, 15), true, 5, 5, 5);

        // N36: apoyo, petición Media, Natalia. Attention due Fri 27 17:00, attended Mon 30 09:00: ATTENTION BREACH (1 h). Resolution
        // due Thu 3 Dec 17:00, solved Tue 1 Dec: timely in DECEMBER → not in November's indicator 7.
        File("N36", Nov(26, 8), Orfeo, Impact.Medium, Urgency.Medium, CaseKind.Request, Natalia, Apoyo);
        Attend("N36", Nov(30, 9), Natalia);
        Resolve("N36", Dec(1, 10), Natalia);

        // N42: misional, petición Planificada (no ANS), Paola: specialised but never measured. Survey "no" 3/2/3 → novedad,
        // closed "debe radicar un caso nuevo".
        File("N42", Nov(26, 10), Suit, Impact.Low, Urgency.Low, CaseKind.Request, Paola, Misional);
        Attend("N42", Nov(26, 11), Paola);
        Resolve("N42", Nov(27, 10), Paola);
        Answer("N42", Nov(27, 11), false, 3, 2, 3, "Falta el manual.");
        CloseAfterNovedad("N42", Nov(27, 12), CloseOutcome.NewCaseRequired, Paola);

        // N37: misional, Alta, Paola: specialised TIMELY. Survey 4/4/4 on Mon 30.
        File("N37", Nov(27, 8), Portal, Impact.High, Urgency.Medium, CaseKind.Incident, Paola, Misional);
        Attend("N37", Nov(27, 8, 30), Paola);
        Resolve("N37", Nov(27, 12), Paola);
        Answer("N37", Nov(30, 9), true, 4, 4, 4);

        // N38: first level, Alta, Diana: timely. Survey answered Tue 1 DECEMBER 5/5/5: closed satisfied (a November case's outcome)
        // but not a November answer.
        File("N38", Nov(27, 9), Ofimatica, Impact.High, Urgency.Medium, CaseKind.Incident, Diana, FirstLevel);
        Attend("N38", Nov(27, 9, 30), Diana);
        Resolve("N38", Nov(27, 15), Diana);
        Answer("N38", Dec(1, 9), true, 5, 5, 5);

        // N39: first level, Alta, Carlos, filed Mon 30 15:00. Attention due Mon 30 17:00, attended Tue 1 Dec 08:30: ATTENTION
        // BREACH counted in November (30 min). Solved Tue 1 Dec 11:00 (due 14:00): timely in December.
        File("N39", Nov(30, 15), Cuentas, Impact.High, Urgency.Medium, CaseKind.Incident, Carlos, FirstLevel);
        Attend("N39", Dec(1, 8, 30), Carlos);
        Resolve("N39", Dec(1, 11), Carlos);

        // N40: misional, Baja, Paola, filed Mon 30 16:00, never touched: attention due Tue 1 Dec 17:00 (late in December),
        // resolution due Mon 7 Dec: nothing in November's compliance figures.
        File("N40", Nov(30, 16), Sigep, Impact.Medium, Urgency.Low, CaseKind.Incident, Paola, Misional);
    }

    /// <summary>A person as the use cases see them, with the roles the seed gives them.</summary>
    private CurrentUser User(Guid personId) => CurrentUser.Person(personId, _roles[personId]);

    private void On(DateTimeOffset at, Func<Task> run) => _steps.Add((at, _steps.Count, run));

    private void File(
        string name, DateTimeOffset at, string category, Impact impact, Urgency urgency, CaseKind kind, Guid technician, string group,
        CaseChannel channel = CaseChannel.Portal, Guid? filedBy = null) => On(at, async () =>
    {
        var requester = DemoPeople.Requester;
        var filed = await Host.Get<RegisterCase>().HandleAsync(
            new RegisterCaseCommand(kind, await Host.CategoryAsync(category), "Caso " + name + ": " + category,
                "Descripción del caso " + name + ".", impact, urgency, channel, requester),
            channel switch
            {
                CaseChannel.Pqrs => CurrentUser.Integration,
                CaseChannel.Agent => User(filedBy ?? throw new ArgumentNullException(nameof(filedBy))),
                _ => User(requester),
            }, default);
        _numbers[name] = filed.Number;

        // Routing picks by load; the fixture then puts each case with the technician its expected figures assume.
        await using var db = Host.NewContext();
        var groupId = await db.TechnicianGroups.Where(g => g.Name == group).Select(g => g.Id).SingleAsync();
        await Host.Get<AssignCase>().HandleAsync(
            new AssignCaseCommand(filed.Number, null, technician, groupId, "Reparto del mes."), User(DemoPeople.Coordinator), default);
    });

    private void Attend(string name, DateTimeOffset at, Guid who) =>
        On(at, () => Host.Get<AttendCase>().HandleAsync(new AttendCaseCommand(Number(name), null), User(who), default));

    private void Analyse(string name, DateTimeOffset at, Guid who) =>
        On(at, () => Host.Get<AnalyseCase>().HandleAsync(new AnalyseCaseCommand(Number(name), null), User(who), default));

    private void Resolve(string name, DateTimeOffset at, Guid who) =>
        On(at, () => Host.Get<ResolveCase>().HandleAsync(new ResolveCaseCommand(Number(name), null, "Solución del caso " + name + "."), User(who), default));

    private void Reject(string name, DateTimeOffset at, Guid who, RejectionReason reason, string? duplicateOf = null) =>
        On(at, () => Host.Get<RejectCase>().HandleAsync(
            new RejectCaseCommand(Number(name), null, reason, "Motivo del rechazo de " + name + ".", duplicateOf is null ? null : Number(duplicateOf)),
            User(who), default));

    private void Escalate(string name, DateTimeOffset at, Guid who, Guid to) =>
        On(at, () => Host.Get<EscalateCase>().HandleAsync(
            new EscalateCaseCommand(Number(name), null, EscalationKind.NextLevel, to, null, "Escalamiento de " + name + "."), User(who), default));

    private void Wait(string name, DateTimeOffset at, Guid who) =>
        On(at, () => Host.Get<WaitOnRequester>().HandleAsync(
            new WaitOnRequesterCommand(Number(name), null, "¿Puede enviar más detalles del caso " + name + "?"), User(who), default));

    private void Resume(string name, DateTimeOffset at, Guid who) =>
        On(at, () => Host.Get<ResumeCase>().HandleAsync(new ResumeCaseCommand(Number(name), null, "Respondió."), User(who), default));

    private void Reopen(string name, DateTimeOffset at, Guid who) =>
        On(at, () => Host.Get<ReopenCase>().HandleAsync(new ReopenCaseCommand(Number(name), null, "Se amplía la solución."), User(who), default));

    private void Answer(string name, DateTimeOffset at, bool satisfied, int rating, int timeliness, int courtesy, string? comment = null) =>
        On(at, () => Host.Get<AnswerSurvey>().HandleAsync(
            new AnswerSurveyCommand(Number(name), null, new SurveyAnswer(satisfied, rating, timeliness, courtesy, comment)),
            User(DemoPeople.Requester), default));

    private void CloseWithoutAnswer(string name, DateTimeOffset at) =>
        On(at, () => Host.Get<CloseCase>().HandleAsync(new CloseCaseCommand(Number(name), null, CloseOutcome.NoAnswer, null), CurrentUser.System, default));

    private void CloseAfterNovedad(string name, DateTimeOffset at, CloseOutcome outcome, Guid who) =>
        On(at, () => Host.Get<CloseCase>().HandleAsync(
            new CloseCaseCommand(Number(name), null, outcome, "Decisión sobre la novedad de " + name + "."), User(who), default));
}
