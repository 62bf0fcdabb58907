using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.People;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Reports;
using MesaServicio.Core.Security;
using MesaServicio.Core.Sla;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Reports;

/// <summary>
/// A small month of PQRS with legal terms (issue #16; Ley 1755 de 2015, art. 14), walked with a fake clock on the run's
/// database (SQLite, or PostgreSQL with <c>MESA_TEST_DATABASE=PostgreSql</c>); November 2026 read on Thursday 3 December
/// 2026 at 09:00. Calendar: Monday–Friday 08:00–17:00 Bogotá; holidays Monday 12 October, Monday 2 and Monday 16 November.
/// A term of n business days is counted from the day after radicación and ends at 17:00 of the n-th. Each PQRS reaches the
/// desk half an hour after its radicación and is worked by Carlos (first level). Hand-computed figures for November:
/// P1, P2 within (2); P3, P4, P9 not (3): 2 ÷ 5 = 40,0 %.
/// </summary>
public sealed class PqrsLegalTermMonthFixture : IAsyncLifetime
{
    public static readonly YearMonth November = new(2026, 11);

    public static readonly YearMonth December = new(2026, 12);

    private const string FirstLevel = "Mesa de ayuda — primer nivel";

    private static readonly TimeSpan Bogota = TimeSpan.FromHours(-5);

    private static readonly Guid Carlos = DemoPeople.Agent1;

    private readonly Dictionary<string, string> _numbers = [];
    private readonly List<(DateTimeOffset At, int Order, Func<Task> Run)> _steps = [];
    private Dictionary<Guid, PersonRoles> _roles = [];
    private CoreHost? _host;

    public CoreHost Host => _host ?? throw new InvalidOperationException("Not started.");

    /// <summary>November's results as of <see cref="AsOf"/>.</summary>
    public MonthlyReport Report { get; private set; } = null!;

    /// <summary>Thursday 3 December 2026, 09:00 in Bogotá.</summary>
    public static DateTimeOffset AsOf { get; } = Dec(3, 9);

    public string Number(string name) => _numbers[name];

    public static DateTimeOffset Oct(int day, int hour, int minute = 0) => new(2026, 10, day, hour, minute, 0, Bogota);

    public static DateTimeOffset Nov(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, Bogota);

    public static DateTimeOffset Dec(int day, int hour, int minute = 0) => new(2026, 12, day, hour, minute, 0, Bogota);

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
        // P1: petición (15), radicada Tue 13 Oct 10:00 → due Wed 4 Nov 17:00 (Oct 14…30 without the 12th: 13 days; Nov 3, 4).
        // Answered Tue 3 Nov 10:00: WITHIN, in November.
        Pqrs("P1", 901, PqrsModality.Peticion, Oct(13, 10));
        Work("P1", Oct(13, 11));
        Resolve("P1", Nov(3, 10));

        // P5: documentos (10), radicada Tue 20 Oct 10:00 → due Wed 4 Nov 17:00. Answered Fri 30 Oct: within, in OCTOBER.
        Pqrs("P5", 905, PqrsModality.Documentos, Oct(20, 10));
        Work("P5", Oct(20, 11));
        Resolve("P5", Oct(30, 10));

        // P4: petición (15), radicada Fri 30 Oct 11:00 → due Tue 24 Nov 17:00. Never answered: NOT WITHIN, in November,
        // 7 business days late at the reading (25, 26, 27, 30 Nov, 1, 2, 3 Dec).
        Pqrs("P4", 904, PqrsModality.Peticion, Oct(30, 11));
        Work("P4", Oct(30, 12));

        // P3: documentos (10), radicada Tue 3 Nov 09:00 → due Wed 18 Nov 17:00 (16 Nov a holiday). Answered Thu 19 Nov
        // 10:00: NOT WITHIN, 1 business day late.
        Pqrs("P3", 903, PqrsModality.Documentos, Nov(3, 9));
        Work("P3", Nov(3, 10));
        Resolve("P3", Nov(19, 10));

        // P2: documentos (10), radicada Mon 9 Nov 09:00 → due Tue 24 Nov 17:00. Rejected (out of scope) Fri 20 Nov 15:00:
        // a rejection is an answer: WITHIN.
        Pqrs("P2", 902, PqrsModality.Documentos, Nov(9, 9));
        Work("P2", Nov(9, 10), analyse: true);
        On(Nov(20, 15), () => Host.Get<RejectCase>().HandleAsync(
            new RejectCaseCommand(Number("P2"), null, RejectionReason.OutOfScope, "No corresponde a la mesa de servicio.", null), User(Carlos), default));

