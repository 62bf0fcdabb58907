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

/// <summary>How a column's cells are written.</summary>
internal enum CellStyle
{
    Normal = 0,

    /// <summary>In bold (the labels of a list of fields).</summary>
    Strong = 1,

    /// <summary>One size smaller: a long token that must stay on one line to be copied whole (a SHA-256).</summary>
    Fine = 2,
}

/// <summary>A table column: its title, its share of the width, how its cells align, and how they are written.</summary>
internal sealed record TableColumn(string Title, double Weight, XStringAlignment Align = XStringAlignment.Near, CellStyle Style = CellStyle.Normal);

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

    /// <summary>A numbered section title, kept with at least <paramref name="keepWith"/> points of what follows it.</summary>
    public void Section(string title, double keepWith = 60)
    {
        EnsureSpace(20 + keepWith);
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

    /// <summary>
    /// A paragraph wrapped to the content width (less <paramref name="indent"/>), its line breaks kept, that
    /// runs onto the next page when it must; with <paramref name="bar"/>, a coloured rule beside every line
    /// marks it as a quoted message.
    /// </summary>
    public void Paragraph(string text, XFont? font = null, XColor? color = null, double after = 6, double indent = 0, XColor? bar = null)
    {
        font ??= Theme.Body;
        var lineHeight = font.Size * 1.35;
        var brush = ReportTheme.Brush(color ?? ReportTheme.Text);
        var lines = Wrap(text, font, Width - indent);
        if (lines.Count <= 4)
        {
            // A short paragraph is kept on one page: no lone line at the top of the next.
            EnsureSpace(lines.Sum(l => l.Length == 0 ? lineHeight / 2 : lineHeight));
        }

        foreach (var line in lines)
        {
            // A blank line between paragraphs of the text takes half a line.
            var height = line.Length == 0 ? lineHeight / 2 : lineHeight;
            EnsureSpace(height);
            if (bar is { } barColor)
            {
                Graphics.DrawRectangle(ReportTheme.Brush(barColor), Left + indent - 7, Y, 2.5, height);
            }

            if (line.Length > 0)
            {
                Graphics.DrawString(line, font, brush, Left + indent, Y, XStringFormats.TopLeft);
            }

            Y += height;
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
                DrawCell(g, columns[i].Title, Fitting(g, columns[i].Title, bold, Theme.TinyBold, widths[i]), XColors.White, x, Y, widths[i], headerHeight, columns[i].Align);
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
                        var cellFont = row.Style == RowStyle.Total ? bold : columns[i].Style switch
                        {
                            CellStyle.Strong => bold,
                            CellStyle.Fine => Theme.Tiny,
                            _ => font,
                        };
                        DrawCell(g, text, cellFont, ReportTheme.Text, x, Y, widths[i], rowHeight, columns[i].Align);
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

    /// <summary>
    /// A table whose cells wrap (at spaces and line breaks; a word too long for its column is cut), so a row is
    /// as tall as its longest cell. Before each row it checks the row fits; a row that does not goes to the
    /// next page whole, unless it is taller than a third of a page, which is split line by line across pages
    /// (a long solution in the history). On every page the table runs onto, the caption is repeated with
    /// "(continuación)" and, with <paramref name="header"/>, the header row too.
    /// </summary>
    public void TextTable(
        string? caption, IReadOnlyList<TableColumn> columns, IReadOnlyList<TableRow> rows, bool header = true,
        CancellationToken cancellationToken = default)
    {
        const double padY = 2.5;
        var font = Theme.Small;
        var lineHeight = Math.Round(font.Size * 1.3, 2);
        var headerHeight = header ? 17 : 0;
        var captionHeight = caption is null ? 0 : 15;
        var totalWeight = columns.Sum(c => c.Weight);
        var widths = columns.Select(c => Width * c.Weight / totalWeight).ToArray();
        var fonts = columns.Select(c => c.Style switch
        {
            CellStyle.Strong => Theme.SmallBold,
            CellStyle.Fine => Theme.Tiny,
            _ => font,
        }).ToArray();

        void Header(bool continued)
        {
            var g = Graphics;
            if (caption is not null)
            {
                var text = continued ? caption + " (continuación)" : caption;
                g.DrawString(text, Theme.Subheading, ReportTheme.Brush(ReportTheme.Text), Left, Y, XStringFormats.TopLeft);
                Y += captionHeight;
            }

            if (!header)
            {
                return;
            }

            g.DrawRectangle(ReportTheme.Brush(ReportTheme.Blue), Left, Y, Width, headerHeight);
            var x = Left;
            for (var i = 0; i < columns.Count; i++)
            {
                DrawCell(g, columns[i].Title, Fitting(g, columns[i].Title, Theme.SmallBold, Theme.TinyBold, widths[i]), XColors.White, x, Y, widths[i], headerHeight, columns[i].Align);
                x += widths[i];
            }

            Y += headerHeight;
        }

        void ContinueOnNewPage()
        {
            NewPage();
            Header(continued: true);
        }

        var pageRoom = ContentBottom - ContentTop - captionHeight - headerHeight;
        var stripe = false;
        for (var r = 0; r < rows.Count; r++)
        {
            if ((r & 31) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var cells = new IReadOnlyList<string>[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                var text = i < rows[r].Cells.Count ? rows[r].Cells[i] : "";
                var lines = Wrap(text, fonts[i], widths[i] - (2 * CellPadding));
                cells[i] = lines.Count == 0 ? [""] : lines;
            }

            var count = cells.Max(c => c.Count);
            var height = (count * lineHeight) + (2 * padY);
            var keepWhole = height <= pageRoom / 3;
            if (r == 0)
            {
                // The caption and the header row stay with the first row (or the first lines of a tall one).
                EnsureSpace(captionHeight + headerHeight + (keepWhole ? height : (2 * lineHeight) + (2 * padY)));
                Header(continued: false);
            }
            else if (keepWhole && Y + height > ContentBottom)
            {
                ContinueOnNewPage();
            }

            var done = 0;
            while (done < count)
            {
                var fit = (int)Math.Floor((ContentBottom - Y - (2 * padY)) / lineHeight);
                if (fit < Math.Min(2, count - done))
                {
                    ContinueOnNewPage();
                    continue;
                }

                var take = Math.Min(fit, count - done);
                var sliceHeight = (take * lineHeight) + (2 * padY);
                var g = Graphics;
                if (stripe)
                {
                    g.DrawRectangle(ReportTheme.Brush(ReportTheme.Stripe), Left, Y, Width, sliceHeight);
                }

                var x = Left;
                for (var i = 0; i < columns.Count; i++)
                {
                    var format = columns[i].Align switch
                    {
                        XStringAlignment.Far => XStringFormats.TopRight,
                        XStringAlignment.Center => XStringFormats.TopCenter,
                        _ => XStringFormats.TopLeft,
                    };
                    var color = ReportTheme.Brush(columns[i].Style == CellStyle.Strong ? ReportTheme.DarkBlue : ReportTheme.Text);
                    for (var k = done; k < Math.Min(done + take, cells[i].Count); k++)
                    {
                        var top = Y + padY + ((k - done) * lineHeight);

                        // Smaller type sits on the same baseline grid as the row's other cells.
                        var shift = (font.Size - fonts[i].Size) * 0.8;
                        g.DrawString(cells[i][k], fonts[i], color, new XRect(x + CellPadding, top + shift, widths[i] - (2 * CellPadding), lineHeight), format);
                    }

                    x += widths[i];
                }

                Y += sliceHeight;
                done += take;
            }

            stripe = !stripe;
        }

        if (rows.Count == 0)
        {
            EnsureSpace(captionHeight + headerHeight);
            Header(continued: false);
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
            // A figure is never cut: a value too wide for the tile's large type is drawn in the heading's.
            var valueFont = g.MeasureString(value, Theme.Figure).Width <= width - 4 - (2 * CellPadding) ? Theme.Figure : Theme.Heading;
            DrawCell(g, value, valueFont, ReportTheme.Text, x + 2, Y + 10, width - 4, 22, XStringAlignment.Near);
            DrawCell(g, label, Fitting(g, label, Theme.SmallBold, Theme.TinyBold, width - 4), ReportTheme.Text, x + 2, Y + 31, width - 4, 11, XStringAlignment.Near);
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

    /// <summary>
    /// <paramref name="font"/> when <paramref name="text"/> fits in a cell <paramref name="width"/> wide, else the
    /// <paramref name="smaller"/> one: a title a little too long for its cell is drawn whole in smaller type, not cut.
    /// </summary>
    public static XFont Fitting(XGraphics g, string text, XFont font, XFont smaller, double width) =>
        g.MeasureString(text, font).Width <= width - (2 * CellPadding) ? font : smaller;

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

    /// <summary>
    /// Splits a text into lines no wider than <paramref name="width"/>: at its own line breaks (a blank line
    /// is kept), then at spaces; a word wider than the line (a long address, a hash) is cut where it must.
    /// Control characters are drawn as spaces.
    /// </summary>
    public IReadOnlyList<string> Wrap(string text, XFont font, double width)
    {
        var g = Graphics;
        var lines = new List<string>();
        foreach (var paragraph in (text ?? "").ReplaceLineEndings("\n").Split('\n'))
        {
            var line = "";
            var cleaned = string.Create(paragraph.Length, paragraph, (span, source) =>
            {
                for (var i = 0; i < source.Length; i++)
                {
                    span[i] = char.IsControl(source[i]) ? ' ' : source[i];
                }
            });
            var words = cleaned.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                lines.Add("");
                continue;
            }

            foreach (var word in words)
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (g.MeasureString(candidate, font).Width <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                line = word;
                while (line.Length > 1 && g.MeasureString(line, font).Width > width)
                {
                    var cut = FittingPrefix(g, line, font, width);
                    lines.Add(line[..cut]);
                    line = line[cut..];
                }
            }

            lines.Add(line);
        }

        // Blank lines at either end say nothing.
        var first = lines.FindIndex(l => l.Length > 0);
        var last = lines.FindLastIndex(l => l.Length > 0);
        return first < 0 ? [] : lines.GetRange(first, last - first + 1);
    }

    /// <summary>How many leading characters of <paramref name="word"/> fit in <paramref name="width"/> (at least one).</summary>
    private static int FittingPrefix(XGraphics g, string word, XFont font, double width)
    {
        // Glyphs are seldom narrower than a fifth of the size: bounding the search keeps it short (a shorter line at worst).
        var lo = 1;
        var hi = Math.Min(word.Length - 1, (int)(width / (font.Size * 0.2)) + 1);
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (g.MeasureString(word[..mid], font).Width <= width)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        // A character outside the basic plane (two UTF-16 units) is never cut in half.
        return lo > 1 && char.IsHighSurrogate(word[lo - 1]) ? lo - 1 : lo;
    }
}
