using PdfSharp.Drawing;

namespace MesaServicio.Core.Reports.Pdf;

/// <summary>The report's fonts and colours (the portal's blue and the gov.co yellow).</summary>
internal sealed class ReportTheme
{
    public static readonly XColor Blue = XColor.FromArgb(0x33, 0x66, 0xcc);
    public static readonly XColor DarkBlue = XColor.FromArgb(0x1d, 0x3f, 0x86);
    public static readonly XColor Yellow = XColor.FromArgb(0xff, 0xce, 0x00);
    public static readonly XColor Green = XColor.FromArgb(0x06, 0x8a, 0x4e);
    public static readonly XColor Red = XColor.FromArgb(0xc0, 0x39, 0x2b);
    public static readonly XColor Orange = XColor.FromArgb(0xe0, 0x7b, 0x00);
    public static readonly XColor Text = XColor.FromArgb(0x1f, 0x29, 0x37);
    public static readonly XColor Muted = XColor.FromArgb(0x5b, 0x67, 0x78);
    public static readonly XColor Rule = XColor.FromArgb(0xc8, 0xd1, 0xde);
    public static readonly XColor Grid = XColor.FromArgb(0xe3, 0xe8, 0xef);
    public static readonly XColor Stripe = XColor.FromArgb(0xf3, 0xf6, 0xfb);
    public static readonly XColor GroupFill = XColor.FromArgb(0xdf, 0xe8, 0xf7);

    public ReportTheme()
    {
        var options = XPdfFontOptions.UnicodeDefault;
        Title = new XFont(ReportFontResolver.Family, 15, XFontStyleEx.Bold, options);
        Heading = new XFont(ReportFontResolver.Family, 12, XFontStyleEx.Bold, options);
        Subheading = new XFont(ReportFontResolver.Family, 9.5, XFontStyleEx.Bold, options);
        Body = new XFont(ReportFontResolver.Family, 8.5, XFontStyleEx.Regular, options);
        BodyBold = new XFont(ReportFontResolver.Family, 8.5, XFontStyleEx.Bold, options);
        Small = new XFont(ReportFontResolver.Family, 7.5, XFontStyleEx.Regular, options);
        SmallBold = new XFont(ReportFontResolver.Family, 7.5, XFontStyleEx.Bold, options);
        Tiny = new XFont(ReportFontResolver.Family, 6.5, XFontStyleEx.Regular, options);
        TinyBold = new XFont(ReportFontResolver.Family, 6.5, XFontStyleEx.Bold, options);
        Figure = new XFont(ReportFontResolver.Family, 16, XFontStyleEx.Bold, options);
    }

    public XFont Title { get; }

    public XFont Heading { get; }

    public XFont Subheading { get; }

    public XFont Body { get; }

    public XFont BodyBold { get; }

    public XFont Small { get; }

    public XFont SmallBold { get; }

    public XFont Tiny { get; }

    public XFont TinyBold { get; }

    public XFont Figure { get; }

    public static XSolidBrush Brush(XColor color) => new(color);

    public static XPen Pen(XColor color, double width) => new(color, width);
}
