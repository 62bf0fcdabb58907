using System.Diagnostics;
using MesaServicio.Core.CaseFiles;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.People;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using UglyToad.PdfPig;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.CaseFiles;

public sealed class CaseFilePdfTests(CaseFileFixture fixture) : IClassFixture<CaseFileFixture>
{
    [Fact]
    public async Task The_staff_copy_read_back_carries_every_history_line_the_internal_note_and_the_full_SHA256_of_each_file()
    {
        var worked = await fixture.WorkCaseAsync();
        var file = await fixture.FileFor(worked.Number, worked.Assignee);

        var pages = CaseFileFixture.Pages(fixture.Render(file));
        var text = string.Join(" ", pages);

        file.IncludesInternalNotes.Should().BeTrue();
        text.Should().Contain("Expediente del caso " + worked.Number).And.Contain("No abre el correo institucional");
        text.Should().Contain("Copia del expediente del caso para evidencia");

        // Every history line, in Spanish, as many times as the case has it.
        file.Case.History.Should().HaveCountGreaterThan(10);
        foreach (var action in file.Case.History.GroupBy(h => h.Action))
        {
            var words = CaseFilePdf.ActionText(action.Key);
            Occurrences(text, words).Should().BeGreaterThanOrEqualTo(action.Count(), "every «{0}» line is in the file", words);
        }

        text.Should().Contain("Registró el caso").And.Contain("Escaló el caso").And.Contain("Registró la solución")
            .And.Contain("Escribió una nota interna").And.Contain("Adjuntó un archivo");
        text.Should().Contain("Requiere revisar el buzón en el servidor de correo (nivel 2).", "the escalation's reason");
        text.Should().Contain("En atención → Escalado", "from → to status");

        // The conversation, with the internal note marked.
        text.Should().Contain(WorkedCase.InternalNote).And.Contain("Nota interna");
        text.Should().Contain("Por el navegador sí ingresa, solo falla la aplicación.");

        // The attachments: name, size in es-CO, full SHA-256, who uploaded it.
        text.Should().Contain(WorkedCase.PublicFile).And.Contain(WorkedCase.PublicSha256);
        text.Should().Contain(WorkedCase.InternalFile).And.Contain(WorkedCase.InternalSha256);
        var pdfSize = Attachments.AttachmentSamples.Pdf.Length.ToString("N0", DomainMessages.Culture) + " bytes";
        text.Should().Contain(pdfSize).And.Contain("Laura Gómez Rincón");

        // The case's data, ANS and survey.
        text.Should().Contain("Correo electrónico institucional").And.Contain("Nivel 2").And.Contain("Cerrado");
        text.Should().Contain(WorkedCase.Solution).And.Contain(WorkedCase.SurveyComment).And.Contain("5 de 5");
        text.Should().Contain("Atención (primera acción)").And.Contain("Cumplido");

        pages[0].Should().Contain("Página 1 de " + pages.Count);
    }

    [Fact]
    public async Task The_requesters_copy_has_no_internal_note_nor_its_file_nor_its_history_line()
    {
        var worked = await fixture.WorkCaseAsync();
        var file = await fixture.FileFor(worked.Number, worked.Requester);

        var text = string.Join(" ", CaseFileFixture.Pages(fixture.Render(file)));

        file.IncludesInternalNotes.Should().BeFalse();
        text.Should().Contain(worked.Number).And.Contain("no incluye las notas internas");
        text.Should().NotContain(WorkedCase.InternalNote).And.NotContain("Nota interna").And.NotContain("Escribió una nota interna");
        text.Should().NotContain(WorkedCase.InternalFile).And.NotContain(WorkedCase.InternalSha256);
        text.Should().Contain(WorkedCase.PublicFile).And.Contain(WorkedCase.PublicSha256);
        text.Should().Contain("Escaló el caso").And.Contain(WorkedCase.Solution);
        text.Should().Contain("Generado por Laura Gómez Rincón el ");
    }

    [Fact]
    public async Task A_case_out_of_reach_answers_as_a_missing_case()
    {
        var worked = await fixture.WorkCaseAsync();
        var other = CurrentUser.Person(DemoPeople.Requester2, PersonRoles.None);

        var outOfReach = await Assert.ThrowsAsync<NotFoundException>(() => fixture.FileFor(worked.Number, other));
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => fixture.FileFor("MS-2099-999999", other));

