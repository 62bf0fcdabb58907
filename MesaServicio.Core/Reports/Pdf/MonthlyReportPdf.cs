using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace MesaServicio.Core.Reports.Pdf;

/// <summary>
/// Renders a <see cref="MonthlyReport"/> as the entity's official-looking PDF (A4 portrait): the entity's
/// header on every page, the figures in Spanish (es-CO), tables that break across pages with their header
/// row repeated, vector bar and line charts, and a footer "Generado por … el …" / "Página N de M" stamped
/// on every page once the page count is known (render, then stamp).
/// </summary>
public sealed class MonthlyReportPdf(IBusinessCalendarProvider calendars, TimeProvider time)
{
    /// <summary>Renders on a worker thread (the work is CPU-bound), for a screen that awaits it with progress.</summary>
    public Task RenderAsync(
        MonthlyReport report, ReportBranding branding, string generatedBy, Stream output,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Render(report, branding, generatedBy, output, progress, cancellationToken), cancellationToken);

    /// <summary>Renders the PDF into <paramref name="output"/> (left open).</summary>
    /// <param name="report">The computed report.</param>
    /// <param name="branding">The entity's header.</param>
    /// <param name="generatedBy">The name of the person generating it, printed in the footer.</param>
    /// <param name="output">Where the PDF is written.</param>
    /// <param name="progress">Percent done, 0–100.</param>
    /// <param name="cancellationToken">Checked between sections and table rows.</param>
    public void Render(
        MonthlyReport report, ReportBranding branding, string generatedBy, Stream output,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(branding);
        ArgumentException.ThrowIfNullOrWhiteSpace(generatedBy);
        ArgumentNullException.ThrowIfNull(output);
        ReportFontResolver.EnsureRegistered();

        var calendar = calendars.Current;
        var generatedAt = time.GetUtcNow();
        var theme = new ReportTheme();
        var monthName = ReportFormat.MonthName(report.Month);
        var step = 0;
        void Advance(int percent)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (percent > step)
            {
                step = percent;
                progress?.Report(percent);
            }
        }

        using var document = new PdfDocument();
        document.Info.Title = "Informe mensual de resultados — " + monthName;
        document.Info.Subject = "Mesa de servicio: volúmenes, indicador 7, ANS, escalamientos y encuesta de " + monthName;
        document.Info.Author = branding.EntityName + " — " + branding.Office;
        document.Info.Creator = branding.PortalName;

