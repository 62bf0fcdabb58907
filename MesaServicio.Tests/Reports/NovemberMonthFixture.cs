using MesaServicio.Core.Cases;
using MesaServicio.Core.People;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Reports;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Reports;

/// <summary>
/// A real month on a real SQLite file, walked through the real use cases with a fake clock: November 2026
/// (Sunday 1st, holidays Monday 2 and Monday 16, weekends), two October cases for the trend, and the
/// report read on Tuesday 1 December 2026 at 08:00. The expected figures are worked out by hand in
/// <see cref="MonthlyReportComputationTests"/>; the cases are named C1…C14 there and here.
/// </summary>
public sealed class NovemberMonthFixture : IAsyncLifetime
{
    public static readonly YearMonth November = new(2026, 11);

    /// <summary>The subject of C13: a formula a spreadsheet would run.</summary>
    public const string FormulaSubject = "=HYPERLINK(\"http://x\",\"y\")";

    private static readonly TimeSpan Bogota = TimeSpan.FromHours(-5);

    private readonly Dictionary<string, string> _numbers = [];
    private Dictionary<Guid, PersonRoles> _roles = [];
    private CoreHost? _host;

    internal CoreHost Host => _host ?? throw new InvalidOperationException("Not started.");

    /// <summary>The case number of C1…C14 (and O1, O2 in October).</summary>
    public string Number(string name) => _numbers[name];

    public MonthlyReport Report { get; private set; } = null!;

    /// <summary>When the report is read: Tuesday 1 December 2026, 08:00 in Bogotá.</summary>
    public static DateTimeOffset AsOf { get; } = Local(12, 1, 8, 0);

    public static DateTimeOffset Local(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, Bogota);

