using System.Diagnostics;
using System.Text.RegularExpressions;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Reports;
using MesaServicio.Core.Reports.Pdf;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using static MesaServicio.Tests.Reports.NovemberMonthFixture;

namespace MesaServicio.Tests.Reports;

public sealed partial class MonthlyReportPdfTests(NovemberMonthFixture month) : IClassFixture<NovemberMonthFixture>
{
    public static readonly ReportBranding Branding = new(
        "Departamento Administrativo de la Función Pública",
        "Oficina de Tecnologías de la Información y las Comunicaciones",
        "Mesa de Servicio TI — portal de soporte");

    private const string Coordinator = "Beatriz Elena Cárdenas";

    [Fact]
    public void The_PDF_carries_the_computed_figures_in_Spanish_with_page_numbers_and_who_generated_it()
    {
        var pdf = Render(month.Report);
        SaveArtifact("informe-mensual-2026-11.pdf", pdf);

        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().Select(p => Normalise(ContentOrderTextExtractor.GetText(p))).ToList();
        pages.Count.Should().BeGreaterThan(1);
        for (var i = 0; i < pages.Count; i++)
        {
            pages[i].Should().Contain($"Página {i + 1} de {pages.Count}");
            pages[i].Should().Contain(Branding.EntityName).And.Contain(Branding.Office).And.Contain(ReportBranding.DefaultProcedure);
            pages[i].Should().Contain("Generado por " + Coordinator + " el martes 1 de diciembre de 2026 a las 08:00");
        }

        var text = string.Join(" ", pages);
        text.Should().Contain("Informe mensual de resultados").And.Contain("Noviembre de 2026")
            .And.Contain("Del domingo 1 de noviembre de 2026 al lunes 30 de noviembre de 2026 (hora de Colombia)");

        // The same figures as the computation (issue #15), formatted es-CO: indicator 7 over the specialised cases attended
        // in November (C4✗ C5✓ C9✗ C14✓), the same over all levels, first attention.
        text.Should().Contain("Resultado del mes: 50,0 % — Lejos de la meta (meta 90 %)");
        text.Should().Contain("Indicador 7 = casos oportunos ÷ casos atendidos en el mes × 100 = 2 ÷ 4 × 100 = 50,0 % (meta: 90 %).");
        text.Should().Contain("Indicador 7 — nivel especializado (ANS de solución) 4 2 2 50,0 %")
            .And.Contain("Mismo indicador, todos los niveles (ANS de solución) 11 9 2 81,8 %")
            .And.Contain("Primera atención, todos los niveles (ANS de atención) 12 8 4 66,7 %");
        text.Should().Contain("Crítica 2 1 1 50,0 % Alta 2 1 1 50,0 % Total 4 2 2 50,0 %", "indicator 7 by priority: C4✗ C14✓, C5✓ C9✗");
        text.Should().Contain("Nivel 1 1 0 1 0,0 % Nivel 2 2 2 0 100,0 % Nivel 3 1 0 1 0,0 %", "indicator 7 by level: C9; C5 C14; C4");
        text.Should().Contain("Tiempo hasta la primera acción 12 2 h 56 min 8 h 00 min");
        text.Should().Contain("Tiempo hasta la solución (sin pausas) 8 6 h 08 min 12 h 00 min");
        text.Should().Contain("Información insuficiente 1 33,3 %").And.Contain("Fuera del alcance de la mesa 1").And.Contain("Duplicado 1");
        text.Should().Contain("Nivel 1 → nivel 2 2 50,0 %").And.Contain("A líder técnico de Gestión documental (ORFEO) 1 25,0 %");
        text.Should().Contain("Respondieron la encuesta (tasa de respuesta) 6 75,0 %").And.Contain("Satisfechos (de quienes respondieron) 4 66,7 %");
        text.Should().Contain("Novedades reportadas 3");
        text.Should().Contain("Octubre de 2026 2 2 — —", "October's two cases are first-level: no indicator 7")
            .And.Contain("Noviembre de 2026 14 8 50,0 % —").And.Contain("Mayo de 2026 0 0 — —");
        text.Should().Contain("Total 14 8 3 3", "the volume tables end with the month's totals");
        foreach (var name in new[] { "C2", "C7", "C8", "C13", "C4", "C9" })
        {
            text.Should().Contain(month.Number(name), "{0} is an ANS breach", name);
        }

        text.Should().Contain("18/11/2026 17:00 Sin atender", "C8 fell due and was never attended");

        // Fonts come from the embedded DejaVu Sans, subset into the file.
        document.GetPage(1).Letters.Select(l => l.FontName).Distinct().Should().OnlyContain(f => f.Contains("+DejaVu Sans", StringComparison.Ordinal), "a subset (XXXXXX+) of the embedded font");
    }

