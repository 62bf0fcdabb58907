using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsvHelper;
using MesaServicio.Core.Reports;
using MesaServicio.Core.Reports.Closing;
using MesaServicio.Core.Reports.Pdf;
using MesaServicio.Core.Sla;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using static MesaServicio.Tests.Reports.PqrsLegalTermMonthFixture;

namespace MesaServicio.Tests.Reports;

/// <summary>
/// "PQRS respondidas dentro del término legal" (issue #16) in the month's report, its PDF and its CSV, against the
/// hand-computed figures of <see cref="PqrsLegalTermMonthFixture"/>; and a month frozen before the figure existed.
/// </summary>
public sealed partial class PqrsLegalTermReportTests(PqrsLegalTermMonthFixture month) : IClassFixture<PqrsLegalTermMonthFixture>
{
    [Fact]
    public void November_counts_the_PQRS_attended_in_it_once_each()
    {
        var terms = month.Report.LegalTerms;
        terms.Should().NotBeNull();
        terms!.Value.Should().Be(new IndicatorValue(5, 2, 0), "P1 and P2 within; P3, P4 and P9 not; P5 (October), P6 (running), P8 (suspended) and P7 (no term) outside");
        terms.Value.Percent.Should().BeApproximately(40.0, 1e-9);
        ReportFormat.Percent(terms.Value.Percent).Should().Be("40,0 %");
        LegalTermText.Formula(terms).Should().Be("PQRS respondidas dentro del término ÷ PQRS atendidas en el mes × 100 = 2 ÷ 5 × 100 = 40,0 %.");

        terms.Breaches.Select(b => b.Number).Should().Equal(month.Number("P3"), month.Number("P4"), month.Number("P9"));
        var p3 = terms.Breaches[0];
        p3.Should().Be(new LegalTermBreach(month.Number("P3"), "PQRS P3", PqrsModality.Documentos, 10, Nov(3, 9), Nov(18, 17), Nov(19, 10), 1));
        var p4 = terms.Breaches[1];
        (p4.Modality, p4.Days, p4.DueAt, p4.AnsweredAt, p4.BusinessDaysLate).Should().Be((PqrsModality.Peticion, 15, Nov(24, 17), (DateTimeOffset?)null, 7));
        var p9 = terms.Breaches[2];
        (p9.DueAt, p9.AnsweredAt, p9.BusinessDaysLate).Should().Be((Nov(27, 17), (DateTimeOffset?)Dec(1, 9), 2));
    }

    [Fact]
    public async Task A_month_without_PQRS_attended_says_so_and_the_PDF_too()
    {
        var december = await month.Host.Get<ComputeMonthlyReport>().HandleAsync(December, CancellationToken.None);
        december.LegalTerms!.Value.Should().Be(new IndicatorValue(0, 0, 0), "P9's late answer counts in November; P6 is due in January");
        december.LegalTerms.Breaches.Should().BeEmpty();

        var october = await month.Host.Get<ComputeMonthlyReport>().HandleAsync(new YearMonth(2026, 10), CancellationToken.None);
        october.LegalTerms!.Value.Should().Be(new IndicatorValue(1, 1, 0), "P5 was answered within its term in October");

        var text = Text(Render(december));
        text.Should().Contain("5. PQRS respondidas dentro del término legal — PQRS atendidas en el mes")
            .And.Contain("En diciembre de 2026 no se atendió ninguna PQRS con término legal.");
    }

    [Fact]
    public void The_PDF_has_the_figure_and_the_breaches_after_the_ANS_sections()
    {
        var text = Text(Render(month.Report));

        text.Should().Contain("5. PQRS respondidas dentro del término legal — PQRS atendidas en el mes");
        text.Should().Contain("Ley 1755 de 2015, art. 14");
        text.Should().Contain("Resultado del mes: 40,0 % — 2 de 5 dentro del término legal");
        text.Should().Contain("= 2 ÷ 5 × 100 = 40,0 %.");
        text.Should().Contain("Cifra Atendidas En término Fuera de término Porcentaje PQRS atendidas en el mes 5 2 3 40,0 %").And.NotContain("…");
        text.Should().Contain("PQRS fuera del término legal (3); retraso en días hábiles");
        text.Should().Contain(month.Number("P3") + " PQRS P3").And.Contain("Documentos · 10 días 03/11/2026 09:00 18/11/2026 17:00 19/11/2026 10:00 1");
        text.Should().Contain(month.Number("P4") + " PQRS P4").And.Contain("Petición · 15 días 30/10/2026 11:00 24/11/2026 17:00 Sin respuesta 7");
        text.Should().Contain(month.Number("P9") + " PQRS P9").And.Contain("12/11/2026 10:00 27/11/2026 17:00 01/12/2026 09:00 2");
        text.Should().NotContain(month.Number("P1") + " PQRS P1").And.NotContain(month.Number("P5") + " PQRS P5");

        // Numbered in order: the ANS breaches, then this section, then escalations.
        text.IndexOf("4. Incumplimientos de ANS", StringComparison.Ordinal).Should()
            .BeLessThan(text.IndexOf("5. PQRS respondidas", StringComparison.Ordinal));
        text.IndexOf("5. PQRS respondidas", StringComparison.Ordinal).Should()
            .BeLessThan(text.IndexOf("6. Escalamientos", StringComparison.Ordinal));
        text.Should().Contain("10. Problemas del mes").And.Contain("11. Comparación con los meses anteriores");
    }