        outOfReach.Message.Replace(worked.Number, "N", StringComparison.Ordinal)
            .Should().Be(missing.Message.Replace("MS-2099-999999", "N", StringComparison.Ordinal));
        await Assert.ThrowsAsync<NotFoundException>(() => fixture.FileFor(worked.Number, CurrentUser.Anonymous));
    }

    [Fact]
    public async Task A_long_case_file_wraps_its_texts_runs_onto_several_pages_and_repeats_the_table_header()
    {
        var filed = await fixture.Host.FileAsync(subject: "Caso con una conversación larga");
        var number = filed.Number;
        var agent = CoreHost.Agent(await fixture.AssigneeAsync(number));
        var paragraph = string.Join(" ", Enumerable.Repeat("El equipo reinicia solo cuando se abre el sistema de gestión documental.", 6));
        for (var i = 1; i <= 30; i++)
        {
            fixture.Host.Time.Advance(TimeSpan.FromMinutes(3));
            var author = i % 2 == 0 ? agent : CaseFileFixture.Requester;
            await fixture.Host.Get<CommentOnCase>().HandleAsync(
                new CommentOnCaseCommand(number, $"Mensaje {i}. {paragraph}\nSegunda línea del mensaje {i}.", i % 4 == 0), author, default);
        }

        var address = "https://servicios.funcionpublica.gov.co/" + string.Concat(Enumerable.Repeat("ruta-muy-larga-sin-espacios/", 12)) + "fin";
        var solution = string.Join("\n\n", Enumerable.Range(1, 60).Select(i => $"Paso {i}: se revisó la configuración del equipo y se aplicó el ajuste {i}."))
            + "\nVer " + address + "\nFIN-DE-LA-SOLUCION";
        await fixture.Host.Get<AttendCase>().HandleAsync(new AttendCaseCommand(number, null), agent, default);
        await fixture.Host.Get<ResolveCase>().HandleAsync(new ResolveCaseCommand(number, null, solution), agent, default);

        var pdf = fixture.Render(await fixture.FileFor(number, agent));
        CaseFileFixture.SaveArtifact("expediente-largo.pdf", pdf);
        var pages = CaseFileFixture.Pages(pdf);

        pages.Count.Should().BeGreaterThan(4);
        for (var i = 0; i < pages.Count; i++)
        {
            pages[i].Should().Contain($"Página {i + 1} de {pages.Count}");
            pages[i].Should().Contain(CaseFileFixture.Branding.EntityName).And.Contain("Expediente del caso").And.Contain(number);
            pages[i].Should().Contain("Copia del expediente para evidencia");
        }

        var text = string.Join(" ", pages);
        for (var i = 1; i <= 30; i++)
        {
            text.Should().Contain($"Mensaje {i}. El equipo").And.Contain($"Segunda línea del mensaje {i}.");
        }

        // The solution is in the data, in the conversation (the requester's thread) and in the history: every copy reaches
        // its end, the long address cut but whole.
        Occurrences(text, "FIN-DE-LA-SOLUCION").Should().Be(3);
        Occurrences(text, "Paso 60: se revisó").Should().Be(3);
        text.Replace(" ", "", StringComparison.Ordinal).Should().Contain(address);

        // The history table runs onto more than one page, its header row repeated on each.
        var header = "Fecha y hora Quién Acción Estado (de → a) Detalle";
        pages.Count(p => p.Contains(header, StringComparison.Ordinal)).Should().BeGreaterThan(1);

        using var document = PdfDocument.Open(pdf);
        document.GetPage(1).Letters.Select(l => l.FontName).Distinct()
            .Should().OnlyContain(f => f.Contains("+DejaVu Sans", StringComparison.Ordinal), "a subset of the embedded font");
    }

    /// <summary>
    /// Renders the worked case (the coordinator's copy and the requester's) to <c>artifacts/case-file/</c>, and
    /// its pages to PNG when poppler's <c>pdftoppm</c> is installed, for a person to look at.
    /// </summary>
    [Fact]
    public async Task A_sample_is_rendered_for_review()
    {
        var worked = await fixture.WorkCaseAsync();
        var staff = CaseFileFixture.SaveArtifact("expediente-muestra.pdf", fixture.Render(await fixture.FileFor(worked.Number, await fixture.Host.UserAsync(DemoPeople.Coordinator))));
        CaseFileFixture.SaveArtifact("expediente-muestra-solicitante.pdf", fixture.Render(await fixture.FileFor(worked.Number, worked.Requester)));
        CaseFileFixture.Pages(await File.ReadAllBytesAsync(staff))[0].Should().Contain("Generado por Beatriz");

        var pdftoppm = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "pdftoppm")).FirstOrDefault(File.Exists);
        if (pdftoppm is null)
        {
            return;
        }

        var folder = Path.GetDirectoryName(staff)!;
        foreach (var old in Directory.GetFiles(folder, "expediente-muestra-*.png"))
        {
            File.Delete(old);
        }

        using var process = Process.Start(new ProcessStartInfo(pdftoppm, ["-png", "-r", "60", staff, Path.Combine(folder, "expediente-muestra")])
        {
            RedirectStandardError = true,
        })!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, errors);
        Directory.GetFiles(folder, "expediente-muestra-*.png").Should().NotBeEmpty();
    }

    private static int Occurrences(string text, string words)
    {
        var count = 0;
        for (var at = text.IndexOf(words, StringComparison.Ordinal); at >= 0; at = text.IndexOf(words, at + words.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