        XImage? logo = branding.LogoPng is { Length: > 0 } png ? XImage.FromStream(new MemoryStream(png, writable: false)) : null;
        try
        {
            using (var layout = new ReportLayout(document, theme, g => ReportHeader.Draw(
                g, theme, branding, "Informe mensual de resultados", ReportFormat.MonthTitle(report.Month), logo)))
            {
                var writer = new Sections(layout, report, calendar);
                Advance(1);
                writer.Opening();
                Advance(10);
                writer.Volumes(cancellationToken);
                Advance(35);
                writer.Indicator7(cancellationToken);
                Advance(50);
                writer.Times();
                Advance(55);
                writer.Breaches(p => Advance(55 + (p * 25 / 100)), cancellationToken);
                Advance(80);
                writer.Escalations();
                writer.Survey();
                Advance(88);
                writer.Trend();
                Advance(92);
            }

            var footer = "Generado por " + generatedBy.Trim() + " el " + ReportFormat.LongDateTime(generatedAt, calendar)
                + " · " + branding.PortalName;
            ReportHeader.StampFooters(document, theme, footer);
            Advance(95);
            document.Save(output, closeStream: false);
            Advance(100);
        }
        finally
        {
            logo?.Dispose();
        }
    }

    /// <summary>The report's sections, in reading order.</summary>
    private sealed class Sections(ReportLayout layout, MonthlyReport report, BusinessCalendar calendar)
    {
        private static readonly TableColumn[] VolumeColumns =
        [
            new("", 40),
            new("Radicados", 15, XStringAlignment.Far),
            new("Resueltos", 15, XStringAlignment.Far),
            new("Rechazados", 15, XStringAlignment.Far),
            new("Abiertos", 15, XStringAlignment.Far),
        ];

        private static readonly TableColumn[] IndicatorColumns =
        [
            new("", 40),
            new("Con ANS", 12, XStringAlignment.Far),
            new("A tiempo", 12, XStringAlignment.Far),
            new("No a tiempo", 12, XStringAlignment.Far),
            new("Pendientes", 12, XStringAlignment.Far),
            new("Indicador", 12, XStringAlignment.Far),
        ];

        public void Opening()
        {
            layout.NewPage();
            var g = layout.Graphics;
            var t = layout.Theme;
            g.DrawString("Informe mensual de resultados de la mesa de servicio", t.Title, ReportTheme.Brush(ReportTheme.Text),
                ReportLayout.Left, layout.Y, XStringFormats.TopLeft);
            layout.Y += 21;
            g.DrawString(ReportFormat.MonthTitle(report.Month), t.Heading, ReportTheme.Brush(ReportTheme.Blue),
                ReportLayout.Left, layout.Y, XStringFormats.TopLeft);
            layout.Y += 20;
            var lastDay = DateOnly.FromDateTime(calendar.ToLocal(report.To).DateTime).AddDays(-1);
            layout.Paragraph(
                "Casos radicados entre el " + ReportFormat.LongDate(report.Month.FirstDay) + " y el " + ReportFormat.LongDate(lastDay)
                + " (hora de Colombia). Estados, casos abiertos y relojes de ANS con corte al "
                + ReportFormat.LongDateTime(report.AsOf, calendar) + ". Tiempos en horas hábiles del calendario de la entidad.",
                color: ReportTheme.Muted, after: 10);

            var totals = report.Totals;
            var survey = report.Survey;
            layout.Figures(
            [
                (ReportFormat.Count(totals.Filed), "Radicados", "casos del mes", ReportTheme.Blue),
                (ReportFormat.Count(totals.Resolved), "Resueltos", Share(totals.Resolved, totals.Filed) + " del total", ReportTheme.Green),
                (ReportFormat.Count(totals.Rejected.Total), "Rechazados", Share(totals.Rejected.Total, totals.Filed) + " del total", ReportTheme.Orange),
                (ReportFormat.Count(totals.Open), "Abiertos", "aún en trámite", ReportTheme.Red),
                (ReportFormat.Percent(report.Indicator7.Percent), "Indicador 7",
                    ReportFormat.Count(report.Indicator7.Within) + " de " + ReportFormat.Count(report.Indicator7.Measured) + " con ANS", ReportTheme.Yellow),
                (ReportFormat.Percent(survey.SatisfiedPercent), "Satisfacción",
                    ReportFormat.Count(survey.Satisfied) + " de " + ReportFormat.Count(survey.Answered) + " respuestas", ReportTheme.DarkBlue),
            ]);
        }

        public void Volumes(CancellationToken cancellationToken)
        {
            layout.Section("1. Volúmenes del mes");
            var totals = report.Totals;
            layout.Table("Casos del mes por motivo de rechazo",
            [
                new("Motivo de rechazo", 60),
                new("Casos", 20, XStringAlignment.Far),
                new("% de los rechazados", 20, XStringAlignment.Far),
            ],
            [
                .. Enum.GetValues<RejectionReason>().Select(r => new TableRow(
                [
                    ReportFormat.Label(r), ReportFormat.Count(totals.Rejected.For(r)), Share(totals.Rejected.For(r), totals.Rejected.Total),
                ])),
                new TableRow(["Total rechazados", ReportFormat.Count(totals.Rejected.Total), Share(totals.Rejected.Total, totals.Rejected.Total)], RowStyle.Total),
            ]);

            var groups = report.VolumesBy(ReportDimension.CategoryGroup).Rows;
            ReportCharts.Bars(layout, "Casos radicados por grupo de categorías",
                groups.Select(r => new Bar(r.Label, r.Value.Filed, ReportFormat.Count(r.Value.Filed))).ToList(), ReportTheme.Blue);

            foreach (var dimension in new[] { ReportDimension.Kind, ReportDimension.Channel, ReportDimension.Priority, ReportDimension.Level, ReportDimension.CategoryGroup })
            {
                VolumeTable(dimension, report.VolumesBy(dimension).Rows, cancellationToken);
            }

            VolumeTable(ReportDimension.Category, WithGroupRows(report.VolumesBy(ReportDimension.Category).Rows), cancellationToken);
            VolumeTable(ReportDimension.Technician, report.VolumesBy(ReportDimension.Technician).Rows, cancellationToken);
        }

        public void Indicator7(CancellationToken cancellationToken)
        {
            layout.Section("2. Indicador 7 — Atención oportuna de incidencias y peticiones nivel especializado");
            layout.Paragraph(
                "Casos del mes atendidos dentro del ANS ÷ casos del mes con ANS de atención. Un caso se atiende dentro del ANS si su "
                + "primera acción (análisis, atención, rechazo, escalamiento, espera o solución) ocurre a más tardar en la fecha límite de "
                + "atención. Un caso sin atender con el plazo vencido cuenta como no oportuno; uno sin atender cuyo plazo aún no vence "
                + "queda pendiente y no entra en el cálculo.");
            var value = report.Indicator7;
            layout.EnsureSpace(24);
            var g = layout.Graphics;
            g.DrawString("Resultado del mes: " + ReportFormat.Percent(value.Percent), layout.Theme.Heading, ReportTheme.Brush(ReportTheme.DarkBlue),
                ReportLayout.Left, layout.Y, XStringFormats.TopLeft);
            layout.Y += 17;
            layout.Paragraph(
                ReportFormat.Count(value.Within) + " de " + ReportFormat.Count(value.Measured) + " casos atendidos a tiempo; "
                + ReportFormat.Count(value.NotWithin) + " no a tiempo; " + ReportFormat.Count(value.Pending)
                + (value.Pending == 1 ? " pendiente" : " pendientes") + " (plazo aún no vencido).",
                after: 8);

            ReportCharts.Bars(layout, "Indicador 7 por prioridad",
                report.Indicator7ByDimension(ReportDimension.Priority).Rows
                    .Where(r => r.Value.Percent is not null)
                    .Select(r => new Bar(r.Label, r.Value.Percent!.Value, ReportFormat.Percent(r.Value.Percent))).ToList(),
                ReportTheme.Yellow, axisMax: 100, tickText: t => ReportFormat.Percent(t).Replace(",0", "", StringComparison.Ordinal));

            foreach (var dimension in new[] { ReportDimension.CategoryGroup, ReportDimension.Priority, ReportDimension.Level })
            {
                IndicatorTable(dimension, report.Indicator7ByDimension(dimension).Rows, cancellationToken);
            }

            IndicatorTable(ReportDimension.Category, WithGroupRows(report.Indicator7ByDimension(ReportDimension.Category).Rows), cancellationToken);
            IndicatorTable(ReportDimension.Technician, report.Indicator7ByDimension(ReportDimension.Technician).Rows, cancellationToken);
        }

        public void Times()
        {
            layout.Section("3. Tiempos de atención y de solución (tiempo hábil)");
            layout.Table(null,
            [
                new("Medida", 46),
                new("Casos", 14, XStringAlignment.Far),
                new("Promedio", 20, XStringAlignment.Far),
                new("Percentil 90", 20, XStringAlignment.Far),
            ],
            [
                TimeRow("Tiempo hasta la primera acción", report.TimeToAttend),
                TimeRow("Tiempo hasta la solución (sin pausas)", report.TimeToResolve),
            ]);
            layout.Paragraph(
                "La solución descuenta el tiempo en espera de respuesta del usuario y el tiempo en encuesta de los casos reabiertos. "
                + "Percentil 90: el tiempo dentro del cual se atendió o resolvió el 90 % de los casos.",
                layout.Theme.Small, ReportTheme.Muted);
        }

        public void Breaches(Action<int> percentDone, CancellationToken cancellationToken)
        {
            var b = report.Breaches;
            layout.Section("4. Incumplimientos de ANS");
            var text = "Atención: " + Cases(b.AttentionCount) + " atendidos después de la fecha límite o aún sin atender con el plazo vencido. "
                + "Solución: " + Cases(b.ResolutionCount) + " con el tiempo de solución (sin pausas) por encima del ANS.";
            if (b.AttentionCount > b.Attention.Count || b.ResolutionCount > b.Resolution.Count)
            {
                text += " Se listan los " + ReportFormat.Count(b.ListLimit) + " de mayor retraso de cada tipo; el archivo CSV del mes tiene todos los casos.";
            }

            layout.Paragraph(text);
            var total = Math.Max(1, b.Attention.Count + b.Resolution.Count);
            BreachTable("Incumplimientos del ANS de atención", "Atendido", "Sin atender", b.Attention, r => percentDone(r * 100 / total), cancellationToken);
            BreachTable("Incumplimientos del ANS de solución", "Resuelto", "Sin resolver", b.Resolution,
                r => percentDone((b.Attention.Count + r) * 100 / total), cancellationToken);
        }

        public void Escalations()
        {
            var e = report.Escalations;
            layout.Section("5. Escalamientos");
            layout.Paragraph(ReportFormat.Count(e.Total) + " escalamientos en " + Cases(e.CasesEscalated) + ".");
            if (e.Paths.Count > 0)
            {
                layout.Table(null,
                [
                    new("Ruta", 70),
                    new("Escalamientos", 15, XStringAlignment.Far),
                    new("% del total", 15, XStringAlignment.Far),
                ],
                [
                    .. e.Paths.Select(p => new TableRow([p.Label, ReportFormat.Count(p.Count), Share(p.Count, e.Total)])),
                    new TableRow(["Total", ReportFormat.Count(e.Total), Share(e.Total, e.Total)], RowStyle.Total),
                ]);
            }
        }

        public void Survey()
        {
            var s = report.Survey;
            layout.Section("6. Encuesta de satisfacción y novedades");
            var columns = new TableColumn[] { new("Concepto", 70), new("Casos", 15, XStringAlignment.Far), new("%", 15, XStringAlignment.Far) };
            layout.Table("Encuesta", columns,
            [
                new(["Casos cerrados", ReportFormat.Count(s.Closed), ""]),
                new(["Respondieron la encuesta (tasa de respuesta)", ReportFormat.Count(s.Answered), ReportFormat.Percent(s.ResponseRate)]),
                new(["Satisfechos (de quienes respondieron)", ReportFormat.Count(s.Satisfied), ReportFormat.Percent(s.SatisfiedPercent)]),
                new(["Cerrados sin respuesta", ReportFormat.Count(s.NoAnswer), Share(s.NoAnswer, s.Closed)]),
                new(["Encuesta en curso (resueltos o rechazados aún sin cerrar)", ReportFormat.Count(s.AwaitingAnswer), ""]),
            ]);
            layout.Table("Novedades (respuestas «no satisfecho») y qué se hizo", columns,
            [
                new(["Reabiertos: se amplió la solución", ReportFormat.Count(s.Reopened), Share(s.Reopened, s.Novedades)]),
                new(["Cerrados: el usuario debe radicar un caso nuevo", ReportFormat.Count(s.NewCaseRequired), Share(s.NewCaseRequired, s.Novedades)]),
                new(["Cerrados: no hay solución adicional", ReportFormat.Count(s.NoFurtherSolution), Share(s.NoFurtherSolution, s.Novedades)]),
                new(["En decisión del técnico", ReportFormat.Count(s.AwaitingDecision), Share(s.AwaitingDecision, s.Novedades)]),
                new(["Novedades reportadas", ReportFormat.Count(s.Novedades), Share(s.Novedades, s.Novedades)], RowStyle.Total),
            ]);
        }

        public void Trend()
        {
            layout.Section("7. Comparación con los meses anteriores");
            var trend = report.Trend;
            var labels = trend.Select(t => ReportFormat.ShortMonth(t.Month)).ToList();
            ReportCharts.Lines(layout, "Casos radicados y resueltos", labels,
            [
                new Series("Radicados", trend.Select(t => (double?)t.Filed).ToList(), ReportTheme.Blue),
                new Series("Resueltos", trend.Select(t => (double?)t.Resolved).ToList(), ReportTheme.Green),
            ], v => ReportFormat.Count((int)Math.Round(v)), v => ReportFormat.Count((int)Math.Round(v)));
            ReportCharts.Lines(layout, "Indicador 7 y satisfacción (%)", labels,
            [
                new Series("Indicador 7", trend.Select(t => t.Indicator7Percent).ToList(), ReportTheme.DarkBlue),
                new Series("Satisfechos", trend.Select(t => t.SatisfiedPercent).ToList(), ReportTheme.Orange),
            ], v => v.ToString("0", ReportFormat.Culture) + " %", v => ReportFormat.Percent(v), axisMax: 100);
            layout.Table("Meses",
            [
                new("Mes", 28),
                new("Radicados", 18, XStringAlignment.Far),
                new("Resueltos", 18, XStringAlignment.Far),
                new("Indicador 7", 18, XStringAlignment.Far),
                new("Satisfechos", 18, XStringAlignment.Far),
            ],
            trend.Select((t, i) => new TableRow(
            [
                ReportFormat.MonthTitle(t.Month), ReportFormat.Count(t.Filed), ReportFormat.Count(t.Resolved),
                ReportFormat.Percent(t.Indicator7Percent), ReportFormat.Percent(t.SatisfiedPercent),
            ], i == trend.Count - 1 ? RowStyle.Total : RowStyle.Normal)).ToList());
        }

        private void VolumeTable(ReportDimension dimension, IReadOnlyList<TableRow> rows, CancellationToken cancellationToken)
        {
            var totals = report.Totals;
            var columns = VolumeColumns.ToArray();
            columns[0] = columns[0] with { Title = ReportFormat.Label(dimension) };
            layout.Table("Por " + ReportFormat.Label(dimension).ToLower(ReportFormat.Culture), columns,
            [
                .. rows,
                new TableRow(["Total", ReportFormat.Count(totals.Filed), ReportFormat.Count(totals.Resolved),
                    ReportFormat.Count(totals.Rejected.Total), ReportFormat.Count(totals.Open)], RowStyle.Total),
            ], cancellationToken: cancellationToken);
        }

        private void VolumeTable(ReportDimension dimension, IReadOnlyList<BreakdownRow<VolumeCounts>> rows, CancellationToken cancellationToken) =>
            VolumeTable(dimension, rows.Select(VolumeRow).ToList(), cancellationToken);

        private void VolumeTable(ReportDimension dimension, IEnumerable<(BreakdownRow<VolumeCounts>? Row, string? Group)> rows, CancellationToken cancellationToken) =>
            VolumeTable(dimension, rows.Select(r => r.Row is { } row ? VolumeRow(row) : new TableRow([r.Group!], RowStyle.Group)).ToList(), cancellationToken);

        private static TableRow VolumeRow(BreakdownRow<VolumeCounts> r) => new(
        [
            r.Label, ReportFormat.Count(r.Value.Filed), ReportFormat.Count(r.Value.Resolved),
            ReportFormat.Count(r.Value.Rejected.Total), ReportFormat.Count(r.Value.Open),
        ]);

        private void IndicatorTable(ReportDimension dimension, IReadOnlyList<TableRow> rows, CancellationToken cancellationToken)
        {
            var total = report.Indicator7;
            var columns = IndicatorColumns.ToArray();
            columns[0] = columns[0] with { Title = ReportFormat.Label(dimension) };
            layout.Table("Indicador 7 por " + ReportFormat.Label(dimension).ToLower(ReportFormat.Culture), columns,
            [
                .. rows,
                new TableRow(["Total", ReportFormat.Count(total.WithAns), ReportFormat.Count(total.Within), ReportFormat.Count(total.NotWithin),
                    ReportFormat.Count(total.Pending), ReportFormat.Percent(total.Percent)], RowStyle.Total),
            ], cancellationToken: cancellationToken);
        }

        private void IndicatorTable(ReportDimension dimension, IReadOnlyList<BreakdownRow<IndicatorValue>> rows, CancellationToken cancellationToken) =>
            IndicatorTable(dimension, rows.Select(IndicatorRow).ToList(), cancellationToken);

        private void IndicatorTable(ReportDimension dimension, IEnumerable<(BreakdownRow<IndicatorValue>? Row, string? Group)> rows, CancellationToken cancellationToken) =>
            IndicatorTable(dimension, rows.Select(r => r.Row is { } row ? IndicatorRow(row) : new TableRow([r.Group!], RowStyle.Group)).ToList(), cancellationToken);

        private static TableRow IndicatorRow(BreakdownRow<IndicatorValue> r) => new(
        [
            r.Label, ReportFormat.Count(r.Value.WithAns), ReportFormat.Count(r.Value.Within), ReportFormat.Count(r.Value.NotWithin),
            ReportFormat.Count(r.Value.Pending), ReportFormat.Percent(r.Value.Percent),
        ]);

        /// <summary>Sub-category rows with a heading row before each group's first one.</summary>
        private static IEnumerable<(BreakdownRow<T>? Row, string? Group)> WithGroupRows<T>(IReadOnlyList<BreakdownRow<T>> rows)
        {
            string? current = null;
            foreach (var row in rows)
            {
                var group = row.Group ?? row.Label;
                if (group != current)
                {
                    current = group;
                    yield return (null, group);
                }

                if (row.Group is not null)
                {
                    yield return (row, null);
                }
                else
                {
                    // A case filed on the group itself: shown under its heading as "(el grupo)".
                    yield return (row with { Label = "(directamente en el grupo)" }, null);
                }
            }
        }

        private void BreachTable(
            string caption, string doneTitle, string notDone, IReadOnlyList<SlaBreach> rows, Action<int> rowDone, CancellationToken cancellationToken)
        {
            if (rows.Count == 0)
            {
                layout.Subheading(caption, keepWith: 14);
                layout.Paragraph("Ninguno.", after: 8);
                return;
            }

            layout.Table(caption,
            [
                new("Número", 66),
                new("Asunto", 100),
                new("Categoría", 82),
                new("Prioridad", 46),
                new("Responsable", 77),
                new("Vencía", 67),
                new(doneTitle, 67),
            ],
            rows.Select(b => new TableRow(
            [
                b.Number, b.Subject, b.Category, ReportFormat.Label(b.Priority), b.Assignee,
                ReportFormat.DateTime(b.DueAt, calendar), b.DoneAt is { } done ? ReportFormat.DateTime(done, calendar) : notDone,
            ])).ToList(), compact: true, rowDone, cancellationToken);
        }

        private static TableRow TimeRow(string label, TimeStatistics stats) => new(
        [
            label, ReportFormat.Count(stats.Count), ReportFormat.BusinessDuration(stats.Mean), ReportFormat.BusinessDuration(stats.Percentile90),
        ]);

        private static string Cases(int n) => ReportFormat.Count(n) + (n == 1 ? " caso" : " casos");

        private static string Share(int part, int whole) => whole == 0 ? ReportFormat.NoData : ReportFormat.Percent(100.0 * part / whole);
    }
}