    [Fact]
    public async Task The_CSV_has_the_legal_term_of_every_row_at_the_end_and_recounts_the_figure()
    {
        var rows = await CsvAsync();
        MonthlyCasesCsv.Header.TakeLast(4).Should().Equal("Modalidad PQRS", "Vencimiento legal", "Término legal", "Cuenta en el término legal del mes");
        MonthlyCasesCsv.Header.Take(3).Should().Equal("Número", "Radicado", "Radicado en el mes");

        string[] Cells(string name) =>
        [
            Row(rows, name)["Modalidad PQRS"], Row(rows, name)["Vencimiento legal"], Row(rows, name)["Término legal"],
            Row(rows, name)["Cuenta en el término legal del mes"],
        ];

        Cells("P1").Should().Equal("Petición", "04/11/2026 17:00", "dentro del término", "Sí");
        Cells("P2").Should().Equal("Documentos e información", "24/11/2026 17:00", "dentro del término", "Sí");
        Cells("P3").Should().Equal("Documentos e información", "18/11/2026 17:00", "fuera del término", "Sí");
        Cells("P4").Should().Equal("Petición", "24/11/2026 17:00", "fuera del término", "Sí");
        Cells("P9").Should().Equal("Documentos e información", "27/11/2026 17:00", "fuera del término", "Sí");
        Cells("P6")[2..].Should().Equal("en curso", "No");
        Cells("P6")[0].Should().Be("Consulta");
        Cells("P8")[2..].Should().Equal("suspendido (art. 17)", "No");
        Cells("P7").Should().Equal("", "", "sin término legal", "No");
        rows.Should().NotContain(r => r["Número"] == month.Number("P5"), "P5 counts in October and was filed then");

        // The figure recounted from the rows.
        var counted = rows.Where(r => r["Cuenta en el término legal del mes"] == "Sí").ToList();
        (counted.Count, counted.Count(r => r["Término legal"] == "dentro del término"))
            .Should().Be((month.Report.LegalTerms!.Value.Measured, month.Report.LegalTerms.Value.Within));
    }

    [Fact]
    public void The_CSV_injection_guard_covers_the_new_cells()
    {
        // Every cell goes through Neutralise; none of the new values starts like a formula, and one that did would be quoted.
        foreach (var value in new[] { "dentro del término", "fuera del término", "sin término legal", "en curso", "suspendido (art. 17)", "Petición", "Consulta" })
        {
            MonthlyCasesCsv.Neutralise(value).Should().Be(value);
        }

        MonthlyCasesCsv.Neutralise("-fuera").Should().Be("'-fuera");
    }

    [Fact]
    public void A_frozen_month_stored_before_the_figure_still_reads_and_says_it_was_not_measured()
    {
        var json = JsonNode.Parse(MonthlyReportJson.Serialize(month.Report))!.AsObject();
        json.ContainsKey("LegalTerms").Should().BeTrue("the figure is stored with a frozen month");
        json.Remove("LegalTerms");

        var old = MonthlyReportJson.Deserialize(json.ToJsonString());
        old.LegalTerms.Should().BeNull();
        old.Indicator7.Should().Be(month.Report.Indicator7, "the rest of the stored month reads as before");
        Text(Render(old)).Should().Contain("5. PQRS respondidas dentro del término legal")
            .And.Contain("Este mes se cerró antes de que el reporte midiera los términos legales de las PQRS");

        var back = MonthlyReportJson.Deserialize(MonthlyReportJson.Serialize(month.Report));
        back.LegalTerms.Should().BeEquivalentTo(month.Report.LegalTerms, o => o.WithStrictOrdering().ComparingRecordsByMembers());
        back.LegalTerms!.Value.Percent.Should().Be(month.Report.LegalTerms!.Value.Percent);
    }

    private Dictionary<string, string> Row(List<Dictionary<string, string>> rows, string name) =>
        rows.Single(r => r["Número"] == month.Number(name));

    private async Task<List<Dictionary<string, string>>> CsvAsync()
    {
        using var output = new MemoryStream();
        await month.Host.Get<MonthlyCasesCsv>().WriteAsync(November, output, CancellationToken.None);
        var rows = new List<string[]>();
        using (var reader = CsvReader.Create(output.ToArray(), new CsvReaderOptions { Separator = ';', HasHeader = false }))
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
        month.Host.Get<MonthlyReportPdf>().Render(report, MonthlyReportPdfTests.Branding, "Beatriz Elena Cárdenas", output);
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
