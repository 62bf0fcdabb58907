using PdfSharp.Drawing;

namespace MesaServicio.Core.Reports.Pdf;

/// <summary>One bar of a bar chart.</summary>
internal sealed record Bar(string Label, double Value, string ValueText);

/// <summary>One line of a line chart: a value per x position, null where there is no data (a gap).</summary>
internal sealed record Series(string Name, IReadOnlyList<double?> Values, XColor Color);

/// <summary>Vector charts drawn with XGraphics: horizontal bars and lines over months.</summary>
internal static class ReportCharts
{
    /// <summary>Horizontal bars with their labels on the left and values at their ends, over a light grid.</summary>
    public static void Bars(ReportLayout layout, string title, IReadOnlyList<Bar> bars, XColor color, double? axisMax = null, Func<double, string>? tickText = null)
    {
        if (bars.Count == 0)
        {
            return;
        }

        const double barHeight = 10;
        const double pitch = 15;
        const double labelWidth = 170;
        var height = 16 + (bars.Count * pitch) + 16;
        layout.EnsureSpace(height + 6);
        var theme = layout.Theme;
        var g = layout.Graphics;
        g.DrawString(title, theme.Subheading, ReportTheme.Brush(ReportTheme.Text), ReportLayout.Left, layout.Y, XStringFormats.TopLeft);
        var top = layout.Y + 18;
        var plotLeft = ReportLayout.Left + labelWidth;
        var plotWidth = ReportLayout.Width - labelWidth - 48;
        var (max, step) = NiceScale(axisMax ?? bars.Max(b => b.Value));
        var plotBottom = top + (bars.Count * pitch);

        for (var tick = 0.0; tick <= max + (step / 2); tick += step)
        {
            var x = plotLeft + (plotWidth * tick / max);
            g.DrawLine(ReportTheme.Pen(ReportTheme.Grid, 0.6), x, top - 2, x, plotBottom);
            var text = tickText?.Invoke(tick) ?? ReportFormat.Count((int)tick);
            g.DrawString(text, theme.Tiny, ReportTheme.Brush(ReportTheme.Muted), new XRect(x - 25, plotBottom + 1, 50, 10), XStringFormats.TopCenter);
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = top + (i * pitch);
            ReportLayout.DrawCell(g, bar.Label, theme.Small, ReportTheme.Text, ReportLayout.Left, y - 1, labelWidth - 4, barHeight + 2, XStringAlignment.Far);
            var width = max <= 0 ? 0 : plotWidth * Math.Clamp(bar.Value / max, 0, 1);
            if (width > 0)
            {
                g.DrawRectangle(ReportTheme.Brush(color), plotLeft, y, width, barHeight);
            }

            g.DrawString(bar.ValueText, theme.SmallBold, ReportTheme.Brush(ReportTheme.Text),
                new XRect(plotLeft + width + 3, y - 1, 60, barHeight + 2), XStringFormats.CenterLeft);
        }

        g.DrawLine(ReportTheme.Pen(ReportTheme.Muted, 0.8), plotLeft, top - 2, plotLeft, plotBottom);
        layout.Y = plotBottom + 18;
    }

