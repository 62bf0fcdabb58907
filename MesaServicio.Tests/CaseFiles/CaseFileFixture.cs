using System.Text.RegularExpressions;
using MesaServicio.Core.Attachments;
using MesaServicio.Core.CaseFiles;
using MesaServicio.Core.Cases;
using MesaServicio.Core.People;
using MesaServicio.Core.Reports;
using MesaServicio.Core.Security;
using MesaServicio.Core.Surveys;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using static MesaServicio.Core.Persistence.SeedData;
using static MesaServicio.Tests.Attachments.AttachmentSamples;

namespace MesaServicio.Tests.CaseFiles;

/// <summary>A case worked from filing to the survey, as the case file must show it.</summary>
/// <param name="Number">The case.</param>
/// <param name="Assignee">The level-2 technician it was escalated to, who resolved it.</param>
/// <param name="Requester">Who filed it.</param>
public sealed record WorkedCase(string Number, CurrentUser Assignee, CurrentUser Requester)
{
    public const string InternalNote = "Revisar la licencia de Office del usuario en el portal de administración antes de escalar.";
    public const string PublicFile = "pantallazo del error.pdf";
    public const string InternalFile = "licencias-office.csv";
    public const string Solution = "Se restableció el perfil de Outlook y se sincronizó de nuevo el buzón en el servidor de correo.";
    public const string SurveyComment = "Muy buena atención, quedó funcionando.";

    public static string PublicSha256 => Sha256Of(Pdf);

    public static string InternalSha256 => Sha256Of(Csv);
}

/// <summary>Core on a real SQLite file with the attachment storage in a temporary folder, a fake clock, and the case file's helpers.</summary>
public sealed partial class CaseFileFixture : IAsyncLifetime
{
    public static readonly ReportBranding Branding = new(
        "Departamento Administrativo de la Función Pública",
        "Oficina de Tecnologías de la Información y las Comunicaciones",
        "Mesa de Servicio TI — portal de soporte");

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mesa-tests", "expediente-" + Guid.NewGuid().ToString("N"));

    public CoreHost Host { get; private set; } = null!;

    public static CurrentUser Requester { get; } = CurrentUser.Person(DemoPeople.Requester, PersonRoles.None);

    public async Task InitializeAsync() =>
        Host = await CoreHost.StartAsync(configure: s => s.Configure<AttachmentOptions>(o => o.StoragePath = Path.Combine(_folder, "adjuntos")));

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>
    /// Files a case and works it as the desk would: analysis, a conversation, a file from the requester, an
    /// internal note with a file, attention, a wait on the requester (their answer resumes it), escalation to level 2, the solution,
    /// and the requester's satisfied answer (which closes it). The clock moves between steps.
    /// </summary>
    public async Task<WorkedCase> WorkCaseAsync()
    {
        ToNextWorkingMorning();
        var filed = await Host.FileAsync(subject: "No abre el correo institucional en el portátil de la entidad");
        var number = filed.Number;
        var agent = CoreHost.Agent(await AssigneeAsync(number));
        var level2 = CoreHost.Agent(DemoPeople.Level2Agent);

        await Step(10, () => Host.Get<AnalyseCase>().HandleAsync(new AnalyseCaseCommand(number, null), agent, default));
        await Step(5, () => Host.Get<CommentOnCase>().HandleAsync(
            new CommentOnCaseCommand(number, "Buenos días. ¿Desde qué equipo ingresa y qué mensaje le aparece?", false), agent, default));
        await Step(12, () => Host.Get<AttachFiles>().HandleAsync(
            new AttachFilesCommand(number, [File(WorkedCase.PublicFile, "application/pdf", Pdf)],
                "Desde el portátil de la entidad.\nAdjunto el pantallazo del error que aparece al abrir Outlook."),
            Requester, default));
        await Step(3, () => Host.Get<AttachFiles>().HandleAsync(
            new AttachFilesCommand(number, [File(WorkedCase.InternalFile, "text/csv", Csv)], WorkedCase.InternalNote, IsInternal: true),
            agent, default));
        await Step(4, () => Host.Get<AttendCase>().HandleAsync(new AttendCaseCommand(number, null), agent, default));
        await Step(6, () => Host.Get<WaitOnRequester>().HandleAsync(
            new WaitOnRequesterCommand(number, null, "Por favor confirme si puede ingresar por el navegador a Outlook web."), agent, default));
        await Step(20, () => Host.Get<CommentOnCase>().HandleAsync(
            new CommentOnCaseCommand(number, "Por el navegador sí ingresa, solo falla la aplicación.", false), Requester, default));
        await Step(15, () => Host.Get<EscalateCase>().HandleAsync(
            new EscalateCaseCommand(number, null, EscalationKind.NextLevel, DemoPeople.Level2Agent, null,
                "Requiere revisar el buzón en el servidor de correo (nivel 2)."), agent, default));
        await Step(25, () => Host.Get<AttendCase>().HandleAsync(new AttendCaseCommand(number, null), level2, default));
        await Step(40, () => Host.Get<ResolveCase>().HandleAsync(new ResolveCaseCommand(number, null, WorkedCase.Solution), level2, default));
        await Step(60, () => Host.Get<AnswerSurvey>().HandleAsync(
            new AnswerSurveyCommand(number, null, new SurveyAnswer(true, 5, 4, 5, WorkedCase.SurveyComment)), Requester, default));
        return new WorkedCase(number, level2, Requester);
    }

    public async Task<Guid> AssigneeAsync(string number)
    {
        await using var db = Host.NewContext();
        return await db.Cases.Where(c => c.Number == number).Select(c => c.AssigneeId!.Value).SingleAsync();
    }

    public Task<CaseFile> FileFor(string number, CurrentUser user) => Host.Get<GetCaseFile>().HandleAsync(number, user, default);

    public byte[] Render(CaseFile file)
    {
        using var output = new MemoryStream();
        Host.Get<CaseFilePdf>().Render(file, Branding, output);
        return output.ToArray();
    }

    /// <summary>Each page's text as PdfPig reads it, white space collapsed.</summary>
    public static IReadOnlyList<string> Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return [.. document.GetPages().Select(p => Spaces().Replace(ContentOrderTextExtractor.GetText(p), " "))];
    }

    /// <summary>Writes a file under <c>artifacts/case-file/</c> at the repository root (ignored by git).</summary>
    public static string SaveArtifact(string name, byte[] content)
    {
        var folder = RepositoryFiles.PathOf(Path.Combine("artifacts", "case-file"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>Moves the clock to 08:30 (Bogotá) of the next weekday, so each worked case runs in business hours.</summary>
    private void ToNextWorkingMorning()
    {
        var local = Host.Time.GetUtcNow().ToOffset(TimeSpan.FromHours(-5));
        var day = local.Date.AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        Host.Time.SetUtcNow(new DateTimeOffset(day.AddHours(8).AddMinutes(30), TimeSpan.FromHours(-5)));
    }

    private async Task Step(int minutes, Func<Task> action)
    {
        Host.Time.Advance(TimeSpan.FromMinutes(minutes));
        await action();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