    [Fact]
    public void A_long_table_breaks_across_pages_and_repeats_its_header_row()
    {
        var breaches = Enumerable.Range(1, 150).Select(i => new SlaBreach(
            BreachKind.Attention, $"MS-2026-{i:000000}", "No funciona el correo " + i, "Correo electrónico institucional",
            CasePriority.High, "Carlos Pérez Téllez", Local(11, 3, 10, 0), Local(11, 3, 11, 0), TimeSpan.FromHours(1))).ToList();
        var report = month.Report with
        {
            Breaches = new BreachSummary(150, 0, 150, breaches, []),
        };

        using var document = PdfDocument.Open(Render(report));
        var pages = document.GetPages().Select(p => Normalise(ContentOrderTextExtractor.GetText(p))).ToList();
        var withRows = pages.Select((text, i) => (text, i)).Where(p => p.text.Contains("MS-2026-000", StringComparison.Ordinal)).ToList();
        withRows.Count.Should().BeGreaterThan(1, "150 rows do not fit on one page");
        foreach (var (text, _) in withRows.Skip(1))
        {
            text.Should().Contain("Incumplimientos del ANS de atención (continuación)");
            text.Should().Contain("Número Asunto Categoría Prioridad Responsable Vencía Atendido", "the header row is repeated");
        }

        Enumerable.Range(1, 150).Should().OnlyContain(i => pages.Any(p => p.Contains($"MS-2026-{i:000000}", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Rendering_reports_progress_to_100_and_stops_when_cancelled()
    {
        var pdf = month.Host.Get<MonthlyReportPdf>();
        var seen = new List<int>();
        using (var output = new MemoryStream())
        {
            pdf.Render(month.Report, Branding, Coordinator, output, new SynchronousProgress(seen.Add));
        }

        seen.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems().And.EndWith(100);
        seen.Should().HaveCountGreaterThan(5);

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var act = () => pdf.RenderAsync(month.Report, Branding, Coordinator, new MemoryStream(), null, cancelled.Token);
        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Rendering_on_several_threads_at_once_works()
    {
        var pdf = month.Host.Get<MonthlyReportPdf>();
        var sizes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            using var output = new MemoryStream();
            await pdf.RenderAsync(month.Report, Branding, Coordinator, output);
            return output.Length;
        })));
        sizes.Should().OnlyContain(s => s > 10_000);
    }

    /// <summary>
    /// Renders the fixture month's pages to PNG (artifacts/report-pages/) for a person to look at; CI installs
    /// poppler-utils. Without <c>pdftoppm</c> the rendering step is skipped and the test only checks the PDF.
    /// </summary>
    [Fact]
    public async Task The_pages_are_rendered_to_PNG_for_review()
    {
        var path = SaveArtifact("informe-mensual-2026-11-pages.pdf", Render(month.Report));
        if (FindOnPath("pdftoppm") is not { } pdftoppm)
        {
            return;
        }

        var folder = Path.GetDirectoryName(path)!;
        foreach (var old in Directory.GetFiles(folder, "pagina-*.png"))
        {
            File.Delete(old);
        }

        using var process = Process.Start(new ProcessStartInfo(pdftoppm, ["-r", "110", "-png", path, Path.Combine(folder, "pagina")])
        {
            RedirectStandardError = true,
        })!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, errors);
        Directory.GetFiles(folder, "pagina-*.png").Should().NotBeEmpty();
    }

    private byte[] Render(MonthlyReport report)
    {
        using var output = new MemoryStream();
        month.Host.Get<MonthlyReportPdf>().Render(report, Branding, Coordinator, output);
        return output.ToArray();
    }

    /// <summary>Writes a file under <c>artifacts/report-pages/</c> at the repository root (ignored by git).</summary>
    internal static string SaveArtifact(string name, byte[] content)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "MesaServicio.sln")))
        {
            root = root.Parent;
        }

        var folder = Path.Combine(root?.FullName ?? AppContext.BaseDirectory, "artifacts", "report-pages");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    private static string Normalise(string text) => Spaces().Replace(text, " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