    /// <summary>Lines over the months with dots and value labels, a y grid, and a legend; null values leave gaps.</summary>
    /// <param name="layout">Where to draw.</param>
    /// <param name="title">The chart's title.</param>
    /// <param name="xLabels">One label per position (month).</param>
    /// <param name="series">The lines.</param>
    /// <param name="tickText">How the y axis labels its ticks.</param>
    /// <param name="pointText">How a dot's value is labelled.</param>
    /// <param name="axisMax">The top of the y axis; by default a round number above the largest value.</param>
    /// <param name="height">The chart's height in points.</param>
    public static void Lines(
        ReportLayout layout, string title, IReadOnlyList<string> xLabels, IReadOnlyList<Series> series,
        Func<double, string> tickText, Func<double, string> pointText, double? axisMax = null, double height = 175)
    {
        layout.EnsureSpace(height + 8);
        var theme = layout.Theme;
        var g = layout.Graphics;
        var y0 = layout.Y;
        g.DrawString(title, theme.Subheading, ReportTheme.Brush(ReportTheme.Text), ReportLayout.Left, y0, XStringFormats.TopLeft);

        // Legend under the title.
        var legendX = ReportLayout.Left;
        foreach (var s in series)
        {
            g.DrawLine(ReportTheme.Pen(s.Color, 2), legendX, y0 + 22, legendX + 14, y0 + 22);
            g.DrawEllipse(ReportTheme.Brush(s.Color), legendX + 5, y0 + 20, 4, 4);
            g.DrawString(s.Name, theme.Small, ReportTheme.Brush(ReportTheme.Text), legendX + 18, y0 + 22, XStringFormats.CenterLeft);
            legendX += 26 + g.MeasureString(s.Name, theme.Small).Width;
        }

        var plotLeft = ReportLayout.Left + 40;
        var plotRight = ReportLayout.Right - 8;
        var plotTop = y0 + 52; // room for the legend and for labels above the highest dots
        var plotBottom = y0 + height - 22;
        var values = series.SelectMany(s => s.Values).OfType<double>().ToList();
        var (max, step) = NiceScale(axisMax ?? (values.Count == 0 ? 1 : values.Max()));

        for (var tick = 0.0; tick <= max + (step / 2); tick += step)
        {
            var y = plotBottom - ((plotBottom - plotTop) * tick / max);
            g.DrawLine(ReportTheme.Pen(ReportTheme.Grid, 0.6), plotLeft, y, plotRight, y);
            g.DrawString(tickText(tick), theme.Tiny, ReportTheme.Brush(ReportTheme.Muted),
                new XRect(ReportLayout.Left, y - 5, 36, 10), XStringFormats.CenterRight);
        }

        g.DrawLine(ReportTheme.Pen(ReportTheme.Muted, 0.8), plotLeft, plotBottom, plotRight, plotBottom);
        var slot = (plotRight - plotLeft) / Math.Max(1, xLabels.Count);
        double X(int i) => plotLeft + ((i + 0.5) * slot);
        double Y(double v) => plotBottom - ((plotBottom - plotTop) * Math.Clamp(v / max, 0, 1));
        for (var i = 0; i < xLabels.Count; i++)
        {
            var font = i == xLabels.Count - 1 ? theme.TinyBold : theme.Tiny;
            g.DrawString(xLabels[i], font, ReportTheme.Brush(ReportTheme.Text), new XRect(X(i) - (slot / 2), plotBottom + 3, slot, 10), XStringFormats.TopCenter);
        }

        for (var s = 0; s < series.Count; s++)
        {
            var line = series[s];
            var pen = ReportTheme.Pen(line.Color, 1.8);
            pen.LineJoin = XLineJoin.Round;
            pen.LineCap = XLineCap.Round;
            for (var i = 1; i < line.Values.Count; i++)
            {
                if (line.Values[i - 1] is { } a && line.Values[i] is { } b)
                {
                    g.DrawLine(pen, X(i - 1), Y(a), X(i), Y(b));
                }
            }

            for (var i = 0; i < line.Values.Count; i++)
            {
                if (line.Values[i] is { } v)
                {
                    g.DrawEllipse(ReportTheme.Pen(XColors.White, 0.8), ReportTheme.Brush(line.Color), X(i) - 2.6, Y(v) - 2.6, 5.2, 5.2);
                }
            }
        }

        // Value labels, highest value first, each in the first free place: above its dot, below its dot (not
        // over the axis), or else above every label already placed at that month — so equal values (two zeros)
        // never print on top of each other and a smaller value is never labelled above a larger one's dot.
        const double labelHeight = 9;
        for (var i = 0; i < xLabels.Count; i++)
        {
            var placed = new List<(double Top, double Bottom)>();
            var points = series.Select(s => (s.Color, Value: i < s.Values.Count ? s.Values[i] : null))
                .Where(p => p.Value is not null).OrderByDescending(p => p.Value).ToList();
            foreach (var (color, value) in points)
            {
                var dot = Y(value!.Value);
                bool Free(double top) => placed.TrueForAll(r => top + labelHeight <= r.Top || top >= r.Bottom);
                var above = dot - labelHeight - 3;
                var below = dot + 3;
                var y = Free(above) ? above
                    : below + labelHeight <= plotBottom - 1 && Free(below) ? below
                    : Math.Min(above, placed.Min(r => r.Top)) - labelHeight;
                g.DrawString(pointText(value.Value), theme.TinyBold, ReportTheme.Brush(color),
                    new XRect(X(i) - (slot / 2), y, slot, labelHeight), XStringFormats.TopCenter);
                placed.Add((y, y + labelHeight));
            }
        }

        layout.Y = y0 + height + 6;
    }

    /// <summary>A round axis maximum at or above <paramref name="max"/> and a step of 1, 2 or 5 × 10ⁿ giving at most five intervals.</summary>
    internal static (double Max, double Step) NiceScale(double max)
    {
        if (max <= 0 || double.IsNaN(max))
        {
            return (1, 1);
        }

        var raw = max / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1.0, 2, 5, 10 }.Select(f => f * magnitude).First(s => s >= raw);
        if (max >= 1 && step < 1)
        {
            step = 1;
        }

        return (Math.Ceiling(max / step) * step, step);
    }
}
