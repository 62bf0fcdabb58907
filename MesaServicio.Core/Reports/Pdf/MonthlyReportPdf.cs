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
                writer.LegalTerms(cancellationToken);
                Advance(80);
                writer.Escalations();
                writer.Survey();
                writer.Scores(cancellationToken);
                writer.ImprovementActions(cancellationToken);
                writer.Problems();
                Advance(88);
                writer.Trend();
                writer.Knowledge(cancellationToken);
                writer.SiteVisits();
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
            new("", 46),
            new("Atendidos", 13.5, XStringAlignment.Far),
            new("Oportunos", 13.5, XStringAlignment.Far),
            new("Fuera del ANS", 13.5, XStringAlignment.Far),
            new("Indicador", 13.5, XStringAlignment.Far),
        ];

        private static readonly TableColumn[] ScoreColumns =
        [
            new("", 46),
            new("Respuestas", 13.5, XStringAlignment.Far),
            new("General", 13.5, XStringAlignment.Far),
            new("Oportunidad", 13.5, XStringAlignment.Far),
            new("Trato digno", 13.5, XStringAlignment.Far),
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
                "Del " + ReportFormat.LongDate(report.Month.FirstDay) + " al " + ReportFormat.LongDate(lastDay) + " (hora de Colombia). "
                + (report.AsOf < report.To ? "Cifras parciales, al " : "Cifras con corte al ") + ReportFormat.LongDateTime(report.AsOf, calendar) + ". "
                + "Los volúmenes cuentan los casos radicados en el mes; el cumplimiento, los casos atendidos en el mes (solución o rechazo "
                + "registrado en él, más los abiertos cuyo ANS venció en él); las calificaciones, las respuestas a la encuesta dadas en el mes. "
                + "Tiempos en horas hábiles del calendario de la entidad.",
                color: ReportTheme.Muted, after: 10);

            var totals = report.Totals;
            var scores = report.Scores;
            layout.Figures(
            [
                (ReportFormat.Percent(report.Indicator7.Percent), "Indicador 7 (especializado)",
                    "Meta " + ReportFormat.Target(report.Indicator7Target) + " · " + ReportFormat.Label(report.Indicator7Light), LightColor(report.Indicator7Light)),
                (ReportFormat.Percent(report.Indicator7AllLevels.Percent), "Todos los niveles",
                    ReportFormat.Count(report.Indicator7AllLevels.Within) + " de " + ReportFormat.Count(report.Indicator7AllLevels.Measured) + " atendidos", ReportTheme.DarkBlue),
                (ReportFormat.Percent(report.AttentionCompliance.Percent), "Primera atención",
                    ReportFormat.Count(report.AttentionCompliance.Within) + " de " + ReportFormat.Count(report.AttentionCompliance.Measured) + " a tiempo", ReportTheme.Yellow),
                (ReportFormat.Percent(scores.SatisfiedPercent), "Satisfacción",
                    ReportFormat.Count(scores.Satisfied) + " de " + ReportFormat.Count(scores.Answered) + " respuestas", ReportTheme.Green),
            ]);
            layout.Figures(
            [
                (ReportFormat.Count(totals.Filed), "Radicados", "casos del mes", ReportTheme.Blue),
                (ReportFormat.Count(totals.Resolved), "Resueltos", Share(totals.Resolved, totals.Filed) + " de los radicados", ReportTheme.Green),
                (ReportFormat.Count(totals.Rejected.Total), "Rechazados", Share(totals.Rejected.Total, totals.Filed) + " de los radicados", ReportTheme.Orange),
                (ReportFormat.Count(totals.Open), "Abiertos", "aún en trámite", ReportTheme.Red),
            ]);
            if (totals.Filed == 0 && report.Indicator7AllLevels.WithAns == 0 && scores.Answered == 0)
            {
                layout.Paragraph("En " + ReportFormat.MonthName(report.Month) + " no se radicó ni se atendió ningún caso, y nadie respondió la encuesta.");
            }
        }

        private static XColor LightColor(TrafficLight light) => light switch
        {
            TrafficLight.Green => ReportTheme.Green,
            TrafficLight.Amber => ReportTheme.Yellow,
            TrafficLight.Red => ReportTheme.Red,
            _ => ReportTheme.Muted,
        };

        public void Volumes(CancellationToken cancellationToken)
        {
            layout.Section("1. Volúmenes — casos radicados en el mes");
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
            layout.Section("2. " + Indicator7Text.Name);
            layout.Paragraph(Indicator7Text.Definition);
            layout.Paragraph(Indicator7Text.AttendedPopulation, layout.Theme.Small, ReportTheme.Muted);
            var value = report.Indicator7;
            layout.EnsureSpace(24);
            var g = layout.Graphics;
            g.DrawString("Resultado del mes: " + ReportFormat.Percent(value.Percent) + " — " + ReportFormat.Label(report.Indicator7Light)
                + " (meta " + ReportFormat.Target(report.Indicator7Target) + ")", layout.Theme.Heading, ReportTheme.Brush(report.Indicator7Light == TrafficLight.None ? ReportTheme.DarkBlue : LightColor(report.Indicator7Light)),
                ReportLayout.Left, layout.Y, XStringFormats.TopLeft);
            layout.Y += 17;
            layout.Paragraph(Indicator7Text.Formula(report), after: 4);
            layout.Paragraph(
                "Semáforo: verde si alcanza la meta; ámbar hasta " + ReportFormat.Count((int)ReportSettings.AmberBand)
                + " puntos por debajo; rojo más abajo." + (value.Pending > 0
                    ? " " + ReportFormat.Count(value.Pending) + (value.Pending == 1 ? " caso vence" : " casos vencen") + " más adelante en el mes y aún no cuenta."
                    : ""),
                layout.Theme.Small, ReportTheme.Muted, after: 8);

            layout.Table("Indicador 7 y cifras de cumplimiento — casos atendidos en el mes",
            [
                new("Cifra", 46),
                new("Atendidos", 13.5, XStringAlignment.Far),
                new("Oportunos", 13.5, XStringAlignment.Far),
                new("Fuera del ANS", 13.5, XStringAlignment.Far),
                new("Porcentaje", 13.5, XStringAlignment.Far),
            ],
            [
                ComplianceRow("Indicador 7 — nivel especializado (ANS de solución)", report.Indicator7),
                ComplianceRow("Mismo indicador, todos los niveles (ANS de solución)", report.Indicator7AllLevels),
                ComplianceRow("Primera atención, todos los niveles (ANS de atención)", report.AttentionCompliance),
            ]);

            ReportCharts.Bars(layout, "Indicador 7 por prioridad",
                report.Indicator7ByDimension(ReportDimension.Priority).Rows
                    .Where(r => r.Value.Percent is not null)
                    .Select(r => new Bar(r.Label, r.Value.Percent!.Value, ReportFormat.Percent(r.Value.Percent))).ToList(),
                ReportTheme.Yellow, axisMax: 100, tickText: t => ReportFormat.Percent(t).Replace(",0", "", StringComparison.Ordinal));

            foreach (var dimension in new[] { ReportDimension.CategoryGroup, ReportDimension.Priority, ReportDimension.Level, ReportDimension.TechnicianGroup })
            {
                IndicatorTable(dimension, report.Indicator7ByDimension(dimension).Rows, cancellationToken);
            }

            IndicatorTable(ReportDimension.Category, WithGroupRows(report.Indicator7ByDimension(ReportDimension.Category).Rows), cancellationToken);
            IndicatorTable(ReportDimension.Technician, report.Indicator7ByDimension(ReportDimension.Technician).Rows, cancellationToken);
        }

        public void Times()
        {
            layout.Section("3. Tiempos de atención y de solución (tiempo hábil) — casos atendidos en el mes");
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
            layout.Section("4. Incumplimientos de ANS — casos atendidos en el mes");
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

        public void LegalTerms(CancellationToken cancellationToken)
        {
            layout.Section("5. " + LegalTermText.Title + " — " + LegalTermText.Population);
            if (report.LegalTerms is not { } terms)
            {
                layout.Paragraph(LegalTermText.NotMeasured);
                return;
            }

            layout.Paragraph(LegalTermText.Definition);
            layout.Paragraph(LegalTermText.PopulationRule, layout.Theme.Small, ReportTheme.Muted);
            var value = terms.Value;
            if (value.Measured == 0)
            {
                layout.Paragraph(LegalTermText.Empty(report.Month)
                    + (value.Pending > 0 ? " " + PendingPqrs(value.Pending) : ""), after: 8);
                return;
            }

            layout.EnsureSpace(24);
            layout.Graphics.DrawString("Resultado del mes: " + ReportFormat.Percent(value.Percent) + " — " + ReportFormat.Count(value.Within)
                + " de " + ReportFormat.Count(value.Measured) + " dentro del término legal", layout.Theme.Heading, ReportTheme.Brush(ReportTheme.DarkBlue),
                ReportLayout.Left, layout.Y, XStringFormats.TopLeft);
            layout.Y += 17;
            layout.Paragraph(LegalTermText.Formula(terms), after: 4);
            if (value.Pending > 0)
            {
                layout.Paragraph(PendingPqrs(value.Pending), layout.Theme.Small, ReportTheme.Muted);
            }

            layout.Table(null,
            [
                new("Cifra", 34),
                new("Atendidas", 16.5, XStringAlignment.Far),
                new("En término", 16.5, XStringAlignment.Far),
                new("Fuera de término", 16.5, XStringAlignment.Far),
                new("Porcentaje", 16.5, XStringAlignment.Far),
            ],
            [
                new TableRow([LegalTermText.Population, ReportFormat.Count(value.Measured), ReportFormat.Count(value.Within),
                    ReportFormat.Count(value.NotWithin), ReportFormat.Percent(value.Percent)]),
            ]);

            var caption = "PQRS fuera del término legal (" + ReportFormat.Count(value.NotWithin) + "); retraso en días hábiles";
            if (terms.Breaches.Count == 0)
            {
                layout.Subheading(caption, keepWith: 14);
                layout.Paragraph("Ninguna: todas las PQRS atendidas en el mes se respondieron dentro del término.", after: 8);
                return;
            }

            if (value.NotWithin > terms.Breaches.Count)
            {
                layout.Paragraph("Se listan las " + ReportFormat.Count(terms.Breaches.Count)
                    + " de mayor retraso; el archivo CSV del mes tiene todos los casos.", layout.Theme.Small, ReportTheme.Muted);
            }

            layout.Table(caption,
            [
                new("Número", 66),
                new("Asunto", 93),
                new("Modalidad", 78),
                new("Radicada", 67),
                new("Vencía", 67),
                new("Respondida", 67),
                new("Días de retraso", 67, XStringAlignment.Far),
            ],
            terms.Breaches.Select(b => new TableRow(
            [
                b.Number, b.Subject, ReportFormat.ShortLabel(b.Modality) + " · " + ReportFormat.Count(b.Days) + " días",
                ReportFormat.DateTime(b.FiledAt, calendar), ReportFormat.DateTime(b.DueAt, calendar),
                b.AnsweredAt is { } answered ? ReportFormat.DateTime(answered, calendar) : "Sin respuesta",
                LegalTermText.DaysLate(b.BusinessDaysLate),
            ])).ToList(), compact: true, cancellationToken: cancellationToken);
        }

        private static string PendingPqrs(int pending) =>
            ReportFormat.Count(pending) + (pending == 1 ? " PQRS vence" : " PQRS vencen") + " más adelante en el mes y aún no cuenta"
            + (pending == 1 ? "." : "n.");

        public void Escalations()
        {
            var e = report.Escalations;
            layout.Section("6. Escalamientos — casos radicados en el mes");
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
            layout.Section("7. Encuesta de satisfacción y novedades — casos radicados en el mes");
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

        public void Scores(CancellationToken cancellationToken)
        {
            var s = report.Scores;
            layout.Section("8. Calificaciones de la encuesta — respuestas dadas en el mes");
            layout.Paragraph(
                ReportFormat.Count(s.Answered) + (s.Answered == 1 ? " respuesta" : " respuestas") + "; tasa de respuesta "
                + ReportFormat.Percent(s.ResponseRate) + " (respuestas ÷ respuestas y encuestas vencidas sin respuesta); "
                + ReportFormat.Percent(s.SatisfiedPercent) + " dijo que la solución resolvió su necesidad. Escala de 1 (muy malo) a 5 (excelente).");
            layout.Table("Distribución de las calificaciones",
            [
                new("Pregunta", 37),
                new("1", 7, XStringAlignment.Far),
                new("2", 7, XStringAlignment.Far),
                new("3", 7, XStringAlignment.Far),
                new("4", 7, XStringAlignment.Far),
                new("5", 7, XStringAlignment.Far),
                new("Respuestas", 14, XStringAlignment.Far),
                new("Promedio", 14, XStringAlignment.Far),
            ],
            [
                DistributionRow("Calificación general de la atención", s.Rating),
                DistributionRow("Oportunidad de la atención", s.Timeliness),
                DistributionRow("Trato digno", s.Courtesy),
            ]);

            foreach (var dimension in new[] { ReportDimension.CategoryGroup, ReportDimension.Category, ReportDimension.TechnicianGroup, ReportDimension.Technician })
            {
                var rows = report.ScoresByDimension(dimension).Rows;
                if (rows.Count == 0)
                {
                    continue;
                }

                var columns = ScoreColumns.ToArray();
                columns[0] = columns[0] with { Title = ReportFormat.Label(dimension) };
                layout.Table("Calificaciones promedio por " + ReportFormat.Label(dimension).ToLower(ReportFormat.Culture), columns,
                    rows.Select(r => ScoreRow(r.Label, r.Value)).ToList(), cancellationToken: cancellationToken);
            }

            if (report.LowScores.Count == 0)
            {
                layout.Subheading("Calificaciones de 2 o menos, para seguimiento", keepWith: 14);
                layout.Paragraph("Ninguna respuesta del mes calificó con 2 o menos.", after: 8);
                return;
            }

            layout.Table("Calificaciones de 2 o menos, para seguimiento",
            [
                new("Caso", 68),
                new("Respondió", 66),
                new("Gen.", 28, XStringAlignment.Far),
                new("Op.", 28, XStringAlignment.Far),
                new("Trato", 30, XStringAlignment.Far),
                new("Técnico", 90),
                new("Comentario", 195),
            ],
            report.LowScores.Select(l => new TableRow(
            [
                l.Number, ReportFormat.DateTime(l.AnsweredAt, calendar), ReportFormat.Count(l.Rating), ReportFormat.Count(l.Timeliness),
                ReportFormat.Count(l.Courtesy), l.Technician, l.Comment ?? "—",
            ])).ToList(), compact: true, cancellationToken: cancellationToken);
        }

        private static TableRow DistributionRow(string label, ScoreDistribution scores) => new(
        [
            label, .. Enumerable.Range(1, 5).Select(i => ReportFormat.Count(scores.Of(i))), ReportFormat.Count(scores.Count), ReportFormat.Score(scores.Mean),
        ]);

        public void ImprovementActions(CancellationToken cancellationToken)
        {
            var actions = report.ImprovementActions;
            if (!report.Scope.IsAll)
            {
                return;
            }

            layout.Section("9. Acciones de mejora del mes");
            if (actions.IsEmpty)
            {
                layout.Paragraph("Ninguna acción de mejora se abrió, venció ni se cumplió en " + ReportFormat.MonthName(report.Month) + ".");
                return;
            }

            ActionTable("Abiertas en el mes", actions.Opened, cancellationToken);
            ActionTable("Con fecha límite en el mes", actions.Due, cancellationToken);
            ActionTable("Cumplidas en el mes", actions.Done, cancellationToken);
        }

        public void Problems()
        {
            if (report.Problems is not { } problems)
            {
                return;
            }

            layout.Section("10. Problemas del mes");
            layout.Paragraph(
                "Registrados: " + ReportFormat.Count(problems.Opened) + ". Errores conocidos (con solución temporal): " + ReportFormat.Count(problems.KnownErrors)
                + ". Resueltos: " + ReportFormat.Count(problems.Resolved) + ". Incidencias vinculadas a un problema: " + ReportFormat.Count(problems.IncidentsLinked)
                + ". Abiertos al cierre del mes: " + ReportFormat.Count(problems.OpenAtEnd) + ".");
        }

        private void ActionTable(string caption, IReadOnlyList<ReportImprovementAction> rows, CancellationToken cancellationToken)
        {
            caption += " (" + ReportFormat.Count(rows.Count) + ")";
            if (rows.Count == 0)
            {
                layout.Subheading(caption, keepWith: 14);
                layout.Paragraph("Ninguna.", after: 8);
                return;
            }

            layout.Table(caption,
            [
                new("Número", 62),
                new("Qué", 150),
                new("Origen", 90),
                new("Estado", 62),
                new("Responsable", 90),
                new("Fecha límite", 51),
            ],
            rows.Select(a => new TableRow(
            [
                a.Number, a.Title, a.Origin + (a.Cases.Count > 0 ? " (" + string.Join(", ", a.Cases) + ")" : ""),
                a.Status + (a.Overdue ? " · vencida" : ""), a.Responsible, ReportFormat.ShortDate(a.DueOn),
            ])).ToList(), compact: true, cancellationToken: cancellationToken);
        }

        /// <summary>The knowledge base in the month: articles used and cases avoided (the desk's report only).</summary>
        public void Knowledge(CancellationToken cancellationToken)
        {
            if (report.Knowledge is not { } knowledge)
            {
                return;
            }

            layout.Section("12. Base de conocimiento — usos en el mes");
            layout.Paragraph(
                "Artículos usados: " + ReportFormat.Count(knowledge.ArticlesUsed) + " (distintos, marcados «Esto resolvió mi necesidad» o aplicados a un caso). "
                + "Casos evitados: " + ReportFormat.Count(knowledge.CasesAvoided) + " (el usuario marcó útil un artículo y no registró el caso). "
                + "Aplicados por técnicos: " + ReportFormat.Count(knowledge.Applied) + ".");
            if (knowledge.TopArticles.Count == 0)
            {
                return;
            }

            layout.Table("Artículos más usados",
            [
                new("Artículo", 70),
                new("Casos evitados", 15, XStringAlignment.Far),
                new("Aplicados", 15, XStringAlignment.Far),
            ],
            knowledge.TopArticles.Select(a => new TableRow([a.Title, ReportFormat.Count(a.CasesAvoided), ReportFormat.Count(a.Applied)])).ToList(),
            compact: true, cancellationToken: cancellationToken);
        }

        /// <summary>The site visits done in the month (procedure activity 4), by dependencia, with their business time.</summary>
        public void SiteVisits()
        {
            layout.Section((report.Scope.IsAll ? "13" : "10") + ". Visitas a las dependencias — realizadas en el mes");
            if (report.SiteVisits is not { } visits)
            {
                layout.Paragraph("Este mes se cerró antes de que el informe contara las visitas a las dependencias.");
                return;
            }

            if (visits.Done == 0)
            {
                layout.Paragraph("No se registraron visitas realizadas en el mes.");
                return;
            }

            layout.Paragraph(ReportFormat.Count(visits.Done) + (visits.Done == 1 ? " visita realizada" : " visitas realizadas")
                + ", con " + ReportFormat.BusinessDuration(visits.BusinessTime) + " de tiempo hábil (calendario de la entidad).");
            layout.Table(null,
            [
                new("Dependencia", 60),
                new("Visitas", 15, XStringAlignment.Far),
                new("Tiempo hábil", 25, XStringAlignment.Far),
            ],
            [
                .. visits.ByDependency.Select(d => new TableRow([d.Dependency, ReportFormat.Count(d.Done), ReportFormat.BusinessDuration(d.BusinessTime)])),
                new TableRow(["Total", ReportFormat.Count(visits.Done), ReportFormat.BusinessDuration(visits.BusinessTime)], RowStyle.Total),
            ]);
        }

        public void Trend()
        {
            layout.Section((report.Scope.IsAll ? "11" : "9") + ". Comparación con los meses anteriores");
            var trend = report.Trend;
            var labels = trend.Select(t => ReportFormat.ShortMonth(t.Month)).ToList();
            ReportCharts.Lines(layout, "Casos radicados y resueltos", labels,
            [
                new Series("Radicados", trend.Select(t => (double?)t.Filed).ToList(), ReportTheme.Blue),
                new Series("Resueltos", trend.Select(t => (double?)t.Resolved).ToList(), ReportTheme.Green),
            ], v => ReportFormat.Count((int)Math.Round(v)), v => ReportFormat.Count((int)Math.Round(v)));
            ReportCharts.Lines(layout, "Indicador 7 y satisfacción (%)", labels,
            [
                new Series("Indicador 7 (especializado)", trend.Select(t => t.Indicator7Percent).ToList(), ReportTheme.DarkBlue),
                new Series("Satisfechos (respuestas del mes)", trend.Select(t => t.SatisfiedPercent).ToList(), ReportTheme.Orange),
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
                new TableRow(["Total", ReportFormat.Count(total.Measured), ReportFormat.Count(total.Within), ReportFormat.Count(total.NotWithin),
                    ReportFormat.Percent(total.Percent)], RowStyle.Total),
            ], cancellationToken: cancellationToken);
        }

        private void IndicatorTable(ReportDimension dimension, IReadOnlyList<BreakdownRow<IndicatorValue>> rows, CancellationToken cancellationToken) =>
            IndicatorTable(dimension, rows.Select(IndicatorRow).ToList(), cancellationToken);

        private void IndicatorTable(ReportDimension dimension, IEnumerable<(BreakdownRow<IndicatorValue>? Row, string? Group)> rows, CancellationToken cancellationToken) =>
            IndicatorTable(dimension, rows.Select(r => r.Row is { } row ? IndicatorRow(row) : new TableRow([r.Group!], RowStyle.Group)).ToList(), cancellationToken);

        private static TableRow IndicatorRow(BreakdownRow<IndicatorValue> r) => new(
        [
            r.Label, ReportFormat.Count(r.Value.Measured), ReportFormat.Count(r.Value.Within), ReportFormat.Count(r.Value.NotWithin),
            ReportFormat.Percent(r.Value.Percent),
        ]);

        private static TableRow ComplianceRow(string label, IndicatorValue value) => new(
        [
            label, ReportFormat.Count(value.Measured), ReportFormat.Count(value.Within), ReportFormat.Count(value.NotWithin), ReportFormat.Percent(value.Percent),
        ]);

        private static TableRow ScoreRow(string label, ScoreAverages value) => new(
        [
            label, ReportFormat.Count(value.Count), ReportFormat.Score(value.Rating), ReportFormat.Score(value.Timeliness), ReportFormat.Score(value.Courtesy),
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