    public async Task InitializeAsync()
    {
        _host = await CoreHost.StartAsync(Local(10, 1, 7, 0));
        await using (var db = Host.NewContext())
        {
            _roles = await db.People.ToDictionaryAsync(p => p.Id, p => p.Roles);
        }

        await WalkTheMonthAsync();
        At(12, 1, 8, 0);
        Report = await Host.Get<ComputeMonthlyReport>().HandleAsync(November, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private async Task WalkTheMonthAsync()
    {
        var carlos = DemoPeople.Agent1;
        var diana = DemoPeople.Agent2;
        var paola = DemoPeople.Agent4;
        var natalia = DemoPeople.Agent6;
        var sergio = DemoPeople.Level2Agent;
        var alejandra = DemoPeople.Level3Agent;
        var hernan = DemoPeople.LeadApoyo;
        const string firstLevel = "Mesa de ayuda — primer nivel";
        const string misional = "Sistemas de información misionales — nivel 1";
        const string apoyo = "Sistemas de información de apoyo — nivel 1";
        const string administrativos = "Servicios administrativos — nivel 1";
        const string specialised = "Soporte especializado — nivel 2";

        // October, for the trend: O1 attended in time and closed satisfied; O2 attended late, closed without answer.
        At(10, 6, 9, 0);
        await FileAsync("O1", "Correo electrónico institucional", Impact.High, Urgency.Medium, CaseKind.Incident, carlos, firstLevel);
        At(10, 6, 9, 30);
        await AttendAsync("O1", carlos);
        At(10, 6, 10, 0);
        await FileAsync("O2", "Impresoras y escáneres", Impact.Medium, Urgency.Medium, CaseKind.Incident, diana, firstLevel);
        await ResolveAsync("O1", carlos);
        At(10, 7, 9, 0);
        await AttendAsync("O2", diana);
        await CloseAsync("O1", CloseOutcome.Satisfied);
        At(10, 7, 10, 0);
        await ResolveAsync("O2", diana);
        At(10, 14, 9, 0);
        await CloseAsync("O2", CloseOutcome.NoAnswer);

        // Sunday 1 November (Monday 2 is a holiday): C1 filed on the portal.
        At(11, 1, 10, 0);
        await FileAsync("C1", "Correo electrónico institucional", Impact.High, Urgency.Medium, CaseKind.Incident, carlos, firstLevel);

        // Tuesday 3.
        At(11, 3, 8, 0);
        await FileAsync("C2", "Impresoras y escáneres", Impact.Medium, Urgency.Medium, CaseKind.Incident, diana, firstLevel,
            CaseChannel.Agent, filedBy: carlos);
        At(11, 3, 9, 0);
        await AttendAsync("C1", carlos);
        await FileAsync("C3", "Préstamo de equipos audiovisuales", Impact.Low, Urgency.Medium, CaseKind.Request, natalia, administrativos,
            CaseChannel.Pqrs);
        At(11, 3, 10, 0);
        await Run(h => h.Get<AnalyseCase>().HandleAsync(new AnalyseCaseCommand(Number("C3"), null), User(natalia), default));
        At(11, 3, 10, 30);
        await RejectAsync("C3", natalia, RejectionReason.OutOfScope);
        At(11, 3, 11, 0);
        await ResolveAsync("C1", carlos);
        At(11, 3, 13, 0);
        await AttendAsync("C2", diana);

        // Wednesday 4.
        At(11, 4, 8, 0);
        await FileAsync("C4", "SIGEP II — Sistema de Información y Gestión del Empleo Público", Impact.High, Urgency.High, CaseKind.Incident,
            paola, misional);
        At(11, 4, 8, 30);
        await AttendAsync("C4", paola);
        At(11, 4, 9, 0);
        await EscalateAsync("C4", paola, EscalationKind.NextLevel, sergio, null);
        await CloseAsync("C1", CloseOutcome.Satisfied);
        At(11, 4, 9, 30);
        await AttendAsync("C4", sergio);
        At(11, 4, 10, 0);
        await EscalateAsync("C4", sergio, EscalationKind.NextLevel, alejandra, null);
        await ResolveAsync("C2", diana);
        await FileAsync("C5", "Servidores y centro de datos", Impact.High, Urgency.Medium, CaseKind.Incident, sergio, specialised);
        At(11, 4, 11, 0);
        await AttendAsync("C5", sergio);
        At(11, 4, 12, 0);
        await EscalateAsync("C5", sergio, EscalationKind.OtherCategoryLead, hernan, await Host.CategoryAsync("Gestión documental (ORFEO)"));
        At(11, 4, 13, 0);
        await Run(h => h.Get<WaitOnRequester>().HandleAsync(
            new WaitOnRequesterCommand(Number("C5"), null, "¿Desde qué equipo se conecta?"), User(hernan), default));
        At(11, 4, 14, 0);
        await ResolveAsync("C4", alejandra);
        At(11, 4, 15, 0);
        await Run(h => h.Get<ReportNovedad>().HandleAsync(
            new ReportNovedadCommand(Number("C2"), null, "La impresora sigue sin imprimir a color."), User(DemoPeople.Requester), default));

        // Thursday 5.
        At(11, 5, 8, 0);
        await Run(h => h.Get<ReopenCase>().HandleAsync(new ReopenCaseCommand(Number("C2"), null, "Se revisa el cartucho de color."),
            User(diana), default));
        At(11, 5, 9, 0);
        await ResolveAsync("C2", diana);
        await Run(h => h.Get<ResumeCase>().HandleAsync(new ResumeCaseCommand(Number("C5"), null, "Respondió."), User(hernan), default));
        At(11, 5, 10, 0);
        await ResolveAsync("C5", hernan);
        At(11, 5, 11, 0);
        await CloseAsync("C5", CloseOutcome.Satisfied);

        // Friday 6 and Monday 9.
        At(11, 6, 10, 0);
        await CloseAsync("C2", CloseOutcome.Satisfied);
        At(11, 9, 8, 0);
        await CloseAsync("C3", CloseOutcome.NoAnswer);

        // Friday 13, before the weekend and the Monday 16 holiday.
        At(11, 13, 16, 0);
        await FileAsync("C6", "Correo electrónico institucional", Impact.High, Urgency.Medium, CaseKind.Incident, carlos, firstLevel);
        At(11, 13, 16, 30);
        await FileAsync("C7", "Cuentas de usuario y contraseñas", Impact.Medium, Urgency.Medium, CaseKind.Request, diana, firstLevel);

        // Tuesday 17.
        At(11, 17, 8, 0);
        await FileAsync("C8", "Nómina y talento humano", Impact.Medium, Urgency.Low, CaseKind.Request, natalia, apoyo);
        At(11, 17, 8, 30);
        await AttendAsync("C6", carlos);
        At(11, 17, 11, 0);
        await ResolveAsync("C6", carlos);

        // Wednesday 18.
        At(11, 18, 9, 0);
        await Run(h => h.Get<AnalyseCase>().HandleAsync(new AnalyseCaseCommand(Number("C7"), null), User(diana), default));
        await FileAsync("C9", "Portal web e intranet", Impact.High, Urgency.Medium, CaseKind.Incident, paola, misional);
        At(11, 18, 9, 30);
        await RejectAsync("C7", diana, RejectionReason.InsufficientInformation);
        At(11, 18, 10, 0);
        await AttendAsync("C9", paola);
        await Run(h => h.Get<ReportNovedad>().HandleAsync(
            new ReportNovedadCommand(Number("C7"), null, "Sí envié la información."), User(DemoPeople.Requester), default));
        At(11, 18, 11, 0);
        await Run(h => h.Get<WaitOnRequester>().HandleAsync(
            new WaitOnRequesterCommand(Number("C9"), null, "Envíe la dirección de la página."), User(paola), default));
        await CloseAsync("C7", CloseOutcome.NoFurtherSolution, "La solicitud debe hacerla el jefe inmediato.", diana);

        // Friday 20: C9 resumes (and stays open past its resolution ANS).
        At(11, 20, 10, 0);
        await Run(h => h.Get<ResumeCase>().HandleAsync(new ResumeCaseCommand(Number("C9"), null, null), User(paola), default));

        // Monday 23.
        At(11, 23, 8, 0);
        await CloseAsync("C6", CloseOutcome.NoAnswer);
        await FileAsync("C10", "Equipos de cómputo", Impact.High, Urgency.Low, CaseKind.Incident, carlos, firstLevel);
        At(11, 23, 8, 15);
        await Run(h => h.Get<AnalyseCase>().HandleAsync(new AnalyseCaseCommand(Number("C10"), null), User(carlos), default));
        At(11, 23, 8, 30);
        await RejectAsync("C10", carlos, RejectionReason.Duplicate, duplicateOf: Number("C6"));

        // Tuesday 24 to Friday 27.
        At(11, 24, 10, 0);
        await FileAsync("C11", "Préstamo de equipos audiovisuales", Impact.Low, Urgency.Low, CaseKind.Request, natalia, administrativos);
        At(11, 25, 9, 0);
        await AttendAsync("C11", natalia);
        At(11, 25, 10, 0);
        await ResolveAsync("C11", natalia);
        At(11, 25, 15, 0);
        await Run(h => h.Get<ReportNovedad>().HandleAsync(
            new ReportNovedadCommand(Number("C11"), null, "Necesito también el micrófono."), User(DemoPeople.Requester), default));
        At(11, 26, 9, 0);
        await CloseAsync("C11", CloseOutcome.NewCaseRequired, "El micrófono se pide en un caso nuevo.", natalia);
        At(11, 26, 10, 0);
        await FileAsync("C13", "Impresoras y escáneres", Impact.Medium, Urgency.Medium, CaseKind.Incident, diana, firstLevel, subject: FormulaSubject);
        At(11, 26, 11, 0);
        await FileAsync("C14", "VPN y acceso remoto", Impact.High, Urgency.High, CaseKind.Incident, carlos, firstLevel, CaseChannel.Agent, filedBy: carlos);
        At(11, 26, 11, 30);
        await AttendAsync("C14", carlos);
        At(11, 26, 12, 0);
        await EscalateAsync("C14", carlos, EscalationKind.NextLevel, sergio, null);
        At(11, 26, 14, 0);
        await ResolveAsync("C14", sergio);
        At(11, 26, 15, 0);
        await AttendAsync("C13", diana);
        At(11, 27, 9, 0);
        await ResolveAsync("C13", diana);
        await CloseAsync("C14", CloseOutcome.Satisfied);

        // Monday 30, 16:30: C12, not yet due when the report is read.
        At(11, 30, 16, 30);
        await FileAsync("C12", "Correo electrónico institucional", Impact.Medium, Urgency.Low, CaseKind.Incident, diana, firstLevel);
    }

    /// <summary>A person as the use cases see them, with the roles the seed gives them.</summary>
    private CurrentUser User(Guid personId) => CurrentUser.Person(personId, _roles[personId]);

    private void At(int month, int day, int hour, int minute = 0) => Host.Time.SetUtcNow(Local(month, day, hour, minute));

    private Task Run(Func<CoreHost, Task<CaseChangeResult>> action) => action(Host);

    private async Task FileAsync(
        string name, string category, Impact impact, Urgency urgency, CaseKind kind, Guid technician, string group,
        CaseChannel channel = CaseChannel.Portal, Guid? filedBy = null, string? subject = null)
    {
        var requester = DemoPeople.Requester;
        var filed = await Host.Get<RegisterCase>().HandleAsync(
            new RegisterCaseCommand(kind, await Host.CategoryAsync(category), subject ?? "Caso " + name + ": " + category,
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
        await Host.Get<AssignCase>().HandleAsync(new AssignCaseCommand(filed.Number, null, technician, groupId, "Reparto del mes."), User(DemoPeople.Coordinator), default);
    }

    private Task AttendAsync(string name, Guid who) =>
        Host.Get<AttendCase>().HandleAsync(new AttendCaseCommand(Number(name), null), User(who), default);

    private Task ResolveAsync(string name, Guid who) =>
        Host.Get<ResolveCase>().HandleAsync(new ResolveCaseCommand(Number(name), null, "Solución del caso " + name + "."), User(who), default);

    private Task RejectAsync(string name, Guid who, RejectionReason reason, string? duplicateOf = null) =>
        Host.Get<RejectCase>().HandleAsync(new RejectCaseCommand(Number(name), null, reason, "Motivo del rechazo de " + name + ".", duplicateOf),
            User(who), default);

    private Task EscalateAsync(string name, Guid who, EscalationKind kind, Guid to, int? category) =>
        Host.Get<EscalateCase>().HandleAsync(new EscalateCaseCommand(Number(name), null, kind, to, category, "Escalamiento de " + name + "."),
            User(who), default);

    private Task CloseAsync(string name, CloseOutcome outcome, string? note = null, Guid? by = null) =>
        Host.Get<CloseCase>().HandleAsync(new CloseCaseCommand(Number(name), null, outcome, note),
            outcome switch
            {
                CloseOutcome.NoAnswer => CurrentUser.System,
                CloseOutcome.Satisfied => User(DemoPeople.Requester),
                _ => User(by ?? throw new ArgumentNullException(nameof(by))),
            }, default);
}
