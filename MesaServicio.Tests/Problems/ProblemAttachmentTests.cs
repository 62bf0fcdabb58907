using MesaServicio.Core.Attachments;
using MesaServicio.Core.Common;
using MesaServicio.Core.People;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Problems;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MesaServicio.Core.Persistence.SeedData;
using static MesaServicio.Tests.Attachments.AttachmentSamples;

namespace MesaServicio.Tests.Problems;

/// <summary>
/// A problem's comments carry files under the usual rules: checked like a case's (type, content, size), kept with their
/// SHA-256 in the attachment storage, all or nothing with the comment, authorized before a byte is read, and downloaded
/// only by staff who reach the problem.
/// </summary>
public sealed class ProblemAttachmentTests : IAsyncLifetime
{
    private static readonly CurrentUser Lead = CurrentUser.Person(DemoPeople.LeadFirstLevel, PersonRoles.Agent | PersonRoles.TechnicalLead);
    private static readonly CurrentUser Coordinator = CurrentUser.Person(DemoPeople.Coordinator, PersonRoles.Coordinator);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mesa-tests", "problemas-" + Guid.NewGuid().ToString("N"));
    private CoreHost _host = null!;

    private string StorageRoot => Path.Combine(_folder, "adjuntos");

    public async Task InitializeAsync() =>
        _host = await CoreHost.StartAsync(configure: s => s.Configure<AttachmentOptions>(o => o.StoragePath = StorageRoot));

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_comment_keeps_its_files_with_their_hashes_and_staff_who_reach_the_problem_download_them()
    {
        var number = await NewProblemAsync();

        var details = await _host.Get<CommentOnProblem>().HandleAsync(
            new CommentOnProblemCommand(number, null, "Adjunto el registro del servidor y la captura del error.",
                [File("registro.pdf", "application/pdf", Pdf), File("error.png", "image/png", Png)]),
            Lead, default);

        var comment = details.Comments.Should().ContainSingle().Subject;
        comment.Text.Should().Be("Adjunto el registro del servidor y la captura del error.");
        comment.Files.Select(f => f.FileName).Should().Equal("registro.pdf", "error.png");
        comment.Files.Select(f => f.Size).Should().Equal(Pdf.Length, Png.Length);
        details.History.Should().Contain(h => h.Kind == ProblemHistoryKind.Commented && h.Detail == "2");

        await using (var db = _host.NewContext())
        {
            var rows = await db.ProblemAttachments.OrderBy(a => a.Id).ToListAsync();
            rows.Select(r => r.Sha256).Should().Equal(Sha256Of(Pdf), Sha256Of(Png));
            rows.Should().OnlyContain(r => r.UploadedById == DemoPeople.LeadFirstLevel && r.DetectedContentType.Length > 0);
            (await System.IO.File.ReadAllBytesAsync(Path.Combine(StorageRoot, rows[0].StorageName))).Should().Equal(Pdf);
        }

        StoredFiles().Should().HaveCount(2).And.NotContain(f => f.EndsWith(".part", StringComparison.Ordinal));

        // An agent of the category reads it; one of other categories, the requester and another problem's number do not.
        var incident = await _host.FileAsync(subject: "El correo no sincroniza");
        var agent = await _host.UserAsync((await _host.LoadAsync(incident.Number)).AssigneeId!.Value);
        var open = _host.Get<OpenProblemAttachment>();
        await using (var download = await open.HandleAsync(number, comment.Files[0].Id, agent, default))
        {
            using var copy = new MemoryStream();
            await download.Content.CopyToAsync(copy);
            copy.ToArray().Should().Equal(Pdf);
            download.FileName.Should().Be("registro.pdf");
            download.ContentType.Should().Be("application/pdf");
            download.Sha256.Should().Be(Sha256Of(Pdf));
        }

        var outsider = () => open.HandleAsync(number, comment.Files[0].Id, CurrentUser.Person(DemoPeople.Level3Agent, PersonRoles.Agent), default);
        await outsider.Should().ThrowAsync<NotFoundException>();
        var requester = () => open.HandleAsync(number, comment.Files[0].Id, CurrentUser.Person(DemoPeople.Requester, PersonRoles.None), default);
        await requester.Should().ThrowAsync<NotFoundException>();
        var other = await NewProblemAsync("Otro problema");
        var elsewhere = () => open.HandleAsync(other, comment.Files[0].Id, Lead, default);
        await elsewhere.Should().ThrowAsync<NotFoundException>("a file is opened only through its own problem");
    }

