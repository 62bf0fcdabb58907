using System.Globalization;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Reports;
using MesaServicio.Core.Reports.Pdf;
using MesaServicio.Core.Sla;
using MesaServicio.Core.Surveys;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace MesaServicio.Core.CaseFiles;

/// <summary>
/// Renders a <see cref="CaseFile"/> as a PDF for evidence (procedure activity 8), A4 portrait, with the
/// monthly report's building blocks: the entity's header on every page; the case's data and ANS; the
/// conversation (internal notes marked, when the reader may see them); every history line; the attachments
/// with their size and full SHA-256; and "Generado por … · Página N de M" stamped on every page. Texts wrap
/// and run across pages, tables repeat their header row, and all text is real text (searchable, extractable).
/// </summary>
public sealed class CaseFilePdf(IBusinessCalendarProvider calendars, TimeProvider time)
{
    /// <summary>The document's kind, as the header and the title say it.</summary>
    public const string DocumentTitle = "Expediente del caso";

    /// <summary>The download's file name, e.g. <c>expediente-MS-2026-000123.pdf</c>.</summary>
    public static string FileName(string caseNumber) => "expediente-" + caseNumber + ".pdf";

    /// <summary>Renders on a worker thread (the work is CPU-bound).</summary>
    public Task RenderAsync(CaseFile file, ReportBranding branding, Stream output, CancellationToken cancellationToken = default) =>
        Task.Run(() => Render(file, branding, output, cancellationToken), cancellationToken);

