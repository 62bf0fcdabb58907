using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace MesaServicio.Core.Reports.Pdf;

/// <summary>How a table row looks.</summary>
internal enum RowStyle
{
    Normal = 0,

    /// <summary>A group heading spanning the row (e.g. a category group above its sub-categories).</summary>
    Group = 1,

    /// <summary>The totals at the bottom.</summary>
    Total = 2,
}

/// <summary>A table column: its title, its share of the width, and how its cells align.</summary>
internal sealed record TableColumn(string Title, double Weight, XStringAlignment Align = XStringAlignment.Near);

/// <summary>A table row: one text per column (a group row uses only the first).</summary>
internal sealed record TableRow(IReadOnlyList<string> Cells, RowStyle Style = RowStyle.Normal);

/// <summary>
/// A top-to-bottom flow of content over A4 portrait pages: a cursor that moves down, a new page (with the
/// header drawn) when the next block does not fit, paragraphs that wrap, and tables whose header row is
/// repeated on every page they run onto. Footers are stamped afterwards, once the page count is known.
/// </summary>
internal sealed class ReportLayout : IDisposable
{
    public const double Margin = 45;
    public const double ContentTop = 88;
    public const double FooterTop = 800;
    public const double ContentBottom = FooterTop - 14;

    private const double CellPadding = 3.5;

    private readonly PdfDocument _document;
    private readonly Action<XGraphics> _drawHeader;
    private XGraphics? _graphics;

    public ReportLayout(PdfDocument document, ReportTheme theme, Action<XGraphics> drawHeader)
    {
        _document = document;
        Theme = theme;
        _drawHeader = drawHeader;
    }

    public ReportTheme Theme { get; }

    public XGraphics Graphics => _graphics ?? throw new InvalidOperationException("No page yet.");

    /// <summary>The cursor: where the next block starts.</summary>
    public double Y { get; set; }

    public static double PageWidth => XUnit.FromMillimeter(210).Point;

    public static double Left => Margin;

    public static double Right => PageWidth - Margin;

    public static double Width => Right - Left;

