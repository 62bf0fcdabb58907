using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace MesaServicio.Core.Reports.Pdf;

/// <summary>
/// The entity's header at the top of every page (its name, office and portal on the left; the procedure, the
/// document's kind and what it is about on the right), and the footer stamped on every page at the end.
/// </summary>
internal static class ReportHeader
{
    /// <param name="g">The page being drawn.</param>
    /// <param name="theme">Fonts and colours.</param>
    /// <param name="branding">The entity.</param>
    /// <param name="documentTitle">The kind of document, e.g. "Informe mensual de resultados".</param>
    /// <param name="documentSubject">What it is about, e.g. "Noviembre de 2026" or a case number.</param>
    /// <param name="logo">The entity's logo, or null for the portal's mark.</param>
    public static void Draw(XGraphics g, ReportTheme theme, ReportBranding branding, string documentTitle, string documentSubject, XImage? logo)
    {
        const double top = 26;
        const double logoSize = 42;
        var left = ReportLayout.Left;
        if (logo is not null)
        {
            var scale = Math.Min(logoSize / logo.PointWidth, logoSize / logo.PointHeight);
            g.DrawImage(logo, left, top, logo.PointWidth * scale, logo.PointHeight * scale);
        }
        else
        {
            DrawMark(g, left, top, logoSize);
        }

        var textLeft = left + logoSize + 9;
        const double rightBlock = 165;
        var textWidth = ReportLayout.Right - rightBlock - textLeft - 6;

        // A long entity name gets a smaller type before it gets an ellipsis.
        var nameFont = theme.BodyBold;
        for (var size = 10.0; size >= 7; size -= 0.5)
        {
            nameFont = new XFont(ReportFontResolver.Family, size, XFontStyleEx.Bold, XPdfFontOptions.UnicodeDefault);
            if (g.MeasureString(branding.EntityName, nameFont).Width <= textWidth - 7)
            {
                break;
            }
        }

        ReportLayout.DrawCell(g, branding.EntityName, nameFont, ReportTheme.Text, textLeft - 3.5, top + 1, textWidth, 13, XStringAlignment.Near);
        ReportLayout.DrawCell(g, branding.Office, theme.Small, ReportTheme.Text, textLeft - 3.5, top + 15, textWidth, 11, XStringAlignment.Near);
        ReportLayout.DrawCell(g, branding.PortalName, theme.Small, ReportTheme.Muted, textLeft - 3.5, top + 27, textWidth, 11, XStringAlignment.Near);

        var rightLeft = ReportLayout.Right - rightBlock + 3.5;
        ReportLayout.DrawCell(g, branding.Procedure, theme.Tiny, ReportTheme.Muted, rightLeft, top + 1, rightBlock, 11, XStringAlignment.Far);
        ReportLayout.DrawCell(g, documentTitle, theme.SmallBold, ReportTheme.Text, rightLeft, top + 14, rightBlock, 11, XStringAlignment.Far);
        ReportLayout.DrawCell(g, documentSubject, theme.Small, ReportTheme.Blue, rightLeft, top + 27, rightBlock, 11, XStringAlignment.Far);

        var lineY = top + logoSize + 6;
        g.DrawRectangle(ReportTheme.Brush(ReportTheme.Blue), left, lineY, ReportLayout.Width, 2);
        g.DrawRectangle(ReportTheme.Brush(ReportTheme.Yellow), left, lineY + 2, ReportLayout.Width / 3, 2);
    }

    /// <summary>"Generado por … el …" and "Página N de M" on every page, drawn over the finished pages.</summary>
    public static void StampFooters(PdfDocument document, ReportTheme theme, string generatedBy)
    {
        var count = document.PageCount;
        for (var i = 0; i < count; i++)
        {
            using var g = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
            g.DrawLine(ReportTheme.Pen(ReportTheme.Rule, 0.6), ReportLayout.Left, ReportLayout.FooterTop, ReportLayout.Right, ReportLayout.FooterTop);
            var pageText = "Página " + (i + 1).ToString(ReportFormat.Culture) + " de " + count.ToString(ReportFormat.Culture);
            const double pageWidth = 80;
            ReportLayout.DrawCell(g, generatedBy, theme.Tiny, ReportTheme.Muted, ReportLayout.Left - 3.5, ReportLayout.FooterTop + 3,
                ReportLayout.Width - pageWidth, 12, XStringAlignment.Near);
            ReportLayout.DrawCell(g, pageText, theme.SmallBold, ReportTheme.Text, ReportLayout.Right - pageWidth + 3.5, ReportLayout.FooterTop + 3,
                pageWidth, 12, XStringAlignment.Far);
        }
    }

    /// <summary>The portal's mark (wwwroot-assets/img/logo.svg, a 64 × 64 drawing) as vector shapes.</summary>
    private static void DrawMark(XGraphics g, double x, double y, double size)
    {
        var s = size / 64;
        var blue = ReportTheme.Brush(ReportTheme.Blue);
        g.DrawRoundedRectangle(ReportTheme.Pen(ReportTheme.Rule, 0.6), ReportTheme.Brush(XColors.White), x, y, 64 * s, 64 * s, 24 * s, 24 * s);
        g.DrawRoundedRectangle(blue, x + (10 * s), y + (14 * s), 44 * s, 28 * s, 8 * s, 8 * s);
        g.DrawRoundedRectangle(ReportTheme.Brush(XColors.White), x + (14 * s), y + (18 * s), 36 * s, 20 * s, 4 * s, 4 * s);
        var check = new XPen(ReportTheme.Blue, 4 * s) { LineCap = XLineCap.Round, LineJoin = XLineJoin.Round };
        g.DrawLines(check, [new XPoint(x + (20 * s), y + (30 * s)), new XPoint(x + (26 * s), y + (35 * s)), new XPoint(x + (38 * s), y + (23 * s))]);
        g.DrawRectangle(blue, x + (26 * s), y + (44 * s), 12 * s, 4 * s);
        g.DrawRoundedRectangle(ReportTheme.Brush(ReportTheme.Yellow), x + (18 * s), y + (48 * s), 28 * s, 4 * s, 4 * s, 4 * s);
    }
}