    [Fact]
    public async Task Files_alone_make_a_comment_without_text()
    {
        var number = await NewProblemAsync();

        var details = await _host.Get<CommentOnProblem>().HandleAsync(
            new CommentOnProblemCommand(number, null, "  ", [File("usuarios.csv", "text/csv", Csv)]), Lead, default);

        var comment = details.Comments.Should().ContainSingle().Subject;
        comment.Text.Should().BeEmpty();
        comment.Files.Should().ContainSingle().Which.FileName.Should().Be("usuarios.csv");
        details.History.Should().Contain(h => h.Kind == ProblemHistoryKind.Commented && h.Detail == "1");

        var empty = () => _host.Get<CommentOnProblem>().HandleAsync(new CommentOnProblemCommand(number, null, "  "), Lead, default);
        (await empty.Should().ThrowAsync<DomainException>()).Which.Rule.Should().Be(ProblemRules.CommentRequired);
    }

    [Fact]
    public async Task A_refused_file_stores_nothing_the_comment_included_and_names_the_file()
    {
        var number = await NewProblemAsync();
        var before = await _host.Get<GetProblem>().HandleAsync(number, Lead, default);

        var disguised = () => _host.Get<CommentOnProblem>().HandleAsync(
            new CommentOnProblemCommand(number, null, "Dos archivos.",
                [File("registro.pdf", "application/pdf", Pdf), File("informe.exe.pdf", "application/pdf", Executable)]),
            Lead, default);

        (await disguised.Should().ThrowAsync<DomainException>()).Which.Message.Should().Contain("informe.exe.pdf");
        var after = await _host.Get<GetProblem>().HandleAsync(number, Lead, default);
        after.Comments.Should().BeEmpty();
        after.Version.Should().Be(before.Version);
        await using (var db = _host.NewContext())
        {
            (await db.ProblemAttachments.CountAsync()).Should().Be(0);
        }

        StoredFiles().Should().BeEmpty("the good file received before the refused one is removed too, temporaries included");
    }

    [Fact]
    public async Task Nobody_uploads_to_a_problem_she_may_not_comment_and_not_a_byte_is_read()
    {
        var number = await NewProblemAsync();
        var opened = 0;
        IncomingFile Watched() => new("registro.pdf", "application/pdf", Pdf.Length, _ =>
        {
            opened++;
            return new MemoryStream(Pdf);
        });
        var comment = _host.Get<CommentOnProblem>();

        var byRequester = () => comment.HandleAsync(new CommentOnProblemCommand(number, null, "Hola", [Watched()]),
            CurrentUser.Person(DemoPeople.Requester, PersonRoles.None), default);
        await byRequester.Should().ThrowAsync<NotFoundException>();
        var byOutsider = () => comment.HandleAsync(new CommentOnProblemCommand(number, null, "Hola", [Watched()]),
            CurrentUser.Person(DemoPeople.Level3Agent, PersonRoles.Agent), default);
        await byOutsider.Should().ThrowAsync<NotFoundException>();

        await _host.Get<ChangeProblemState>().HandleAsync(new ChangeProblemStateCommand(number, null, ProblemOperation.Analyse, null), Lead, default);
        await _host.Get<RecordProblemFinding>().HandleAsync(
            new RecordProblemFindingCommand(number, null, ProblemFinding.Solution, "Se renovó el certificado."), Lead, default);
        await _host.Get<ChangeProblemState>().HandleAsync(new ChangeProblemStateCommand(number, null, ProblemOperation.Close, null), Lead, default);
        var onClosed = () => comment.HandleAsync(new CommentOnProblemCommand(number, null, "Hola", [Watched()]), Lead, default);
        (await onClosed.Should().ThrowAsync<DomainException>()).Which.Rule.Should().Be(ProblemRules.OperationNotAllowed);

        opened.Should().Be(0);
        StoredFiles().Should().BeEmpty();
    }

    private async Task<string> NewProblemAsync(string title = "Outlook pide la contraseña repetidamente")
    {
        var category = await _host.CategoryAsync("Correo electrónico institucional");
        return await _host.Get<CreateProblem>().HandleAsync(
            new CreateProblemCommand(title, null, category, Impact.Medium, Urgency.Medium, DemoPeople.LeadFirstLevel, []), Coordinator, default);
    }

    private List<string> StoredFiles() =>
        Directory.Exists(StorageRoot) ? [.. Directory.GetFiles(StorageRoot, "*", SearchOption.AllDirectories)] : [];
}
