using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MesaServicio.Core.Attachments;
using MesaServicio.Core.CaseFiles;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Configuration;
using MesaServicio.Core.Intake;
using MesaServicio.Core.People;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Privacy;
using MesaServicio.Core.Reports;
using MesaServicio.Core.Security;
using MesaServicio.Core.Surveys;
using MesaServicio.Tests.Attachments;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Privacy;

/// <summary>
/// The coordinator anonymises a person (Ley 1581, supresión): the month's figures stay identical, and her name, e-mail and
/// texts are nowhere — not in the database, not in the files, not in the expediente.
/// </summary>
public sealed partial class AnonymisationTests : IAsyncLifetime
{
    private const string Name = "Rosalba Quintero Ñáñez";
    private const string Email = "rosalba.quintero.7731@correo.com.co";
    private const string Description = "Mi cédula es 52.345.678-ÑX y vivo en la Calle 45 # 12-30; no puedo radicar en el SIGEP.";
    private const string HerMessage = "Le respondo desde mi casa-en-Chapinero-4410, ya probé otra vez.";
    private const string SurveyComment = "Muy amable la atención, gracias-Rosalba-9981.";
    private static readonly CurrentUser Coordinator = CurrentUser.Person(DemoPeople.Coordinator, PersonRoles.Coordinator);
    private static readonly string[] Traces = [Name, Email, "52.345.678-ÑX", "casa-en-Chapinero-4410", "gracias-Rosalba-9981", "Rosalba", "rosalba.quintero.7731"];
    private readonly string _storage = Path.Combine(Path.GetTempPath(), "mesa-tests", "anonimizar-" + Guid.NewGuid().ToString("N"));
    private CoreHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await CoreHost.StartAsync(configure: s => s.Configure<AttachmentOptions>(o => o.StoragePath = _storage));

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_storage))
        {
            Directory.Delete(_storage, recursive: true);
        }
    }

    [Fact]
    public async Task The_months_figures_stay_identical_and_no_trace_of_her_is_left_in_the_database_the_files_or_the_expediente()
    {
        var (number, personId) = await WorkHerCaseAsync();
        var month = new YearMonth(2026, 3);
        var before = Json(await _host.Get<ComputeMonthlyReport>().HandleAsync(month, default));
        var storedFiles = Directory.GetFiles(_storage);
        storedFiles.Should().NotBeEmpty();

        var result = await _host.Get<AnonymisePerson>().HandleAsync(
            new AnonymisePersonCommand(personId, "Reclamo de supresión MS-2026-000099 resuelto a favor de la titular."), Coordinator, default);

        result.Cases.Should().Be(1);
        result.Messages.Should().Be(1);
        result.FilesRemoved.Should().Be(1);

        // The figures: identical once her texts are put in place of the originals.
        var after = Json(await _host.Get<ComputeMonthlyReport>().HandleAsync(month, default));
        var expected = before.Replace(Encoded("No puedo radicar en el SIGEP"), Encoded(AnonymisePerson.RedactedCase), StringComparison.Ordinal)
            .Replace(Encoded(SurveyComment), Encoded(AnonymisePerson.RedactedText), StringComparison.Ordinal);
        after.Should().Be(expected);

        // The database, read through every text column she could be in.
        await using (var db = _host.NewContext())
        {
            var texts = new List<string?>();
            texts.AddRange(await db.People.Select(p => p.DisplayName + " " + p.Email + " " + p.Dependency).ToListAsync());
            texts.AddRange(await db.Cases.Select(c => c.Subject + " " + c.Description + " " + c.Solution).ToListAsync());
            texts.AddRange(await db.CaseComments.Select(c => c.Text).ToListAsync());
            texts.AddRange(await db.CaseHistory.Select(h => h.FromValue + " " + h.ToValue + " " + h.Detail).ToListAsync());
            texts.AddRange(await db.SurveyResponses.Select(r => r.Comment).ToListAsync());
            texts.AddRange(await db.CaseAttachments.Select(a => a.FileName).ToListAsync());
            texts.AddRange(await db.PortalNotifications.Select(n => n.Text).ToListAsync());
            texts.AddRange(await db.OutboxMessages.Select(m => m.ToAddress + " " + m.Subject + " " + m.TextBody + " " + m.HtmlBody).ToListAsync());
            texts.AddRange(await db.ConfigurationChanges.Select(c => c.Subject + " " + c.Before + " " + c.After + " " + c.Reason).ToListAsync());
            var all = string.Join("\n", texts);
            foreach (var trace in Traces)
            {
                all.Should().NotContain(trace);
            }

            var person = await db.People.SingleAsync(p => p.Id == personId);
            person.DisplayName.Should().Be(Person.AnonymisedName(personId));
            person.IsActive.Should().BeFalse();
            person.AnonymisedAt.Should().Be(_host.Time.GetUtcNow());
            var audit = await db.ConfigurationChanges.SingleAsync(c => c.Area == ConfigurationAreas.PersonalData);
            audit.ActorId.Should().Be(DemoPeople.Coordinator);
            audit.Reason.Should().Be("Reclamo de supresión MS-2026-000099 resuelto a favor de la titular.");
            audit.Subject.Should().Be("Persona " + personId.ToString("D"));
            var file = await db.CaseAttachments.SingleAsync(a => a.UploadedById == personId);
            file.ContentRemovedAt.Should().NotBeNull();
            file.Sha256.Should().MatchRegex("^[0-9a-f]{64}$", "the hash stays as evidence the file existed");
        }

        // The files: hers is gone from the storage.
        Directory.GetFiles(_storage).Should().BeEmpty();
        var fileId = await FileIdAsync(personId);
        var download = () => _host.Get<OpenAttachment>().HandleAsync(number, fileId, Coordinator, default);
        (await download.Should().ThrowAsync<DomainException>()).Which.Rule.Should().Be(DomainRules.AttachmentContentRemoved);

        // The expediente.
        var caseFile = await _host.Get<GetCaseFile>().HandleAsync(number, Coordinator, default);
        using var pdf = new MemoryStream();
        await _host.Get<CaseFilePdf>().RenderAsync(caseFile, new ReportBranding("Función Pública", "Oficina TIC", "Mesa de Servicio"), pdf);
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf.ToArray());
        var expediente = string.Join(" ", document.GetPages().Select(p => Spaces().Replace(ContentOrderTextExtractor.GetText(p), " ")));
        expediente.Should().Contain(Person.AnonymisedName(personId)).And.Contain("archivo-anonimizado").And.Contain("retirado al anonimizar");
        foreach (var trace in Traces)
        {
            expediente.Should().NotContain(trace);
        }

        // The SQLite file itself (its free pages and its WAL too).
        if (_host.Database.Provider == DatabaseProvider.Sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var path in new[] { _host.DatabasePath, _host.DatabasePath + "-wal" }.Where(File.Exists))
            {
                var bytes = await File.ReadAllBytesAsync(path);
                foreach (var trace in Traces)
                {
                    IndexOf(bytes, Encoding.UTF8.GetBytes(trace)).Should().Be(-1, "«{0}» must not be left in {1} (live in: {2})",
                        trace, Path.GetFileName(path), await WhereAsync(trace));
                }
            }
        }
    }

    [Fact]
    public async Task A_reason_is_required_staff_are_refused_and_only_the_coordinator_anonymises()
    {
        var (_, personId) = await WorkHerCaseAsync(work: false);
        var anonymise = _host.Get<AnonymisePerson>();

        var noReason = () => anonymise.HandleAsync(new AnonymisePersonCommand(personId, "  "), Coordinator, default);
        var staff = () => anonymise.HandleAsync(new AnonymisePersonCommand(DemoPeople.Agent1, "Reclamo."), Coordinator, default);
        var lead = () => anonymise.HandleAsync(new AnonymisePersonCommand(personId, "Reclamo."),
            CurrentUser.Person(DemoPeople.LeadFirstLevel, PersonRoles.Agent | PersonRoles.TechnicalLead), default);

        (await noReason.Should().ThrowAsync<DomainException>()).Which.Rule.Should().Be(DomainRules.AnonymiseReasonRequired);
        (await staff.Should().ThrowAsync<DomainException>()).Which.Rule.Should().Be(DomainRules.AnonymiseStaff);
        await lead.Should().ThrowAsync<ForbiddenException>();
        await using var db = _host.NewContext();
        (await db.People.SingleAsync(p => p.Id == personId)).DisplayName.Should().Be(Name, "a refused anonymisation changes nothing");

        await anonymise.HandleAsync(new AnonymisePersonCommand(personId, "Reclamo."), Coordinator, default);
        var again = () => anonymise.HandleAsync(new AnonymisePersonCommand(personId, "Otra vez."), Coordinator, default);
        (await again.Should().ThrowAsync<DomainException>()).Which.Rule.Should().Be(DomainRules.AnonymiseAlready);
    }

    /// <summary>Her PQRS with a file; the desk works it, naming her, and she answers and rates it.</summary>
    private async Task<(string Number, Guid PersonId)> WorkHerCaseAsync(bool work = true)
    {
        var intake = await _host.Get<IntakeCase>().HandleAsync(
            new IntakeCaseCommand("2026-ER-" + Guid.NewGuid().ToString("N")[..8], Name, Email, "No puedo radicar en el SIGEP", Description),
            [AttachmentSamples.File("cédula de Rosalba.pdf", "application/pdf", AttachmentSamples.Pdf)], CurrentUser.Integration, default);
        var number = intake.Case.Number;
        await using var db = _host.NewContext();
        var c = await db.Cases.SingleAsync(x => x.Number == number);
        var her = CurrentUser.Person(c.RequesterId, PersonRoles.None);
        if (!work)
        {
            return (number, c.RequesterId);
        }

        var agent = CoreHost.Agent(c.AssigneeId!.Value);
        await _host.Get<AnalyseCase>().HandleAsync(new AnalyseCaseCommand(number, null), agent, default);
        await _host.Get<CommentOnCase>().HandleAsync(new CommentOnCaseCommand(number, $"Buenos días, {Name}: le escribimos también a {Email}.", false), agent, default);
        await _host.Get<CommentOnCase>().HandleAsync(new CommentOnCaseCommand(number, HerMessage, false), her, default);
        await _host.Get<AttendCase>().HandleAsync(new AttendCaseCommand(number, null), agent, default);
        await _host.Get<ResolveCase>().HandleAsync(new ResolveCaseCommand(number, null, $"Se restableció la cuenta de {Name} en el SIGEP."), agent, default);
        await _host.Get<AnswerSurvey>().HandleAsync(new AnswerSurveyCommand(number, null, new SurveyAnswer(true, 5, 4, 5, SurveyComment)), her, default);
        return (number, c.RequesterId);
    }

    private async Task<Guid> FileIdAsync(Guid personId)
    {
        await using var db = _host.NewContext();
        return await db.CaseAttachments.Where(a => a.UploadedById == personId).Select(a => a.Id).SingleAsync();
    }

    /// <summary>Every table and column of the SQLite database whose text holds <paramref name="trace"/> (for the failure's message).</summary>
    private async Task<string> WhereAsync(string trace)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + _host.DatabasePath + ";Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var found = new List<string>();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var scan = connection.CreateCommand();
            scan.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await scan.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.GetValue(i);
                    var text = value is byte[] blob ? Encoding.UTF8.GetString(blob) : value?.ToString();
                    if (text?.Contains(trace, StringComparison.Ordinal) == true)
                    {
                        found.Add(table + "." + reader.GetName(i));
                    }
                }
            }
        }

        return found.Count == 0 ? "nowhere: a stale copy" : string.Join(", ", found.Distinct());
    }

    private static string Json(MonthlyReport report) => JsonSerializer.Serialize(report);

    private static string Encoded(string text) => JsonSerializer.Serialize(text).Trim('"');

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