        // P7: a portal case, no legal term. Resolved Wed 11 Nov.
        On(Nov(10, 9), async () => _numbers["P7"] = (await Host.FileAsync(subject: "Caso P7 sin término legal")).Number);
        Work("P7", Nov(10, 10), assign: false);
        Resolve("P7", Nov(11, 10));

        // P9: documentos (10), radicada Thu 12 Nov 10:00 → due Fri 27 Nov 17:00. Answered Tue 1 Dec 09:00: NOT WITHIN,
        // counted in November (the month it fell due), 2 business days late (30 Nov, 1 Dec).
        Pqrs("P9", 909, PqrsModality.Documentos, Nov(12, 10));
        Work("P9", Nov(12, 11));
        Resolve("P9", Dec(1, 9));

        // P6: consulta (30), radicada Fri 20 Nov 10:00: due in January, unanswered: en curso, counted nowhere yet.
        Pqrs("P6", 906, PqrsModality.Consulta, Nov(20, 10));
        Work("P6", Nov(20, 11));

        // P8: petición (15), radicada Mon 23 Nov 09:00; a question on Tue 24 suspends the term (art. 17): counted nowhere.
        Pqrs("P8", 908, PqrsModality.Peticion, Nov(23, 9));
        Work("P8", Nov(23, 10));
        On(Nov(24, 10), () => Host.Get<WaitOnRequester>().HandleAsync(
            new WaitOnRequesterCommand(Number("P8"), null, "Indique el número del contrato del que pide copia."), User(Carlos), default));
    }

    private CurrentUser User(Guid personId) => CurrentUser.Person(personId, _roles[personId]);

    private void On(DateTimeOffset at, Func<Task> run) => _steps.Add((at, _steps.Count, run));

    /// <summary>A PQRS radicada at <paramref name="filedAt"/> in the PQRS system, received by the desk half an hour later.</summary>
    private void Pqrs(string name, int sequence, PqrsModality modality, DateTimeOffset filedAt) => On(filedAt.AddMinutes(30), async () =>
    {
        var number = $"MS-{filedAt.Year}-{sequence:000000}";
        var categoryId = await Host.CategoryAsync("Gestión documental (ORFEO)");
        var calendar = Host.Get<IBusinessCalendarProvider>().Current;
        var c = Case.Register(
            new CaseRegistration(number, CaseKind.Request, categoryId, "PQRS " + name, "Solicito copia del documento " + name + ".",
                Impact.Low, Urgency.Low, CasePriority.Low, CaseChannel.Pqrs, DemoPeople.Requester, null, null,
                "RAD-" + name, new PqrsFiling(modality, filedAt)),
            new CaseContext(Actor.System, Host.Time.GetUtcNow(), calendar));
        c.ClearEvents();
        await using var db = Host.NewContext();
        db.Cases.Add(c);
        await db.SaveChangesAsync();
        _numbers[name] = number;
    });

    /// <summary>Assigned to Carlos and attended (or put in analysis) at <paramref name="at"/>.</summary>
    private void Work(string name, DateTimeOffset at, bool assign = true, bool analyse = false) => On(at, async () =>
    {
        if (assign)
        {
            await using var db = Host.NewContext();
            var groupId = await db.TechnicianGroups.Where(g => g.Name == FirstLevel).Select(g => g.Id).SingleAsync();
            await Host.Get<AssignCase>().HandleAsync(
                new AssignCaseCommand(Number(name), null, Carlos, groupId, "Reparto."), User(DemoPeople.Coordinator), default);
        }

        var c = await Host.LoadAsync(Number(name));
        if (analyse)
        {
            await Host.Get<AnalyseCase>().HandleAsync(new AnalyseCaseCommand(Number(name), null), User(c.AssigneeId!.Value), default);
            return;
        }

        await Host.Get<AttendCase>().HandleAsync(new AttendCaseCommand(Number(name), null), User(c.AssigneeId!.Value), default);
    });

    private void Resolve(string name, DateTimeOffset at) => On(at, async () =>
    {
        var c = await Host.LoadAsync(Number(name));
        await Host.Get<ResolveCase>().HandleAsync(
            new ResolveCaseCommand(Number(name), null, "Respuesta a la PQRS " + name + "."), User(c.AssigneeId!.Value), default);
    });
}
