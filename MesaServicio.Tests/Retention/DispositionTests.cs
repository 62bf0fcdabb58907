using System.Security.Cryptography;
using System.Text.RegularExpressions;
using MesaServicio.Core.Attachments;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Catalog;
using MesaServicio.Core.Common;
using MesaServicio.Core.Configuration;
using MesaServicio.Core.Intake;
using MesaServicio.Core.People;
using MesaServicio.Core.Retention;
using MesaServicio.Core.Security;
using MesaServicio.Core.Surveys;
using MesaServicio.Tests.Attachments;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Retention;

/// <summary>
/// Conservation and retention (activity 8; Ley 594 de 2000): a group's retention in years after closing, and the
/// disposition as timed work — the expediente and its annexes written to the archive folder with their SHA-256, then
/// the case's personal data anonymised (or kept), each disposition recorded and listed for the coordinator.
/// </summary>
public sealed partial class DispositionTests : IAsyncLifetime
{
    private const string Name = "Gilberto Arango Peñuela";
    private const string Email = "gilberto.arango.5521@correo.com.co";
    private const string Description = "Solicito copia del contrato 2023-117; mi cédula es 79.111.222-GX.";
    private const string HisMessage = "Adjunto lo pedido desde mi-oficina-del-piso-7.";
    private const string InternalNote = "Nota interna: verificar con jurídica-8830.";
    private static readonly CurrentUser Coordinator = CurrentUser.Person(DemoPeople.Coordinator, PersonRoles.Coordinator);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "mesa-tests", "disposicion-" + Guid.NewGuid().ToString("N"));
    private CoreHost _host = null!;

    private string Storage => Path.Combine(_root, "adjuntos");

    private string Archive => Path.Combine(_root, "archivo");

    public async Task InitializeAsync() =>
        _host = await CoreHost.StartAsync(configure: s => s
            .Configure<AttachmentOptions>(o => o.StoragePath = Storage)
            .Configure<RetentionOptions>(o => o.ArchivePath = Archive));

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task A_disposition_run_archives_the_expediente_with_its_hashes_then_anonymises_the_case_and_records_it()
    {
        var (number, requesterId, groupId) = await ClosedCaseAsync();
        var sweep = _host.Get<DispositionSweep>();
        (await sweep.RunAsync(default)).Should().Be(0, "no group has a retention: every case is kept");

        await _host.Get<SetGroupRetention>().HandleAsync(new SetGroupRetentionCommand(groupId, 2, KeepPersonalData: false), Coordinator, default);
        (await sweep.RunAsync(default)).Should().Be(0, "closed today: two years to go");
        var pending = (await Overview()).Groups.Single(g => g.Id == groupId);
        pending.Years.Should().Be(2);
        pending.DueNow.Should().Be(0);

        _host.Time.Advance(TimeSpan.FromDays(366 * 2));
        (await Overview()).Groups.Single(g => g.Id == groupId).DueNow.Should().Be(1);
        (await sweep.RunAsync(default)).Should().Be(1);
        (await sweep.RunAsync(default)).Should().Be(0, "a case is disposed of once");

        // The archive: the whole expediente (internal notes too: it is the entity's record) and its annex, each with its SHA-256.
        var folder = Path.Combine(Archive, number);
        var sums = (await File.ReadAllLinesAsync(Path.Combine(folder, RetentionArchive.SumsFileName)))
            .Select(l => l.Split("  ", 2)).ToDictionary(p => p[1], p => p[0]);
        sums.Keys.Should().BeEquivalentTo("expediente-" + number + ".pdf", "anexos/01-contrato de Gilberto.pdf");
        foreach (var (file, hash) in sums)
        {
            Sha256(await File.ReadAllBytesAsync(Path.Combine(folder, file))).Should().Be(hash, file + " must match its line in SHA256SUMS");
        }

        (await File.ReadAllBytesAsync(Path.Combine(folder, "anexos", "01-contrato de Gilberto.pdf"))).Should().Equal(AttachmentSamples.Pdf);
        using (var document = UglyToad.PdfPig.PdfDocument.Open(Path.Combine(folder, "expediente-" + number + ".pdf")))
        {
            var text = string.Join(" ", document.GetPages().Select(p => Spaces().Replace(ContentOrderTextExtractor.GetText(p), " ")));
            text.Should().Contain(number).And.Contain(Name).And.Contain("79.111.222-GX").And.Contain("jurídica-8830");
        }

        // The record, as the coordinator reads it.
        var overview = await Overview();
        overview.TotalDispositions.Should().Be(1);
        var row = overview.Dispositions.Should().ContainSingle().Which;
        row.CaseNumber.Should().Be(number);
        row.Years.Should().Be(2);
        row.Anonymised.Should().BeTrue();
        row.Files.Should().Be(1);
        row.MissingFiles.Should().Be(0);
        row.PdfSha256.Should().Be(sums["expediente-" + number + ".pdf"]);
        row.DisposedAt.Should().Be(_host.Time.GetUtcNow());
        overview.Groups.Single(g => g.Id == groupId).DueNow.Should().Be(0);

        // The portal: the case keeps its facts (state, dates, category), not what it said about him.
        await using var db = _host.NewContext();
        var c = await db.Cases.SingleAsync(x => x.Number == number);
        c.Status.Should().Be(CaseStatus.Closed);
        c.Subject.Should().Be(DomainMessages.Get("Retention.Redacted"));
        c.Description.Should().Be(DomainMessages.Get("Retention.Redacted"));
        var texts = string.Join("\n", (await db.CaseComments.Where(m => m.CaseId == c.Id).Select(m => m.Text).ToListAsync())
            .Concat(await db.CaseHistory.Where(h => h.CaseId == c.Id).Select(h => h.FromValue + " " + h.ToValue + " " + h.Detail).ToListAsync())
            .Concat(await db.PortalNotifications.Where(n => n.CaseId == c.Id).Select(n => n.Text).ToListAsync())
            .Concat(await db.OutboxMessages.Where(m => m.CaseId == c.Id).Select(m => m.Subject + " " + m.TextBody + " " + m.HtmlBody).ToListAsync())
            .Append(c.Solution));
        foreach (var trace in new[] { Name, Email, "79.111.222-GX", "mi-oficina-del-piso-7", "contrato de Gilberto" })
        {
            texts.Should().NotContain(trace);
        }

        var annex = await db.CaseAttachments.SingleAsync(a => a.CaseId == c.Id);
        annex.ContentRemovedAt.Should().Be(_host.Time.GetUtcNow());
        annex.Sha256.Should().Be(sums["anexos/01-contrato de Gilberto.pdf"], "the row keeps the hash of the archived copy");
        Directory.GetFiles(Storage).Should().BeEmpty("the storage's copy is removed: the archive holds it");

        // His person record is his own (he may have other cases): it is not touched.
        var person = await db.People.SingleAsync(p => p.Id == requesterId);
        person.DisplayName.Should().Be(Name);
        person.AnonymisedAt.Should().BeNull();
    }

    [Fact]
    public async Task A_group_that_keeps_personal_data_is_archived_and_kept_and_a_group_without_retention_is_never_touched()
    {
        var (number, _, groupId) = await ClosedCaseAsync();
        await _host.Get<SetGroupRetention>().HandleAsync(new SetGroupRetentionCommand(groupId, 1, KeepPersonalData: true), Coordinator, default);
        _host.Time.Advance(TimeSpan.FromDays(367));

        (await _host.Get<DispositionSweep>().RunAsync(default)).Should().Be(1);

        File.Exists(Path.Combine(Archive, number, "expediente-" + number + ".pdf")).Should().BeTrue();
        (await Overview()).Dispositions.Single().Anonymised.Should().BeFalse();
        await using (var db = _host.NewContext())
        {
            var c = await db.Cases.SingleAsync(x => x.Number == number);
            c.Description.Should().Be(Description);
            (await db.CaseAttachments.SingleAsync(a => a.CaseId == c.Id)).ContentRemovedAt.Should().BeNull();
        }

        Directory.GetFiles(Storage).Should().ContainSingle("the portal keeps its copy too");

        // Back to "keep for ever": another closed case of the group stays in the portal whatever its age.
        await _host.Get<SetGroupRetention>().HandleAsync(new SetGroupRetentionCommand(groupId, null, false), Coordinator, default);
        var (second, _, _) = await ClosedCaseAsync();
        _host.Time.Advance(TimeSpan.FromDays(3650));
        (await _host.Get<DispositionSweep>().RunAsync(default)).Should().Be(0);
        Directory.Exists(Path.Combine(Archive, second)).Should().BeFalse();
    }

    [Fact]
    public async Task The_retention_is_set_by_the_coordinator_on_a_top_group_audited_and_refused_in_spanish_otherwise()
    {
        var set = _host.Get<SetGroupRetention>();
        int groupId, subCategoryId;
        await using (var db = _host.NewContext())
        {
            groupId = await db.Categories.Where(c => c.ParentId == null).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            subCategoryId = await db.Categories.Where(c => c.ParentId == groupId).Select(c => c.Id).FirstAsync();
        }

        var sub = () => set.HandleAsync(new SetGroupRetentionCommand(subCategoryId, 5, false), Coordinator, default);
        (await sub.Should().ThrowAsync<DomainException>()).Which.Rule.Should().Be(DomainRules.RetentionNotTopGroup);
        var zero = () => set.HandleAsync(new SetGroupRetentionCommand(groupId, 0, false), Coordinator, default);
        var refusal = (await zero.Should().ThrowAsync<DomainException>()).Which;
        refusal.Rule.Should().Be(DomainRules.RetentionYearsOutOfRange);
        refusal.Message.Should().Contain("de 1 a 100");
        var lead = () => set.HandleAsync(new SetGroupRetentionCommand(groupId, 5, false),
            CurrentUser.Person(DemoPeople.LeadFirstLevel, PersonRoles.Agent | PersonRoles.TechnicalLead), default);
        await lead.Should().ThrowAsync<ForbiddenException>();
        var jefe = () => _host.Get<ListRetention>().HandleAsync(CurrentUser.Person(DemoPeople.Agent1, PersonRoles.Agent), default);
        await jefe.Should().ThrowAsync<ForbiddenException>("an agent does not read the retention table");

        (await set.HandleAsync(new SetGroupRetentionCommand(groupId, 5, false), Coordinator, default)).Should().BeTrue();
        (await set.HandleAsync(new SetGroupRetentionCommand(groupId, 5, false), Coordinator, default)).Should().BeFalse("nothing changed");

        await using var check = _host.NewContext();
        (await check.Categories.SingleAsync(c => c.Id == groupId)).RetentionYears.Should().Be(5);
        var audit = await check.ConfigurationChanges.SingleAsync(c => c.Area == ConfigurationAreas.Retention);
        audit.ActorId.Should().Be(DemoPeople.Coordinator);
        audit.Before.Should().Contain("\"anios\":null");
        audit.After.Should().Contain("\"anios\":5");
    }

    private Task<RetentionOverview> Overview() => _host.Get<ListRetention>().HandleAsync(Coordinator, default);

    /// <summary>His PQRS with a file, worked with an internal note, answered, resolved, rated and closed.</summary>
    private async Task<(string Number, Guid RequesterId, int GroupId)> ClosedCaseAsync()
    {
        var intake = await _host.Get<IntakeCase>().HandleAsync(
            new IntakeCaseCommand("2026-ER-" + Guid.NewGuid().ToString("N")[..8], Name, Email, "Copia del contrato", Description),
            [AttachmentSamples.File("contrato de Gilberto.pdf", "application/pdf", AttachmentSamples.Pdf)], CurrentUser.Integration, default);
        var number = intake.Case.Number;
        Guid requesterId;
        Guid assigneeId;
        int categoryId;
        await using (var db = _host.NewContext())
        {
            var c = await db.Cases.SingleAsync(x => x.Number == number);
            (requesterId, assigneeId, categoryId) = (c.RequesterId, c.AssigneeId!.Value, c.CategoryId);
        }

        var agent = CoreHost.Agent(assigneeId);
        var him = CurrentUser.Person(requesterId, PersonRoles.None);
        await _host.Get<AnalyseCase>().HandleAsync(new AnalyseCaseCommand(number, null), agent, default);
        await _host.Get<CommentOnCase>().HandleAsync(new CommentOnCaseCommand(number, $"Buenos días, {Name}: revisamos su solicitud.", false), agent, default);
        await _host.Get<CommentOnCase>().HandleAsync(new CommentOnCaseCommand(number, InternalNote, true), agent, default);
        await _host.Get<CommentOnCase>().HandleAsync(new CommentOnCaseCommand(number, HisMessage, false), him, default);
        await _host.Get<AttendCase>().HandleAsync(new AttendCaseCommand(number, null), agent, default);
        await _host.Get<ResolveCase>().HandleAsync(new ResolveCaseCommand(number, null, $"Se envió la copia a {Email}."), agent, default);
        await _host.Get<AnswerSurvey>().HandleAsync(new AnswerSurveyCommand(number, null, new SurveyAnswer(true, 5, 5, 5, "Gracias.")), him, default);

        await using var read = _host.NewContext();
        var closed = await read.Cases.SingleAsync(x => x.Number == number);
        closed.Status.Should().Be(CaseStatus.Closed, "a satisfied answer closes the case");
        var categories = await read.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id);
        return (number, requesterId, CategoryPath.From(categories, categoryId)[^1].Id);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