    /// <summary>Renders the PDF into <paramref name="output"/> (left open).</summary>
    public void Render(CaseFile file, ReportBranding branding, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(branding);
        ArgumentNullException.ThrowIfNull(output);
        ReportFontResolver.EnsureRegistered();

        var calendar = calendars.Current;
        var generatedAt = time.GetUtcNow();
        var theme = new ReportTheme();
        var number = file.Case.Number;

        using var document = new PdfDocument();
        document.Info.Title = DocumentTitle + " " + number;
        document.Info.Subject = "Copia para evidencia del expediente del caso " + number + ": datos, conversación, historial y archivos adjuntos";
        document.Info.Author = branding.EntityName + " — " + branding.Office;
        document.Info.Creator = branding.PortalName;

        XImage? logo = branding.LogoPng is { Length: > 0 } png ? XImage.FromStream(new MemoryStream(png, writable: false)) : null;
        try
        {
            using (var layout = new ReportLayout(document, theme, g => ReportHeader.Draw(g, theme, branding, DocumentTitle, number, logo)))
            {
                var writer = new Sections(layout, file, calendar, generatedAt);
                writer.Opening();
                writer.Data(cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                writer.Clocks(cancellationToken);
                writer.Conversation(cancellationToken);
                writer.History(cancellationToken);
                writer.Attachments(cancellationToken);
                writer.Visits(cancellationToken);
                writer.Closing();
            }

            var footer = "Generado por " + file.ReaderName.Trim() + " el " + ReportFormat.DateTime(generatedAt, calendar)
                + " · Copia del expediente para evidencia";
            ReportHeader.StampFooters(document, theme, footer);
            document.Save(output, closeStream: false);
        }
        finally
        {
            logo?.Dispose();
        }
    }

    /// <summary>The case file's sections, in reading order.</summary>
    private sealed class Sections(ReportLayout layout, CaseFile file, BusinessCalendar calendar, DateTimeOffset generatedAt)
    {
        private const string None = ReportFormat.NoData;

        private static readonly TableColumn[] FieldColumns =
        [
            new("", 18, Style: CellStyle.Strong),
            new("", 32),
            new("", 18, Style: CellStyle.Strong),
            new("", 32),
        ];

        private static readonly TableColumn[] SlaColumns =
        [
            new("ANS", 22),
            new("Meta", 14, XStringAlignment.Far),
            new("Fecha límite", 18),
            new("Tiempo usado", 14, XStringAlignment.Far),
            new("Resultado", 32),
        ];

        private static readonly TableColumn[] SurveyColumns =
        [
            new("Ronda", 7, XStringAlignment.Center),
            new("Respondida", 15),
            new("Medio", 10),
            new("¿Satisfecho?", 13),
            new("General", 10, XStringAlignment.Center),
            new("Oportunidad", 13, XStringAlignment.Center),
            new("Trato", 8, XStringAlignment.Center),
            new("Comentario", 24),
        ];

        private CaseDetails Case => file.Case;

        public void Opening()
        {
            layout.NewPage();
            var g = layout.Graphics;
            var t = layout.Theme;
            g.DrawString(DocumentTitle + " " + Case.Number, t.Title, ReportTheme.Brush(ReportTheme.Text), ReportLayout.Left, layout.Y, XStringFormats.TopLeft);
            layout.Y += 21;
            foreach (var line in layout.Wrap(Case.Subject, t.Heading, ReportLayout.Width))
            {
                g.DrawString(line, t.Heading, ReportTheme.Brush(ReportTheme.Blue), ReportLayout.Left, layout.Y, XStringFormats.TopLeft);
                layout.Y += 16;
            }

            layout.Y += 4;
            layout.Paragraph(
                "Copia del expediente del caso para evidencia de la gestión adelantada (procedimiento Gestión mesa de servicio, actividad 8: "
                + "verificar la conservación de la información). Reúne los datos del caso, la conversación, el historial completo de sus "
                + "cambios (quién, cuándo, qué, de qué estado a cuál) y la relación de sus archivos adjuntos con su huella SHA-256. "
                + "Información registrada en la herramienta con corte al " + ReportFormat.LongDateTime(generatedAt, calendar)
                + "; fechas y horas de Colombia.",
                color: ReportTheme.Muted, after: 4);
            layout.Paragraph(
                file.IncludesInternalNotes
                    ? "Incluye las notas internas de la mesa de servicio, que el usuario solicitante no ve: es un documento de uso interno."
                    : "Copia para el usuario solicitante: no incluye las notas internas de la mesa de servicio.",
                t.BodyBold, file.IncludesInternalNotes ? ReportTheme.Orange : ReportTheme.DarkBlue, after: 4);
        }

        public void Data(CancellationToken cancellationToken)
        {
            layout.Section("1. Datos del caso");
            var c = Case;
            var category = file.CategoryPath.Count > 0 ? string.Join(" › ", file.CategoryPath) : c.CategoryName;
            var filedBy = file.FiledByName is { } filer ? filer + " (a nombre del solicitante)" : "El solicitante";
            layout.TextTable(null, FieldColumns,
            [
                new(["Número", c.Number, "Estado", ReportFormat.Label(c.Status)]),
                new(["Tipo", ReportFormat.Label(c.Kind), "Canal", ReportFormat.Label(c.Channel)]),
                new(["Categoría", category, "Nivel de soporte", ReportFormat.LevelLabel(c.Level)]),
                new(["Prioridad", PriorityText(c.Priority), "Impacto / urgencia", ImpactText(c.Impact) + " / " + UrgencyText(c.Urgency)]),
                new(["Solicitante", c.RequesterName, "Registrado por", filedBy]),
                new(["Responsable", c.AssigneeName ?? "Sin asignar", "Resultado del cierre", c.CloseOutcome is { } o ? ReportFormat.Label(o) : None]),
                new(["Recibido", When(c.ReceivedAt), "Primera acción", When(file.FirstActionAt)]),
                new(["Resuelto", When(c.ResolvedAt), "Rechazado", When(file.RejectedAt)]),
                new(["Cerrado", When(file.ClosedAt), "Plazo de la encuesta", When(c.SurveyDueAt)]),
            ], header: false, cancellationToken);

            layout.TextTable("Acuerdo de nivel de servicio (ANS)", SlaColumns,
            [
                SlaRow("Atención (primera acción)", c.Attention),
                SlaRow("Solución", c.Resolution),
            ], cancellationToken: cancellationToken);
            layout.Paragraph(
                "Meta y tiempo usado en tiempo hábil del calendario de la entidad (sin fines de semana ni festivos). El reloj de solución se "
                + "detiene mientras el caso espera la respuesta del usuario solicitante.",
                layout.Theme.Small, ReportTheme.Muted, after: 8);

            Text("Descripción", c.Description);
            if (c.Solution is { } solution)
            {
                Text("Solución registrada", solution);
            }

            if (c.RejectionReason is { } reason)
            {
                var text = ReportFormat.Label(reason) + (c.DuplicateOfNumber is { } original ? " del caso " + original : "") + ".";
                Text("Motivo del rechazo", file.RejectionText is { Length: > 0 } detail ? text + "\n" + detail : text);
            }

            Survey(cancellationToken);
        }

        /// <summary>
        /// "Cómo se calculó el ANS": each clock in the staff's words of <see cref="ClockExplanationWriter"/> (the case
        /// page's own), whole: its facts, every span counted or skipped and why, the recomputations and the outcome.
        /// </summary>
        public void Clocks(CancellationToken cancellationToken)
        {
            var clocks = Case.Clocks?.All.ToList() ?? [];
            layout.Section("2. " + ClockExplanationWriter.SectionTitle, clocks.Count == 0 ? 20 : 120);
            if (clocks.Count == 0)
            {
                layout.Paragraph(ClockExplanationWriter.Text("Pdf.NoClocks"));
                return;
            }

            layout.Paragraph(Pdf(ClockExplanationWriter.SectionIntro), color: ReportTheme.Muted, after: 8);
            TableColumn[] facts = [new("", 22, Style: CellStyle.Strong), new("", 78)];
            var dateWidth = layout.Graphics.MeasureString("miércoles 30 de septiembre de 2026", layout.Theme.Small).Width + 10;
            var rest = ReportLayout.Width - dateWidth;
            TableColumn[] columns =
            [
                new(ClockExplanationWriter.Text("Column.Date"), dateWidth),
                new(ClockExplanationWriter.Text("Column.Range"), rest * 0.30),
                new(ClockExplanationWriter.Text("Column.Hours"), rest * 0.12, XStringAlignment.Far),
                new(ClockExplanationWriter.Text("Column.Why"), rest * 0.58),
            ];
            foreach (var explanation in clocks)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var text = ClockExplanationWriter.Write(explanation, calendar, plain: false);
                layout.Subheading(text.Title, 80);
                layout.TextTable(null, facts, [.. text.Facts.Select(f => new TableRow([Pdf(f.Label), Pdf(f.Text)]))], header: false, cancellationToken);
                layout.TextTable(null, columns,
                    [.. text.Lines.Select(l => new TableRow([Pdf(l.Date), Pdf(l.Range), Pdf(l.Hours), Pdf(l.Text)]))], cancellationToken: cancellationToken);
                foreach (var recomputation in text.Recomputations)
                {
                    layout.Paragraph(Pdf(recomputation), layout.Theme.Small, after: 3);
                }

                layout.TextTable(null, facts, [.. text.Outcome.Select(f => new TableRow([Pdf(f.Label), Pdf(f.Text)]))], header: false, cancellationToken);
                layout.Space(6);
            }
        }

        public void Conversation(CancellationToken cancellationToken)
        {
            layout.Section("3. Conversación");
            layout.Paragraph(
                file.IncludesInternalNotes
                    ? "Mensajes entre el usuario solicitante y la mesa de servicio, del más antiguo al más reciente. Las notas marcadas "
                        + "«Nota interna» solo las ve el personal de la mesa con un papel en el caso."
                    : "Mensajes entre el usuario solicitante y la mesa de servicio, del más antiguo al más reciente.",
                color: ReportTheme.Muted, after: 8);
            if (Case.Messages.Count == 0)
            {
                layout.Paragraph("El caso no tiene mensajes.");
                return;
            }

            var t = layout.Theme;
            var filesByMessage = file.Attachments.Where(a => a.CommentId is not null).ToLookup(a => a.CommentId!.Value);
            foreach (var message in Case.Messages)
            {
                cancellationToken.ThrowIfCancellationRequested();

                // The message's heading goes over to the next page with its first lines.
                layout.EnsureSpace(16 + (3 * t.Body.Size * 1.35));
                var g = layout.Graphics;
                var x = ReportLayout.Left;
                var author = message.AuthorName ?? GetCaseFile.DeskName;
                g.DrawString(author, t.BodyBold, ReportTheme.Brush(ReportTheme.Text), x, layout.Y, XStringFormats.TopLeft);
                x += g.MeasureString(author, t.BodyBold).Width;
                var meta = (message.FromRequester ? " (solicitante)" : "") + " · " + When(message.At);
                g.DrawString(meta, t.Body, ReportTheme.Brush(ReportTheme.Muted), x, layout.Y, XStringFormats.TopLeft);
                x += g.MeasureString(meta, t.Body).Width + 8;
                if (!message.IsInternal && message.Kind != CaseMessageKind.Comment)
                {
                    // What the desk's message is: a question, the reasons of a rejection, the solution...
                    var tag = DomainMessages.Get("Message.Kind." + message.Kind);
                    var width = g.MeasureString(tag, t.SmallBold).Width + 10;
                    g.DrawRoundedRectangle(ReportTheme.Brush(ReportTheme.Green), x, layout.Y - 0.5, width, 12, 5, 5);
                    g.DrawString(tag, t.SmallBold, ReportTheme.Brush(XColors.White), new XRect(x, layout.Y - 0.5, width, 12), XStringFormats.Center);
                }

                if (message.IsInternal)
                {
                    const string tag = "Nota interna";
                    var width = g.MeasureString(tag, t.SmallBold).Width + 10;
                    g.DrawRoundedRectangle(ReportTheme.Brush(ReportTheme.Orange), x, layout.Y - 0.5, width, 12, 5, 5);
                    g.DrawString(tag, t.SmallBold, ReportTheme.Brush(XColors.White), new XRect(x, layout.Y - 0.5, width, 12), XStringFormats.Center);
                }

                layout.Y += 14;
                var bar = message.IsInternal ? ReportTheme.Orange : message.FromRequester ? ReportTheme.Blue : ReportTheme.Green;
                layout.Paragraph(message.Text, indent: 10, bar: bar, after: 2);
                if (message.RelatedCaseNumber is { } original)
                {
                    layout.Paragraph("Caso original: " + original, t.Small, ReportTheme.Muted, after: 2, indent: 10);
                }

                var files = filesByMessage[message.Id].ToList();
                if (files.Count > 0)
                {
                    layout.Paragraph(
                        "Adjuntos: " + string.Join("; ", files.Select(f => f.FileName + " (" + f.SizeText + ")")),
                        t.Small, ReportTheme.Muted, after: 2, indent: 10);
                }

                layout.Space(7);
            }
        }

        public void History(CancellationToken cancellationToken)
        {
            layout.Section("4. Historial del caso");
            layout.Paragraph(
                "Registro de solo adición: cada cambio del caso queda como una línea que no se modifica ni se borra."
                + (file.IncludesInternalNotes ? "" : " Las líneas de las notas internas no se incluyen en esta copia."),
                color: ReportTheme.Muted, after: 8);
            var rows = Case.History.Select(h => new TableRow(
            [
                When(h.At),
                h.ActorName ?? GetCaseFile.DeskName,
                ActionText(h.Action),
                StatusChange(h.FromStatus, h.ToStatus),
                h.Detail ?? "",
            ])).ToList();

            // The date and time keep one line; the detail gets what is left.
            var dateWidth = layout.Graphics.MeasureString("00/00/0000 00:00", layout.Theme.Small).Width + 10;
            var rest = ReportLayout.Width - dateWidth;
            TableColumn[] columns =
            [
                new("Fecha y hora", dateWidth),
                new("Quién", rest * 0.19),
                new("Acción", rest * 0.245),
                new("Estado (de → a)", rest * 0.205),
                new("Detalle", rest * 0.36),
            ];
            layout.TextTable(null, columns, rows, cancellationToken: cancellationToken);
        }

        public void Attachments(CancellationToken cancellationToken)
        {
            // The title, the note and the table's first rows stay together.
            layout.Section("5. Archivos adjuntos", file.Attachments.Count == 0 ? 20 : 120);
            if (file.Attachments.Count == 0)
            {
                layout.Paragraph("El caso no tiene archivos adjuntos.");
                return;
            }

            layout.Paragraph(
                "Los archivos se conservan tal como se recibieron. Para comprobar que una copia es idéntica a la conservada, calcule su "
                + "huella SHA-256 (en Windows: certutil -hashfile archivo SHA256; en Linux: sha256sum archivo) y compárela con la de esta tabla.",
                color: ReportTheme.Muted, after: 8);

            // The hash keeps its whole line, so it can be copied and compared in one piece.
            var g = layout.Graphics;
            var hashWidth = g.MeasureString(new string('d', 64), layout.Theme.Tiny).Width + 10;
            var rest = ReportLayout.Width - hashWidth;
            TableColumn[] columns =
            [
                new("Archivo", rest * 0.40),
                new("Tamaño", rest * 0.22, XStringAlignment.Far),
                new("Subido por", rest * 0.38),
                new("SHA-256", hashWidth, Style: CellStyle.Fine),
            ];
            var rows = file.Attachments.Select(a => new TableRow(
            [
                a.FileName + (a.IsInternal ? "\n(de una nota interna)" : "") + (a.ContentRemoved ? "\n(retirado al anonimizar a quien lo subió; se conserva la huella)" : ""),
                a.Size < 1024 ? a.SizeText : a.SizeText + "\n" + a.Size.ToString("N0", ReportFormat.Culture) + " bytes",
                (a.UploadedByName ?? GetCaseFile.DeskName) + "\n" + When(a.UploadedAt),
                a.Sha256,
            ])).ToList();
            layout.TextTable(null, columns, rows, cancellationToken: cancellationToken);
        }

        /// <summary>The site visits to the dependencia (procedure activity 4): when, who, why, and once done the business time and findings.</summary>
        public void Visits(CancellationToken cancellationToken)
        {
            var visits = file.Visits ?? [];
            layout.Section("6. Visitas a la dependencia", visits.Count == 0 ? 20 : 120);
            if (visits.Count == 0)
            {
                layout.Paragraph("El caso no tiene visitas a la dependencia.");
                return;
            }

            layout.Paragraph(
                "Visitas programadas, reprogramadas, canceladas y realizadas. El tiempo hábil se cuenta con el calendario de la entidad "
                + "(sin fines de semana ni festivos).",
                color: ReportTheme.Muted, after: 8);
            TableColumn[] columns =
            [
                new("Estado", ReportLayout.Width * 0.12),
                new("Dependencia y fecha", ReportLayout.Width * 0.24),
                new("Personal", ReportLayout.Width * 0.18),
                new("Propósito", ReportLayout.Width * 0.2),
                new("Resultado", ReportLayout.Width * 0.26),
            ];
            var rows = visits.Select(v => new TableRow(
            [
                v.Status switch
                {
                    Core.Visits.SiteVisitStatus.Planned => "Programada",
                    Core.Visits.SiteVisitStatus.Done => "Realizada",
                    _ => "Cancelada",
                },
                v.Dependency + "\n" + (v.StartedAt is { } start && v.EndedAt is { } end
                    ? When(start) + " a " + When(end)
                    : When(v.ScheduledAt) + (v.RescheduleCount > 0 ? " (reprogramada)" : "")),
                string.Join(", ", v.Status == Core.Visits.SiteVisitStatus.Done ? v.Attendees : v.Staff),
                v.Purpose,
                v.Status switch
                {
                    Core.Visits.SiteVisitStatus.Done => "Tiempo hábil: " + Cases.Case.FormatDuration(v.BusinessTime ?? TimeSpan.Zero) + "\nHallazgos: " + v.Findings,
                    Core.Visits.SiteVisitStatus.Cancelled => "Motivo de la cancelación: " + v.CancelReason,
                    _ => None,
                },
            ])).ToList();
            layout.TextTable(null, columns, rows, cancellationToken: cancellationToken);
        }

        public void Closing()
        {
            layout.EnsureSpace(30);
            layout.Space(6);
            ReportLayout.DrawCell(layout.Graphics, "Fin del expediente del caso " + Case.Number, layout.Theme.SmallBold, ReportTheme.Muted,
                ReportLayout.Left, layout.Y, ReportLayout.Width, 14, XStringAlignment.Center);
            layout.Space(14);
        }

        private void Survey(CancellationToken cancellationToken)
        {
            if (file.SurveyAnswers.Count == 0)
            {
                layout.Subheading("Encuesta de satisfacción", 20);
                layout.Paragraph(
                    Case.SurveyDueAt is { } due
                        ? "Sin respuesta a la encuesta; el plazo para responder vence el " + ReportFormat.LongDateTime(due, calendar) + "."
                        : "Sin respuestas a la encuesta de satisfacción.");
                return;
            }

            var rows = file.SurveyAnswers.Select(a => new TableRow(
            [
                a.Round.ToString(CultureInfo.InvariantCulture),
                When(a.AnsweredAt),
                a.Channel == SurveyChannel.Link ? "Enlace del correo" : "Portal",
                a.Satisfied ? "Sí" : "No (novedad)",
                Score(a.Rating),
                Score(a.Timeliness),
                Score(a.Courtesy),
                a.Comment ?? "",
            ])).ToList();
            layout.TextTable("Encuesta de satisfacción", SurveyColumns, rows, cancellationToken: cancellationToken);
        }

        private void Text(string title, string text)
        {
            layout.Subheading(title, 24);
            layout.Paragraph(text, after: 8);
        }

        private TableRow SlaRow(string name, SlaReading reading) => reading.State == SlaState.None
            ? new TableRow([name, "Sin ANS", None, None, "No aplica"])
            : new TableRow(
            [
                name,
                ReportFormat.BusinessDuration(reading.Target),
                reading.DueAt is { } due ? When(due) : reading.Paused ? "En pausa" : None,
                ReportFormat.BusinessDuration(reading.Elapsed),
                SlaResult(reading),
            ]);

        /// <summary>es-CO's no-break spaces ("p. m.") as plain spaces: the PDF wraps at them no worse, and copies read plainly.</summary>
        private static string Pdf(string text) => text.Replace('\u202F', ' ').Replace('\u00A0', ' ');

        private string When(DateTimeOffset? instant) => instant is { } i ? ReportFormat.DateTime(i, calendar) : None;

        private static string SlaResult(SlaReading reading) => reading switch
        {
            { Completed: true, State: SlaState.Met } => "Cumplido",
            { Completed: true } => "Incumplido",
            { Paused: true, State: SlaState.Breached } => "Vencido; en pausa mientras espera al usuario",
            { Paused: true } => "En pausa mientras espera al usuario",
            { State: SlaState.Breached } => "Vencido, en curso",
            { State: SlaState.AtRisk } => "En curso, en riesgo (75 % usado)",
            _ => "En curso, a tiempo",
        };

        private static string Score(int score) => score.ToString(CultureInfo.InvariantCulture) + " de " + SurveyAnswer.MaxScore.ToString(CultureInfo.InvariantCulture);

        private static string PriorityText(CasePriority priority) =>
            ((int)priority).ToString(CultureInfo.InvariantCulture) + " – " + ReportFormat.Label(priority);

        private static string ImpactText(Impact impact) => impact switch
        {
            Impact.High => "Alto",
            Impact.Medium => "Medio",
            _ => "Bajo",
        };

        private static string UrgencyText(Urgency urgency) => urgency switch
        {
            Urgency.High => "Alta",
            Urgency.Medium => "Media",
            _ => "Baja",
        };

        private static string StatusChange(CaseStatus? from, CaseStatus? to) => (from, to) switch
        {
            ({ } f, { } t) when f != t => ReportFormat.Label(f) + " → " + ReportFormat.Label(t),
            (_, { } t) => ReportFormat.Label(t),
            _ => "",
        };
    }

    /// <summary>A history action in Spanish, as a sentence starts: "Escaló el caso".</summary>
    public static string ActionText(CaseAction action)
    {
        var text = DomainMessages.Get("History." + action);
        return text.Length == 0 ? action.ToString() : char.ToUpper(text[0], ReportFormat.Culture) + text[1..];
    }
}
