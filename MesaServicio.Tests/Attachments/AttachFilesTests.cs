using MesaServicio.Core.Attachments;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using Microsoft.EntityFrameworkCore;
using static MesaServicio.Tests.Attachments.AttachmentSamples;

namespace MesaServicio.Tests.Attachments;

public sealed class AttachFilesTests : IClassFixture<AttachmentsCoreFixture>
{
    private readonly AttachmentsCoreFixture _fixture;

    public AttachFilesTests(AttachmentsCoreFixture fixture) => _fixture = fixture;

    public static TheoryData<string, string, string> GoodFiles() => new()
    {
        { "informe.pdf", "application/pdf", "pdf" },
        { "pantallazo.png", "image/png", "png" },
        { "acta.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx" },
        { "usuarios.csv", "text/csv", "csv" },
        { "usuarios-excel.csv", "application/vnd.ms-excel", "csv" },
        { "acta.odt", "application/vnd.oasis.opendocument.text", "odt" },
        { "sin-tipo.pdf", "", "pdf" },
    };

    [Theory]
    [MemberData(nameof(GoodFiles))]
    public async Task A_valid_file_is_stored_with_its_SHA256_under_a_generated_name_outside_the_web_root(string name, string type, string kind)
    {
        var content = kind switch
        {
            "pdf" => Pdf,
            "png" => Png,
            "docx" => Docx,
            "csv" => Csv,
            "odt" => Odt,
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var (number, _) = await _fixture.FileCaseAsync();

        var result = await _fixture.Attach.HandleAsync(number, [File(name, type, content)], AttachmentsCoreFixture.Requester, default);

        var stored = result.Files.Should().ContainSingle().Subject;
        stored.FileName.Should().Be(name);
        stored.Size.Should().Be(content.Length);
        stored.Sha256.Should().Be(Sha256Of(content));
        await using var db = _fixture.Host.NewContext();
        var row = await db.CaseAttachments.SingleAsync(a => a.Id == stored.Id);
        row.Sha256.Should().Be(Sha256Of(content));
        row.UploadedById.Should().Be(AttachmentsCoreFixture.Requester.PersonId);
        row.StorageName.Should().Be(stored.Id.ToString("N")).And.NotContain(Path.GetFileNameWithoutExtension(name));

        var path = Path.Combine(_fixture.StorageRoot, row.StorageName);
        (await System.IO.File.ReadAllBytesAsync(path)).Should().Equal(content);
        Path.GetFullPath(path).Should().NotStartWith(Path.GetFullPath(Support.RepositoryFiles.PathOf("wwwroot-assets")));
        _fixture.StoredFiles().Should().NotContain(f => f.EndsWith(".part", StringComparison.Ordinal), "no temporary file is left");
    }

    [Fact]
    public async Task Attaching_records_a_history_line_and_a_message_comes_with_its_files_in_one_go()
    {
        var (number, _) = await _fixture.FileCaseAsync();

        var result = await _fixture.Attach.HandleAsync(
            new AttachFilesCommand(number, [File("a.pdf", "application/pdf", Pdf), File("b.png", "image/png", Png)], "Adjunto el soporte."),
            AttachmentsCoreFixture.Requester, default);

        result.CommentId.Should().NotBeNull();
        result.Files.Should().HaveCount(2);
        var history = await _fixture.HistoryAsync(number);
        history.Where(h => h.Action == CaseAction.AttachmentAdded).Select(h => h.ToValue)
            .Should().BeEquivalentTo(result.Files.Select(f => f.Id.ToString()));
        history.OrderBy(h => h.Id).Select(h => h.Action).Should().EndWith(
            [CaseAction.Commented, CaseAction.AttachmentAdded, CaseAction.AttachmentAdded], "the message's line, then its files'");
        var rows = await _fixture.Host.Get<ListAttachments>().HandleAsync(number, AttachmentsCoreFixture.Requester, default);
        rows.Should().HaveCount(2).And.OnlyContain(r => r.CommentId == result.CommentId && r.UploadedByName == "Laura Gómez Rincón");
        rows.Select(r => r.Sha256).Should().Equal(Sha256Of(Pdf), Sha256Of(Png));
    }

    public static TheoryData<string, string, string, string> BadFiles() => new()
    {
        { "informe.exe.pdf", "application/pdf", "exe", "\"informe.exe.pdf\" no es un PDF válido: su contenido no corresponde al tipo declarado." },
        { "setup.exe", "application/x-msdownload", "exe", "Los archivos .exe no se permiten." },
        { "pagina.html", "text/html", "html", "Los archivos .html no se permiten." },
        { "pagina.htm", "text/html", "html", "Los archivos .htm no se permiten." },
        { "pagina.txt", "text/plain", "html", "\"pagina.txt\" contiene HTML, SVG, XML o un script; por seguridad ese contenido no se permite." },
        { "nota.txt", "text/plain", "text-with-script", "\"nota.txt\" contiene HTML, SVG, XML o un script" },
        { "logo.svg", "image/svg+xml", "svg", "Los archivos .svg no se permiten." },
        { "logo.png", "image/png", "svg", "\"logo.png\" contiene HTML, SVG, XML o un script; por seguridad ese contenido no se permite." },
        { "datos.xml", "application/xml", "svg", "Los archivos .xml no se permiten." },
        { "script.js", "text/javascript", "html", "Los archivos .js no se permiten." },
        { "comprimido.zip", "application/zip", "docx", "Los archivos .zip no se permiten." },
        { "informe.pdf", "text/html", "pdf", "\"informe.pdf\" se envió como «text/html», que no corresponde a un archivo .pdf." },
        { "foto.png", "image/png", "pdf", "\"foto.png\" no es un PNG válido: su contenido no corresponde al tipo declarado." },
        { "acta.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "zip", "\"acta.docx\" no es un documento de Word válido" },
        { "macros.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "macros", "\"macros.docx\" no es un documento de Word válido" },
        { "usuarios.csv", "text/csv", "csv-1252", "\"usuarios.csv\" no es un texto en UTF-8." },
        { "vacio.pdf", "application/pdf", "empty", "\"vacio.pdf\" está vacío." },
        { "LEEME", "text/plain", "csv", "\"LEEME\" no tiene extensión" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_refused_file_stores_nothing_and_says_why_in_Spanish(string name, string type, string kind, string message)
    {
        var content = kind switch
        {
            "exe" => Executable,
            "html" => Html,
            "text-with-script" => TextWithScript,
            "svg" => Svg,
            "pdf" => Pdf,
            "docx" => Docx,
            "zip" => ZipRenamedDocx,
            "macros" => DocxWithMacros,
            "csv" => Csv,
            "csv-1252" => CsvWindows1252,
            "empty" => [],
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        await AssertRefusedAsync([File("bueno.pdf", "application/pdf", Pdf), File(name, type, content)], message);
    }

    [Fact]
    public async Task A_file_declared_larger_than_the_limit_is_refused_before_it_is_read()
    {
        var opened = false;
        var declared = (long)(12.4 * 1024 * 1024);
        var file = new IncomingFile("foto.png", "image/png", declared, _ =>
        {
            opened = true;
            return new GeneratedStream(declared);
        });

        await AssertRefusedAsync([file], "\"foto.png\" pesa 12,4 MB; el máximo es 10 MB.");
        opened.Should().BeFalse();
    }

    [Fact]
    public async Task A_stream_longer_than_it_declared_is_cut_at_the_limit_and_refused()
    {
        var stream = new GeneratedStream((10 * 1024 * 1024) + 1);
        var file = new IncomingFile("informe.pdf", "application/pdf", 2048, _ => stream);

        await AssertRefusedAsync([File("bueno.pdf", "application/pdf", Pdf), file], "\"informe.pdf\" pesa más de 10 MB; el máximo es 10 MB.");
        stream.Position.Should().Be((10 * 1024 * 1024) + 1, "reading stops one byte past the limit");
    }

    [Fact]
    public async Task More_files_than_a_message_allows_are_refused_before_any_is_read()
    {
        var opened = 0;
        var files = Enumerable.Range(1, 6).Select(i => new IncomingFile($"f{i}.pdf", "application/pdf", Pdf.Length, _ =>
        {
            opened++;
            return new MemoryStream(Pdf);
        })).ToList();

        await AssertRefusedAsync(files, "Puede adjuntar como máximo 5 archivos por mensaje.");
        opened.Should().Be(0);
    }

    [Fact]
    public async Task A_message_with_no_file_is_refused()
    {
        var (number, _) = await _fixture.FileCaseAsync();
        var act = () => _fixture.Attach.HandleAsync(number, [], AttachmentsCoreFixture.Requester, default);
        (await act.Should().ThrowAsync<DomainException>()).Which.Rule.Should().Be(DomainRules.AttachmentNoFiles);
    }

    [Fact]
    public async Task A_refused_message_does_not_keep_its_text_either()
    {
        var (number, _) = await _fixture.FileCaseAsync();
        var act = () => _fixture.Attach.HandleAsync(
            new AttachFilesCommand(number, [File("informe.exe.pdf", "application/pdf", Executable)], "Mire el informe."),
            AttachmentsCoreFixture.Requester, default);

        await act.Should().ThrowAsync<DomainException>();
        (await _fixture.HistoryAsync(number)).Should().NotContain(h => h.Action == CaseAction.Commented || h.Action == CaseAction.AttachmentAdded);
    }

    [Fact]
    public async Task Another_requester_gets_the_answer_of_a_missing_case_and_nothing_is_read()
    {
        var (number, _) = await _fixture.FileCaseAsync();
        var opened = false;
        var file = new IncomingFile("a.pdf", "application/pdf", Pdf.Length, _ =>
        {
            opened = true;
            return new MemoryStream(Pdf);
        });

        var outOfReach = await CatchAsync(() => _fixture.Attach.HandleAsync(number, [file], AttachmentsCoreFixture.OtherRequester, default));
        var missing = await CatchAsync(() => _fixture.Attach.HandleAsync("MS-2099-999999", [file], AttachmentsCoreFixture.OtherRequester, default));

        outOfReach.Should().BeOfType<NotFoundException>();
        outOfReach.Message.Should().Be(missing.Message.Replace("MS-2099-999999", number, StringComparison.Ordinal));
        opened.Should().BeFalse();
        (await _fixture.RowsAsync(number)).Should().Be(0);
    }

    [Fact]
    public async Task Files_of_an_internal_note_are_hidden_from_the_requester()
    {
        var (number, agent) = await _fixture.FileCaseAsync();
        var result = await _fixture.Attach.HandleAsync(
            new AttachFilesCommand(number, [File("clave.png", "image/png", Png)], "El usuario tiene la clave vencida.", IsInternal: true), agent, default);
        var id = result.Files.Single().Id;

        var list = _fixture.Host.Get<ListAttachments>();
        (await list.HandleAsync(number, agent, default)).Should().ContainSingle(r => r.Id == id && r.IsInternal);
        (await list.HandleAsync(number, AttachmentsCoreFixture.Requester, default)).Should().BeEmpty();

        var open = _fixture.Host.Get<OpenAttachment>();
        await using (var download = await open.HandleAsync(number, id, agent, default))
        {
            download.ContentType.Should().Be("image/png");
        }

        await FluentActions.Awaiting(() => open.HandleAsync(number, id, AttachmentsCoreFixture.Requester, default))
            .Should().ThrowAsync<NotFoundException>();
        (await _fixture.HistoryAsync(number)).Should().NotContain(h => h.Action == CaseAction.AttachmentAdded,
            "the requester reads the history: the internal note's own line (hidden from them) covers its files");
    }

    [Fact]
    public async Task Opening_gives_the_bytes_a_safe_type_and_the_display_name_and_refuses_an_id_of_another_case()
    {
        var (numberA, _) = await _fixture.FileCaseAsync();
        var (numberB, _) = await _fixture.FileCaseAsync();
        var stored = await _fixture.Attach.HandleAsync(numberA, [File("acta final.docx", "", Docx)], AttachmentsCoreFixture.Requester, default);
        var id = stored.Files.Single().Id;
        var open = _fixture.Host.Get<OpenAttachment>();

        await using (var download = await open.HandleAsync(numberA, id, AttachmentsCoreFixture.Requester, default))
        {
            download.FileName.Should().Be("acta final.docx");
            download.ContentType.Should().Be("application/octet-stream");
            using var copy = new MemoryStream();
            await download.Content.CopyToAsync(copy);
            copy.ToArray().Should().Equal(Docx);
        }

        await FluentActions.Awaiting(() => open.HandleAsync(numberB, id, AttachmentsCoreFixture.Requester, default)).Should().ThrowAsync<NotFoundException>();
        await FluentActions.Awaiting(() => open.HandleAsync(numberA, id, AttachmentsCoreFixture.OtherRequester, default))
            .Should().ThrowAsync<NotFoundException>().WithMessage("No se encontró el caso*");
    }

    [Fact]
    public async Task An_agent_of_the_case_may_attach_too()
    {
        var (number, agent) = await _fixture.FileCaseAsync();
        var result = await _fixture.Attach.HandleAsync(number, [File("diagnostico.txt", "text/plain; charset=utf-8", "Se reinició el servicio.\n"u8.ToArray())], agent, default);
        result.Files.Single().ContentType.Should().Be("text/plain");
    }

    [Fact]
    public async Task An_attachment_is_evidence_and_is_never_hard_deleted()
    {
        var (number, _) = await _fixture.FileCaseAsync();
        var id = (await _fixture.Attach.HandleAsync(number, [File("a.pdf", "application/pdf", Pdf)], AttachmentsCoreFixture.Requester, default)).Files.Single().Id;
        await using var db = _fixture.Host.NewContext();
        db.CaseAttachments.Remove(await db.CaseAttachments.SingleAsync(a => a.Id == id));

        await FluentActions.Awaiting(() => db.SaveChangesAsync()).Should().ThrowAsync<InvalidOperationException>().WithMessage("*never hard-deleted*");
    }

    private async Task AssertRefusedAsync(IReadOnlyList<IncomingFile> files, string message)
    {
        var (number, _) = await _fixture.FileCaseAsync();
        var before = _fixture.StoredFiles();

        var refused = await CatchAsync(() => _fixture.Attach.HandleAsync(number, files, AttachmentsCoreFixture.Requester, default));

        refused.Should().BeAssignableTo<DomainException>();
        refused.Message.Should().StartWith(message);
        (await _fixture.RowsAsync(number)).Should().Be(0, "a refused message stores no row");
        _fixture.StoredFiles().Should().Equal(before, "a refused message leaves no file behind");
        (await _fixture.HistoryAsync(number)).Should().NotContain(h => h.Action == CaseAction.AttachmentAdded);
    }

    private static async Task<Exception> CatchAsync(Func<Task> act)
    {
        try
        {
            await act();
        }
        catch (Exception ex)
        {
            return ex;
        }

        throw new Xunit.Sdk.XunitException("Expected a refusal, but the files were stored.");
    }
}
