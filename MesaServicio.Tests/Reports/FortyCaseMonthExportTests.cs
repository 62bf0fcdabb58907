using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using MesaServicio.Core.Reports;
using MesaServicio.Core.Reports.Pdf;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using static MesaServicio.Tests.Reports.FortyCaseMonthFixture;

namespace MesaServicio.Tests.Reports;

/// <summary>
/// The PDF and the CSV of <see cref="FortyCaseMonthFixture"/>'s November, figure by figure against the hand-computed
/// figures of <see cref="MonthlyReportFixtureTests"/> (issue #15: volumes over the cases filed in the month, compliance
/// over the cases attended in it, scores over the answers given in it).
/// </summary>
public sealed partial class FortyCaseMonthExportTests(FortyCaseMonthFixture month) : IClassFixture<FortyCaseMonthFixture>
{
    private const string Coordinator = "Beatriz Elena Cárdenas";

    private static readonly string[] Timely = ["N3", "N5", "N6", "N10", "N12", "N18", "N21", "N25", "N33", "N34", "N37", "O1"];

    private static readonly string[] Late = ["N4", "N7", "N13", "N15", "N20", "N22", "N24", "N28", "N29", "N32", "N35", "O2", "O3"];

    [Fact]
    public void The_PDF_shows_indicator_7_over_the_specialised_cases_attended_in_November()
    {
        var text = Text(Render(month.Report));

        // Tiles: indicator 7, the same over all levels, first attention, satisfaction; volumes of the filed cases.
        text.Should().Contain("48,0 % Indicador 7").And.Contain("Meta 90 % · Lejos de la meta");
        text.Should().Contain("64,1 % Todos los niveles 25 de 39 atendidos");
        text.Should().Contain("85,0 % Primera atención 34 de 40 a tiempo");
        text.Should().Contain("81,5 % Satisfacción 22 de 27 respuestas");
        text.Should().Contain("42 Radicados casos del mes 32 Resueltos 76,2 % de los radicados 4 Rechazados 9,5 % de los radicados 6 Abiertos");

        // Titles are drawn whole (in smaller type when needed), never cut with an ellipsis.
        text.Should().Contain("48,0 % Indicador 7 (especializado) Meta 90 %");
        text.Should().Contain("Cifra Atendidos Oportunos Fuera del ANS Porcentaje").And.NotContain("Fuera del…");

        // The formula and the compliance table.
        text.Should().Contain("Resultado del mes: 48,0 % — Lejos de la meta (meta 90 %)");
        text.Should().Contain("Indicador 7 = casos oportunos ÷ casos atendidos en el mes × 100 = 12 ÷ 25 × 100 = 48,0 % (meta: 90 %).");
        text.Should().Contain("Indicador 7 — nivel especializado (ANS de solución) 25 12 13 48,0 %")
            .And.Contain("Mismo indicador, todos los niveles (ANS de solución) 39 25 14 64,1 %")
            .And.Contain("Primera atención, todos los niveles (ANS de atención) 40 34 6 85,0 %");

        // Breakdowns of indicator 7 (attended, timely, not timely, indicator).
        text.Should().Contain("Mesa de ayuda de primer nivel 4 2 2 50,0 % Sistemas de información misionales 8 5 3 62,5 % "
            + "Sistemas de información de apoyo 7 3 4 42,9 % Servicios especializados de TI 6 2 4 33,3 % Total 25 12 13 48,0 %");
        text.Should().Contain("Crítica 3 1 2 33,3 % Alta 12 8 4 66,7 % Media 8 3 5 37,5 % Baja 2 0 2 0,0 % Total 25 12 13 48,0 %");
        text.Should().Contain("Nivel 1 15 8 7 53,3 % Nivel 2 9 4 5 44,4 % Nivel 3 1 0 1 0,0 % Total 25 12 13 48,0 %");
        text.Should().Contain("Alejandra Moreno Díaz 1 0 1 0,0 % Natalia Herrera Vargas 7 3 4 42,9 % Paola Andrea Sánchez 8 5 3 62,5 % "
            + "Sergio Ramírez Quintero 9 4 5 44,4 % Total 25 12 13 48,0 %");

        // Times and breaches.
        text.Should().Contain("Tiempo hasta la primera acción 40 1 h 23 min 3 h 00 min");
        text.Should().Contain("Tiempo hasta la solución (sin pausas) 33 9 h 57 min 26 h 00 min");
        text.Should().Contain("Atención: 6 casos").And.Contain("Solución: 14 casos");
        text.Should().Contain(month.Number("O3") + " Caso O3").And.Contain("03/11/2026 13:00 Sin resolver");
        text.Should().NotContain(month.Number("O5") + " Caso O5", "O5 was late in October");

        // Scores: the 27 answers given in November (distribution 1…5, answers, mean).
        text.Should().Contain("27 respuestas; tasa de respuesta 75,0 %").And.Contain("81,5 % dijo que la solución resolvió su necesidad");
        text.Should().Contain("Calificación general de la atención 1 3 5 9 9 27 3,8");
        text.Should().Contain("Oportunidad de la atención 3 4 3 7 10 27 3,6");
        text.Should().Contain("Trato digno 0 2 5 9 11 27 4,1");
        text.Should().Contain("Carlos Pérez Téllez 5 4,4 4,6 4,4");

        // Low scores, by answer time: N2 N4 N13 N15 N20 N26 N42.
        foreach (var (name, row) in new[]
                 {
                     ("N2", "04/11/2026 11:00 4 2 4 Diana Marcela Torres"),
                     ("N4", "05/11/2026 09:00 2 1 3 Paola Andrea Sánchez Tardó demasiado."),
                     ("N13", "12/11/2026 10:00 1 1 2 Sergio Ramírez Quintero Se perdió información."),
                     ("N15", "17/11/2026 10:00 2 2 3 Natalia Herrera Vargas"),
                     ("N20", "17/11/2026 10:30 3 2 4 Sergio Ramírez Quintero"),
                     ("N26", "19/11/2026 14:00 2 1 2 Diana Marcela Torres Tardaron mucho."),
                     ("N42", "27/11/2026 11:00 3 2 3 Paola Andrea Sánchez Falta el manual."),
                 })
        {
            text.Should().Contain(month.Number(name) + " " + row, "{0} scored 2 or less", name);
        }

        // The trend: October's only figure is O5, late (0 of 1); November 48,0 % and 81,5 % satisfied.
        text.Should().Contain("Octubre de 2026 5 4 0,0 % — Noviembre de 2026 42 32 48,0 % 81,5 %");
    }

