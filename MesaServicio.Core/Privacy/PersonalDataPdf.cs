using System.Globalization;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Reports;
using MesaServicio.Core.Reports.Pdf;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace MesaServicio.Core.Privacy;

/// <summary>
/// «Mis datos» as a PDF (A4, the reports' header and footer): the same content as the JSON export, for a person to
/// read, keep or hand in with a reclamo. All text is real text.
/// </summary>
public sealed class PersonalDataPdf(IBusinessCalendarProvider calendars)
{
    public const string DocumentTitle = "Mis datos personales";

    /// <summary>The download's name, e.g. <c>mis-datos-2026-12-06.pdf</c>.</summary>
    public static string FileName(DateTimeOffset generatedAt, string extension) =>
        "mis-datos-" + generatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "." + extension;

    public Task RenderAsync(PersonalDataReport report, ReportBranding branding, Stream output, CancellationToken cancellationToken = default) =>
        Task.Run(() => Render(report, branding, output, cancellationToken), cancellationToken);

    public void Render(PersonalDataReport report, ReportBranding branding, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(branding);
        ArgumentNullException.ThrowIfNull(output);
        ReportFontResolver.EnsureRegistered();
        var calendar = calendars.Current;
        var theme = new ReportTheme();
        using var document = new PdfDocument();
        document.Info.Title = DocumentTitle + " — " + report.Person.Name;
        document.Info.Subject = "Lo que la mesa de servicio tiene sobre una persona (Ley 1581 de 2012, art. 8)";
        document.Info.Author = branding.EntityName + " — " + branding.Office;
        document.Info.Creator = branding.PortalName;
        XImage? logo = branding.LogoPng is { Length: > 0 } png ? XImage.FromStream(new MemoryStream(png, writable: false)) : null;
        try
        {
            using (var layout = new ReportLayout(document, theme, g => ReportHeader.Draw(g, theme, branding, DocumentTitle, report.Person.Name, logo)))
            {
                Write(layout, report, calendar, cancellationToken);
            }

            ReportHeader.StampFooters(document, theme,
                "Generado para " + report.Person.Name + " el " + ReportFormat.DateTime(report.GeneratedAt, calendar) + " · Ley 1581 de 2012");
            document.Save(output, closeStream: false);
        }
        finally
        {
            logo?.Dispose();
        }
    }

    private static void Write(ReportLayout layout, PersonalDataReport report, BusinessCalendar calendar, CancellationToken cancellationToken)
    {
        string When(DateTimeOffset? instant) => instant is { } i ? ReportFormat.DateTime(i, calendar) : ReportFormat.NoData;
        layout.NewPage();
        layout.Graphics.DrawString(DocumentTitle, layout.Theme.Title, ReportTheme.Brush(ReportTheme.Text), ReportLayout.Left, layout.Y, XStringFormats.TopLeft);
        layout.Y += 24;
        layout.Paragraph(
            "Lo que la mesa de servicio de la entidad tiene sobre usted, con corte al " + ReportFormat.LongDateTime(report.GeneratedAt, calendar)
            + " (fechas y horas de Colombia). Usted tiene derecho a conocer, actualizar y rectificar sus datos (Ley 1581 de 2012, art. 8); "
            + "en «Mis datos» del portal puede presentar una consulta o un reclamo.",
            color: ReportTheme.Muted, after: 8);

        layout.Section("1. Sus datos");
        TableColumn[] fields = [new("", 28, Style: CellStyle.Strong), new("", 72)];
        var p = report.Person;
        layout.TextTable(null, fields,
        [
            new(["Nombre", p.Name]),
            new(["Correo electrónico", p.Email]),
            new(["Dependencia", p.Dependency ?? ReportFormat.NoData]),
            new(["Roles en la mesa", string.Join(", ", p.Roles)]),
            new(["Estado", p.IsActive ? "Activa" : "Desactivada"]),
            new(["Ingresa con", p.HasEntraAccount ? "Su cuenta institucional (Microsoft Entra ID)" : "No tiene cuenta en el portal"]),
        ], header: false, cancellationToken);

        layout.Section("2. Avisos de privacidad aceptados");
        Table(layout, report.Acceptances.Count, "No ha aceptado ningún aviso de privacidad.", [new("Versión", 20), new("Aceptado el", 80)],
            report.Acceptances.Select(a => new TableRow([a.Version.ToString(CultureInfo.InvariantCulture), When(a.AcceptedAt)])), cancellationToken);

        layout.Section("3. Sus casos");
        Table(layout, report.Cases.Count, "No tiene casos.",
            [new("Caso", 16), new("Recibido", 15), new("Estado", 14), new("Asunto y descripción", 55)],
            report.Cases.Select(c => new TableRow([c.Number, When(c.ReceivedAt), c.Status,
                c.Subject + "\n" + c.Description + (c.Solution is { } s ? "\nSolución: " + s : "")])), cancellationToken);

        layout.Section("4. Mensajes de sus casos");
        Table(layout, report.Messages.Count, "Sus casos no tienen mensajes.",
            [new("Caso", 16), new("Fecha", 15), new("Autor", 14), new("Mensaje", 55)],
            report.Messages.Select(m => new TableRow([m.CaseNumber, When(m.At), m.Author, m.Text])), cancellationToken);

        layout.Section("5. Sus respuestas a las encuestas de satisfacción");
        Table(layout, report.Surveys.Count, "No ha respondido encuestas.",
            [new("Caso", 16), new("Respondida", 15), new("¿Satisfecho?", 12), new("General / oportunidad / trato", 20), new("Comentario", 37)],
            report.Surveys.Select(s => new TableRow([s.CaseNumber, When(s.AnsweredAt), s.Satisfied ? "Sí" : "No",
                $"{s.Rating} / {s.Timeliness} / {s.Courtesy}", s.Comment ?? ReportFormat.NoData])), cancellationToken);

        layout.Section("6. Avisos que le dio el portal");
        Table(layout, report.Notices.Count, "El portal no le ha dado avisos.",
            [new("Fecha", 16), new("Caso", 16), new("Aviso", 50), new("Leído", 18)],
            report.Notices.Select(n => new TableRow([When(n.At), n.CaseNumber ?? ReportFormat.NoData, n.Text, When(n.ReadAt)])), cancellationToken);

        layout.Section("7. Archivos de sus casos");
        Table(layout, report.Files.Count, "Sus casos no tienen archivos.",
            [new("Caso", 16), new("Archivo", 30), new("Subido", 15), new("Por", 12), new("SHA-256", 27)],
            report.Files.Select(f => new TableRow([f.CaseNumber, f.FileName + " (" + ReportFormat.Count((int)Math.Min(int.MaxValue, f.Size)) + " bytes)",
                When(f.UploadedAt), f.UploadedBy, f.Sha256])), cancellationToken);
    }

    private static void Table(
        ReportLayout layout, int count, string empty, TableColumn[] columns, IEnumerable<TableRow> rows, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            layout.Paragraph(empty, color: ReportTheme.Muted);
            return;
        }

        layout.TextTable(null, columns, [.. rows], cancellationToken: cancellationToken);
    }
}
