using System.Text;
using CsvHelper;
using MesaServicio.Core.Reports;
using static MesaServicio.Tests.Reports.NovemberMonthFixture;

namespace MesaServicio.Tests.Reports;

public sealed class MonthlyCasesCsvTests(NovemberMonthFixture month) : IClassFixture<NovemberMonthFixture>
{
    [Fact]
    public async Task The_CSV_is_UTF8_with_BOM_semicolon_separated_one_row_per_case_in_es_CO()
    {
        var bytes = await WriteAsync();
        MonthlyReportPdfTests.SaveArtifact("casos-2026-11.csv", bytes);

        bytes.Take(3).Should().Equal([0xEF, 0xBB, 0xBF], "Excel reads UTF-8 only with a BOM");
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        text.Should().StartWith("Número;Radicado;Radicado en el mes;Tipo;Grupo de categorías;Categoría;Nivel especializado;Asunto;");

        var rows = Parse(bytes);
        rows[0].Should().Equal(MonthlyCasesCsv.Header);
        var cases = rows.Skip(1).ToDictionary(r => r[0]);
        cases.Keys.Should().Equal(
            new[] { "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "C10", "C11", "C13", "C14", "C12" }.Select(month.Number),
            "one row per case of November, in order of reception; October's are not in it");

        var c2 = Row(cases, "C2");
        c2["Radicado"].Should().Be("03/11/2026 08:00");
        c2["Tipo"].Should().Be("Incidencia");
        c2["Grupo de categorías"].Should().Be("Mesa de ayuda de primer nivel");
        c2["Categoría"].Should().Be("Impresoras y escáneres");
        c2["Canal"].Should().Be("Agente");
        c2["Prioridad"].Should().Be("Media");
        c2["Estado"].Should().Be("Cerrado");
        c2["Responsable"].Should().Be("Diana Marcela Torres");
        c2["Radicado en el mes"].Should().Be("Sí");
        c2["Nivel especializado"].Should().Be("No");
        c2["Vence atención"].Should().Be("03/11/2026 12:00");
        c2["Primera acción"].Should().Be("03/11/2026 13:00");
        c2["Primera atención dentro del ANS"].Should().Be("No");
        c2["Cuenta en la primera atención del mes"].Should().Be("Sí");
        c2["Horas hábiles hasta la primera acción"].Should().Be("5,00");
        c2["Vence solución"].Should().Be("06/11/2026 15:00", "2 business days moved by the 7 h in the survey window");
        c2["Resuelto"].Should().Be("05/11/2026 09:00");
        c2["Horas hábiles hasta la solución"].Should().Be("12,00");
        c2["Solución dentro del ANS"].Should().Be("Sí");
        c2["Cuenta en el indicador 7 del mes"].Should().Be("No", "C2 is a first-level case");
        c2["Resultado del cierre"].Should().Be("Satisfecho");
        c2["Cerrado"].Should().Be("06/11/2026 10:00");
        c2["Respuesta de la encuesta"].Should().BeEmpty("this fixture closes its cases without the survey form");

        Row(cases, "C1")["Primera atención dentro del ANS"].Should().Be("Sí");
        Row(cases, "C8")["Primera atención dentro del ANS"].Should().Be("No", "past due and not attended");
        Row(cases, "C11")["Primera atención dentro del ANS"].Should().Be("—", "a planned petición has no ANS");
        Row(cases, "C11")["Solución dentro del ANS"].Should().Be("—");
        Row(cases, "C12")["Primera atención dentro del ANS"].Should().Be("Pendiente");
        Row(cases, "C12")["Cuenta en la primera atención del mes"].Should().Be("No", "it falls due on 1 December");
        Row(cases, "C3")["Canal"].Should().Be("PQRS");
        Row(cases, "C3")["Motivo de rechazo"].Should().Be("Fuera del alcance de la mesa");
        Row(cases, "C3")["Resultado del cierre"].Should().Be("Cerrado sin respuesta");
        Row(cases, "C7")["Motivo de rechazo"].Should().Be("Información insuficiente");
        Row(cases, "C10")["Motivo de rechazo"].Should().Be("Duplicado");
        Row(cases, "C11")["Resultado del cierre"].Should().Be("Requiere un caso nuevo");
        Row(cases, "C4")["Nivel"].Should().Be("3");
        Row(cases, "C7")["Horas hábiles hasta la primera acción"].Should().Be("10,50");

        // Indicator 7 as the report reads it: the specialised C4 C5 C9 C14 attended in November, C5 and C14 within the
        // resolution ANS (C9 fell due on Fri 20 16:00, its 17 h of waiting added, and is still open); C8 (Nómina, apoyo)
        // falls due in December: specialised, pending, not counted.
        var indicator = cases.Keys.Select(n => Row(cases, n)).Where(r => r["Cuenta en el indicador 7 del mes"] == "Sí").ToList();
        indicator.Select(r => r["Número"]).Should().Equal(new[] { "C4", "C5", "C9", "C14" }.Select(month.Number));
        indicator.Should().OnlyContain(r => r["Nivel especializado"] == "Sí");
        indicator.Select(r => r["Solución dentro del ANS"]).Should().Equal("No", "Sí", "No", "Sí");
        Row(cases, "C9")["Vence solución"].Should().Be("20/11/2026 16:00");
        (indicator.Count, indicator.Count(r => r["Solución dentro del ANS"] == "Sí"))
            .Should().Be((month.Report.Indicator7.Measured, month.Report.Indicator7.Within)).And.Be((4, 2));
        Row(cases, "C8")["Nivel especializado"].Should().Be("Sí");
        Row(cases, "C8")["Solución dentro del ANS"].Should().Be("Pendiente");
        Row(cases, "C8")["Cuenta en el indicador 7 del mes"].Should().Be("No");

        // The same figure over all levels (9 of 11) and first attention (8 of 12) are recounted from the rows too.
        var rowsByNumber = cases.Keys.Select(n => Row(cases, n)).ToList();
        // (every row of this fixture is a November case: October's counted in October).
        rowsByNumber.Should().OnlyContain(r => r["Radicado en el mes"] == "Sí");
        var resolutionInMonth = rowsByNumber.Where(r => r["Solución dentro del ANS"] is "Sí" or "No").ToList();
        (resolutionInMonth.Count, resolutionInMonth.Count(r => r["Solución dentro del ANS"] == "Sí")).Should().Be((11, 9));
        var attention = rowsByNumber.Where(r => r["Cuenta en la primera atención del mes"] == "Sí").ToList();
        (attention.Count, attention.Count(r => r["Primera atención dentro del ANS"] == "Sí"))
            .Should().Be((month.Report.AttentionCompliance.Measured, month.Report.AttentionCompliance.Within)).And.Be((12, 8));
    }

    [Fact]
    public async Task A_subject_that_is_a_formula_comes_out_inert()
    {
        var rows = Parse(await WriteAsync());
        var c13 = rows.Single(r => r[0] == month.Number("C13"));
        c13[MonthlyCasesCsv.Header.ToList().IndexOf("Asunto")].Should().Be("'" + FormulaSubject, "a leading quote makes the spreadsheet show it as text");
        rows.SelectMany(r => r).Should().NotContain(cell => cell.Length > 0 && "=+-@\t\r".Contains(cell[0]));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")")]
    [InlineData("+57 300 123 4567", "'+57 300 123 4567")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("\uFF1DHYPERLINK(\"http://x\")", "'\uFF1DHYPERLINK(\"http://x\")")]
    [InlineData("\uFF0B57 300", "'\uFF0B57 300")]
    [InlineData("\uFF0D1", "'\uFF0D1")]
    [InlineData("\uFF20SUM(A1)", "'\uFF20SUM(A1)")]
    [InlineData("Correo = caído", "Correo = caído")]
    [InlineData("03/11/2026 08:00", "03/11/2026 08:00")]
    [InlineData("", "")]
    public void Cells_that_a_spreadsheet_would_evaluate_get_a_leading_quote(string cell, string expected) =>
        MonthlyCasesCsv.Neutralise(cell).Should().Be(expected);

    [Fact]
    public async Task The_CSV_streams_to_a_stream_that_cannot_seek()
    {
        using var buffer = new MemoryStream();
        await using (var forwardOnly = new ForwardOnlyStream(buffer))
        {
            await month.Host.Get<MonthlyCasesCsv>().WriteAsync(November, forwardOnly, CancellationToken.None);
        }

        Parse(buffer.ToArray()).Should().HaveCount(15);
    }

    private async Task<byte[]> WriteAsync()
    {
        using var output = new MemoryStream();
        await month.Host.Get<MonthlyCasesCsv>().WriteAsync(November, output, CancellationToken.None);
        return output.ToArray();
    }

    private static List<string[]> Parse(byte[] bytes)
    {
        var rows = new List<string[]>();
        using var reader = CsvReader.Create(bytes, new CsvReaderOptions { Separator = ';', HasHeader = false });
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }

        return rows;
    }

    private Dictionary<string, string> Row(Dictionary<string, string[]> cases, string name) =>
        MonthlyCasesCsv.Header.Zip(cases[name.StartsWith("MS-", StringComparison.Ordinal) ? name : month.Number(name)])
            .ToDictionary(p => p.First, p => p.Second);

    /// <summary>Like an HTTP response body: written forwards only.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