    [Fact]
    public void The_headline_tile_shows_100_percent_uncut()
    {
        var report = month.Report with
        {
            Indicator7 = new IndicatorValue(25, 25, 0),
            Indicator7AllLevels = new IndicatorValue(39, 39, 0),
            AttentionCompliance = new IndicatorValue(40, 40, 0),
        };
        var text = Text(Render(report));
        text.Should().Contain("100,0 % Indicador 7").And.Contain("Meta 90 % · Cumple la meta");
        text.Should().Contain("100,0 % Todos los niveles 39 de 39 atendidos").And.Contain("100,0 % Primera atención 40 de 40 a tiempo");
        text.Should().NotContain("100,0…").And.NotContain("100,…");
    }

    /// <summary>The 40-case month's pages as PNG (artifacts/report-pages/cuarenta-*.png) for a person to look at.</summary>
    [Fact]
    public async Task The_pages_are_rendered_to_PNG_for_review()
    {
        var path = MonthlyReportPdfTests.SaveArtifact("informe-mensual-40-casos-2026-11.pdf", Render(month.Report));
        if ((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(dir => Path.Combine(dir, "pdftoppm")).FirstOrDefault(File.Exists) is not { } pdftoppm)
        {
            return;
        }

        var folder = Path.GetDirectoryName(path)!;
        foreach (var old in Directory.GetFiles(folder, "cuarenta-*.png"))
        {
            File.Delete(old);
        }

        using var process = Process.Start(new ProcessStartInfo(pdftoppm, ["-r", "110", "-png", path, Path.Combine(folder, "cuarenta")])
        {
            RedirectStandardError = true,
        })!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, errors);
        Directory.GetFiles(folder, "cuarenta-*.png").Should().HaveCountGreaterThan(1);
    }