    public void NewPage()
    {
        _graphics?.Dispose();
        var page = _document.AddPage();
        page.Size = PageSize.A4;
        page.Orientation = PageOrientation.Portrait;
        _graphics = XGraphics.FromPdfPage(page);
        _drawHeader(_graphics);
        Y = ContentTop;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> fits below the cursor.</summary>
    public void EnsureSpace(double height)
    {
        if (_graphics is null || Y + height > ContentBottom)
        {
            NewPage();
        }
    }

    public void Space(double height) => Y += height;

    /// <summary>A numbered section title, kept with the first lines that follow it.</summary>
    public void Section(string title)
    {
        EnsureSpace(80);
        if (Y > ContentTop)
        {
            Y += 8;
        }

        var g = Graphics;
        g.DrawRectangle(ReportTheme.Brush(ReportTheme.Yellow), Left, Y + 1, 3.5, 14);
        var lines = Wrap(title, Theme.Heading, Width - 10);
        foreach (var line in lines)
        {
            g.DrawString(line, Theme.Heading, ReportTheme.Brush(ReportTheme.DarkBlue), Left + 9, Y, XStringFormats.TopLeft);
            Y += 15;
        }

        Y += 5;
    }

    /// <summary>A small bold title above a table or chart, kept with at least <paramref name="keepWith"/> points of it.</summary>
    public void Subheading(string title, double keepWith = 60)
    {
        EnsureSpace(14 + keepWith);
        Graphics.DrawString(title, Theme.Subheading, ReportTheme.Brush(ReportTheme.Text), Left, Y, XStringFormats.TopLeft);
        Y += 15;
    }

    /// <summary>A paragraph wrapped to the content width.</summary>
    public void Paragraph(string text, XFont? font = null, XColor? color = null, double after = 6)
    {
        font ??= Theme.Body;
        var lineHeight = font.Size * 1.35;
        var brush = ReportTheme.Brush(color ?? ReportTheme.Text);
        foreach (var line in Wrap(text, font, Width))
        {
            EnsureSpace(lineHeight);
            Graphics.DrawString(line, font, brush, Left, Y, XStringFormats.TopLeft);
            Y += lineHeight;
        }

        Y += after;
    }

    /// <summary>
    /// A table that breaks across pages: before each row it checks the row fits, else starts a page and
    /// draws the header row again (with "(continuación)" after the caption). Cells are one line; a text too
    /// long for its column ends in an ellipsis.
    /// </summary>
    public void Table(
        string? caption, IReadOnlyList<TableColumn> columns, IReadOnlyList<TableRow> rows, bool compact = false,
        Action<int>? rowDone = null, CancellationToken cancellationToken = default)
    {
        var font = compact ? Theme.Tiny : Theme.Small;
        var bold = compact ? Theme.TinyBold : Theme.SmallBold;
        var rowHeight = compact ? 12.5 : 14;
        var headerHeight = compact ? 15 : 17;
        var totalWeight = columns.Sum(c => c.Weight);
        var widths = columns.Select(c => Width * c.Weight / totalWeight).ToArray();

        void Header(bool continued)
        {
            if (caption is not null)
            {
                var text = continued ? caption + " (continuación)" : caption;
                Graphics.DrawString(text, Theme.Subheading, ReportTheme.Brush(ReportTheme.Text), Left, Y, XStringFormats.TopLeft);
                Y += 15;
            }

            var g = Graphics;
            g.DrawRectangle(ReportTheme.Brush(ReportTheme.Blue), Left, Y, Width, headerHeight);
            var x = Left;
            for (var i = 0; i < columns.Count; i++)
            {
                DrawCell(g, columns[i].Title, bold, XColors.White, x, Y, widths[i], headerHeight, columns[i].Align);
                x += widths[i];
            }

            Y += headerHeight;
        }

        // Keep the caption and header with at least two rows.
        EnsureSpace((caption is null ? 0 : 15) + headerHeight + (rowHeight * Math.Min(2, Math.Max(1, rows.Count))));
        Header(continued: false);
        var stripe = false;
        for (var r = 0; r < rows.Count; r++)
        {
            if ((r & 63) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var row = rows[r];
            // A group heading is not left alone at the foot of a page: it goes over with its first row.
            var needed = row.Style == RowStyle.Group && r + 1 < rows.Count ? 2 * rowHeight : rowHeight;
            if (Y + needed > ContentBottom)
            {
                NewPage();
                Header(continued: true);
            }

            var g = Graphics;
            switch (row.Style)
            {
                case RowStyle.Group:
                    g.DrawRectangle(ReportTheme.Brush(ReportTheme.GroupFill), Left, Y, Width, rowHeight);
                    DrawCell(g, row.Cells[0], bold, ReportTheme.DarkBlue, Left, Y, Width, rowHeight, XStringAlignment.Near);
                    stripe = false;
                    break;
                default:
                    if (row.Style == RowStyle.Total)
                    {
                        g.DrawLine(ReportTheme.Pen(ReportTheme.Blue, 0.8), Left, Y, Right, Y);
                    }
                    else if (stripe)
                    {
                        g.DrawRectangle(ReportTheme.Brush(ReportTheme.Stripe), Left, Y, Width, rowHeight);
                    }

                    var x = Left;
                    for (var i = 0; i < columns.Count; i++)
                    {
                        var text = i < row.Cells.Count ? row.Cells[i] : "";
                        DrawCell(g, text, row.Style == RowStyle.Total ? bold : font, ReportTheme.Text, x, Y, widths[i], rowHeight, columns[i].Align);
                        x += widths[i];
                    }

                    stripe = !stripe;
                    break;
            }

            Y += rowHeight;
            rowDone?.Invoke(r);
        }

        Graphics.DrawLine(ReportTheme.Pen(ReportTheme.Rule, 0.6), Left, Y, Right, Y);
        Y += 10;
    }

    /// <summary>Key figures side by side in boxes: value, label, and a note under it.</summary>
    public void Figures(IReadOnlyList<(string Value, string Label, string Note, XColor Accent)> figures)
    {
        const double height = 58;
        const double gap = 6;
        EnsureSpace(height + 10);
        var width = (Width - (gap * (figures.Count - 1))) / figures.Count;
        var g = Graphics;
        for (var i = 0; i < figures.Count; i++)
        {
            var (value, label, note, accent) = figures[i];
            var x = Left + (i * (width + gap));
            g.DrawRoundedRectangle(ReportTheme.Pen(ReportTheme.Rule, 0.7), ReportTheme.Brush(XColors.White), x, Y, width, height, 6, 6);
            g.DrawRectangle(ReportTheme.Brush(accent), x + 6, Y + 6, 16, 2.5);
            DrawCell(g, value, Theme.Figure, ReportTheme.Text, x + 2, Y + 10, width - 4, 22, XStringAlignment.Near);
            DrawCell(g, label, Theme.SmallBold, ReportTheme.Text, x + 2, Y + 31, width - 4, 11, XStringAlignment.Near);
            DrawCell(g, note, Theme.Tiny, ReportTheme.Muted, x + 2, Y + 42, width - 4, 10, XStringAlignment.Near);
        }

        Y += height + 12;
    }

    /// <summary>Ends the last page's drawing (the document can then be stamped and saved).</summary>
    public void Dispose()
    {
        _graphics?.Dispose();
        _graphics = null;
    }

    /// <summary>Draws one line of text in a cell, vertically centred, cut with an ellipsis to fit.</summary>
    public static void DrawCell(XGraphics g, string text, XFont font, XColor color, double x, double y, double width, double height, XStringAlignment align)
    {
        var inner = width - (2 * CellPadding);
        var fitted = Fit(g, text, font, inner);
        var format = align switch
        {
            XStringAlignment.Far => XStringFormats.CenterRight,
            XStringAlignment.Center => XStringFormats.Center,
            _ => XStringFormats.CenterLeft,
        };
        g.DrawString(fitted, font, ReportTheme.Brush(color), new XRect(x + CellPadding, y, inner, height), format);
    }

    /// <summary>The text, or its longest prefix that fits with an ellipsis.</summary>
    public static string Fit(XGraphics g, string text, XFont font, double width)
    {
        if (string.IsNullOrEmpty(text) || g.MeasureString(text, font).Width <= width)
        {
            return text;
        }

        int lo = 0, hi = text.Length;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (g.MeasureString(text[..mid].TrimEnd() + "…", font).Width <= width)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return text[..lo].TrimEnd() + "…";
    }

    /// <summary>Splits a text into lines no wider than <paramref name="width"/>, at spaces.</summary>
    public IReadOnlyList<string> Wrap(string text, XFont font, double width)
    {
        var g = Graphics;
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && g.MeasureString(candidate, font).Width > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = candidate;
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line);
        }

        return lines;
    }
}