    [Fact]
    public async Task The_CSV_has_the_November_cases_and_those_counted_or_answered_in_November()
    {
        var rows = await CsvAsync();
        MonthlyReportPdfTests.SaveArtifact("casos-40-2026-11.csv", await CsvBytesAsync());

        // 42 filed in November; O1 O2 O3 count in indicator 7, O4 in first attention and all levels, O5's survey was answered
        // in November (it counts in October's figures).
        rows.Should().HaveCount(47);
        rows.Count(r => r["Radicado en el mes"] == "Sí").Should().Be(month.Report.Totals.Filed).And.Be(42);
        rows.Where(r => r["Radicado en el mes"] == "No").Select(r => r["Número"]).Should().BeEquivalentTo(
            new[] { "O1", "O2", "O3", "O4", "O5" }.Select(month.Number));

        // In order of reception, ties by number.
        var received = rows.Select(r => DateTime.ParseExact(r["Radicado"], "dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture)).ToList();
        received.Should().BeInAscendingOrder();

        var o5 = Row(rows, "O5");
        (o5["Cuenta en el indicador 7 del mes"], o5["Cuenta en la primera atención del mes"], o5["Solución dentro del ANS"]).Should().Be(("No", "No", "No"));
        (o5["Satisfecho"], o5["Calificación general"], o5["Oportunidad"], o5["Trato digno"]).Should().Be(("Sí", "3", "4", "4"));
    }

    [Fact]
    public async Task The_CSV_recounts_indicator_7_and_first_attention()
    {
        var rows = await CsvAsync();

        var indicator = rows.Where(r => r["Cuenta en el indicador 7 del mes"] == "Sí").ToList();
        indicator.Should().HaveCount(25);
        indicator.Count(r => r["Solución dentro del ANS"] == "Sí").Should().Be(12);
        (indicator.Count, indicator.Count(r => r["Solución dentro del ANS"] == "Sí"))
            .Should().Be((month.Report.Indicator7.Measured, month.Report.Indicator7.Within));
        indicator.Should().OnlyContain(r => r["Nivel especializado"] == "Sí");
        indicator.Where(r => r["Solución dentro del ANS"] == "Sí").Select(r => r["Número"])
            .Should().BeEquivalentTo(Timely.Select(month.Number));
        indicator.Where(r => r["Solución dentro del ANS"] == "No").Select(r => r["Número"])
            .Should().BeEquivalentTo(Late.Select(month.Number));

        // N17 waits on the requester: specialised, pending, no due time, not counted. N36 is timely in December, N40 falls due
        // in December, O5 counted in October, N42 has no ANS.
        var n17 = Row(rows, "N17");
        (n17["Nivel especializado"], n17["Solución dentro del ANS"], n17["Vence solución"], n17["Cuenta en el indicador 7 del mes"])
            .Should().Be(("Sí", "Pendiente", "", "No"));
        Row(rows, "N40")["Solución dentro del ANS"].Should().Be("Pendiente");
        Row(rows, "N42")["Solución dentro del ANS"].Should().Be("—");
        Row(rows, "N42")["Primera atención dentro del ANS"].Should().Be("—");
        foreach (var name in new[] { "N36", "N40", "N42", "O5", "N1", "N26" })
        {
            Row(rows, name)["Cuenta en el indicador 7 del mes"].Should().Be("No", "{0} is not in November's indicator 7", name);
        }

        // Due instants with pauses: N24's moved by 9 h of waiting; N22 never solved; O3 late since 3 November.
        (Row(rows, "N24")["Vence solución"], Row(rows, "N24")["Solución dentro del ANS"]).Should().Be(("19/11/2026 16:00", "No"));
        (Row(rows, "N22")["Vence solución"], Row(rows, "N22")["Primera atención dentro del ANS"]).Should().Be(("24/11/2026 17:00", "No"));
        Row(rows, "O3")["Vence solución"].Should().Be("03/11/2026 13:00");

        // First attention: 40 counted, 34 in time; late N2 N12 N19 N22 N36 N39.
        var attention = rows.Where(r => r["Cuenta en la primera atención del mes"] == "Sí").ToList();
        (attention.Count, attention.Count(r => r["Primera atención dentro del ANS"] == "Sí")).Should().Be((40, 34));
        attention.Where(r => r["Primera atención dentro del ANS"] == "No").Select(r => r["Número"])
            .Should().Equal(new[] { "N2", "N12", "N19", "N22", "N36", "N39" }.Select(month.Number));
        Row(rows, "O4")["Cuenta en la primera atención del mes"].Should().Be("Sí");
        Row(rows, "O1")["Cuenta en la primera atención del mes"].Should().Be("No", "O1 was attended in October");
    }

    [Fact]
    public async Task The_CSV_carries_the_survey_answer_given_in_November()
    {
        var rows = await CsvAsync();
        var answered = rows.Where(r => r["Respuesta de la encuesta"] != "").ToList();

        // 27 answers in 26 cases (N11 answered twice; its row shows the last one); N38's answer is of 1 December.
        answered.Should().HaveCount(26);
        answered.Sum(r => int.Parse(r["Respuestas en el mes"], CultureInfo.InvariantCulture)).Should().Be(month.Report.Scores.Answered).And.Be(27);
        Row(rows, "N11")["Respuestas en el mes"].Should().Be("2");
        (Row(rows, "N11")["Satisfecho"], Row(rows, "N11")["Calificación general"]).Should().Be(("Sí", "5"));
        Row(rows, "N38")["Respuesta de la encuesta"].Should().BeEmpty();

        // Without N11's first answer (no, 3/3/3): 22 satisfied rows, and the sums 103 − 3, 98 − 3, 110 − 3.
        answered.Count(r => r["Satisfecho"] == "Sí").Should().Be(22);
        answered.Count(r => r["Satisfecho"] == "No").Should().Be(4, "N4 N13 N26 N42");
        answered.Sum(r => Score(r, "Calificación general")).Should().Be(100);
        answered.Sum(r => Score(r, "Oportunidad")).Should().Be(95);
        answered.Sum(r => Score(r, "Trato digno")).Should().Be(107);
        answered.Should().OnlyContain(r => new[] { "Calificación general", "Oportunidad", "Trato digno" }.All(c => Score(r, c) >= 1 && Score(r, c) <= 5));

        var n13 = Row(rows, "N13");
        (n13["Respuesta de la encuesta"], n13["Satisfecho"], n13["Calificación general"], n13["Oportunidad"], n13["Trato digno"])
            .Should().Be(("12/11/2026 10:00", "No", "1", "1", "2"));

        // The low-score rows of the report are the rows with a score of 2 or less (N11's first answer was 3/3/3).
        answered.Where(r => new[] { "Calificación general", "Oportunidad", "Trato digno" }.Any(c => Score(r, c) <= 2))
            .Select(r => r["Número"]).Should().BeEquivalentTo(month.Report.LowScores.Select(l => l.Number));
    }

    private static int Score(Dictionary<string, string> row, string column) => int.Parse(row[column], CultureInfo.InvariantCulture);

    private Dictionary<string, string> Row(List<Dictionary<string, string>> rows, string name) =>
        rows.Single(r => r["Número"] == month.Number(name));

    private async Task<byte[]> CsvBytesAsync()
    {
        using var output = new MemoryStream();
        await month.Host.Get<MonthlyCasesCsv>().WriteAsync(November, output, CancellationToken.None);
        return output.ToArray();
    }

    private async Task<List<Dictionary<string, string>>> CsvAsync()
    {
        var rows = new List<string[]>();
        using (var reader = CsvReader.Create(await CsvBytesAsync(), new CsvReaderOptions { Separator = ';', HasHeader = false }))
        {
            while (reader.Read())
            {
                rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
            }
        }

        rows[0].Should().Equal(MonthlyCasesCsv.Header);
        return rows.Skip(1).Select(r => MonthlyCasesCsv.Header.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    private byte[] Render(MonthlyReport report)
    {
        using var output = new MemoryStream();
        month.Host.Get<MonthlyReportPdf>().Render(report, MonthlyReportPdfTests.Branding, Coordinator, output);
        return output.ToArray();
    }

    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join(" ", document.GetPages().Select(p => Spaces().Replace(ContentOrderTextExtractor.GetText(p), " ")));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
