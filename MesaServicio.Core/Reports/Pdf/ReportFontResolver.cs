using PdfSharp.Fonts;

namespace MesaServicio.Core.Reports.Pdf;

/// <summary>
/// Gives PDFsharp the documents' font (the monthly report, the case file), DejaVu Sans (regular and bold), from the TTF files in
/// <c>wwwroot-assets/fonts/</c> that are compiled into Core as embedded resources: PDF rendering needs no
/// system fonts, looks the same on every server, and embeds a subset of the font in each PDF.
/// </summary>
internal sealed class ReportFontResolver : IFontResolver
{
    /// <summary>The family every text of the report is drawn in.</summary>
    public const string Family = "DejaVu Sans";

    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";
    private const string ResourcePrefix = "MesaServicio.Core.Reports.Fonts.";

    private static readonly Lock Gate = new();
    private static readonly Lazy<byte[]> Regular = new(() => Load(RegularFace + ".ttf"));
    private static readonly Lazy<byte[]> Bold = new(() => Load(BoldFace + ".ttf"));
    private static bool _registered;

    private ReportFontResolver()
    {
    }

    /// <summary>The one instance: PDFsharp requires the same resolver every time it is set.</summary>
    public static ReportFontResolver Instance { get; } = new();

    /// <summary>
    /// Installs the resolver in PDFsharp's global settings once per process, whichever thread comes first;
    /// later calls return at once. PDFsharp allows the resolver to be set only before its first font use.
    /// </summary>
    public static void EnsureRegistered()
    {
        if (Volatile.Read(ref _registered))
        {
            return;
        }

        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            var current = GlobalFontSettings.FontResolver;
            if (current is null)
            {
                GlobalFontSettings.FontResolver = Instance;
            }
            else if (!ReferenceEquals(current, Instance))
            {
                throw new InvalidOperationException(
                    "Another PDFsharp font resolver is already installed; the PDF documents need ReportFontResolver.");
            }

            Volatile.Write(ref _registered, true);
        }
    }

    /// <summary>Every family resolves to DejaVu Sans (the report asks only for it); italic is simulated.</summary>
    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? BoldFace : RegularFace, false, isItalic);

    public byte[]? GetFont(string faceName) => faceName switch
    {
        RegularFace => Regular.Value,
        BoldFace => Bold.Value,
        _ => null,
    };

    private static byte[] Load(string file)
    {
        using var stream = typeof(ReportFontResolver).Assembly.GetManifestResourceStream(ResourcePrefix + file)
            ?? throw new InvalidOperationException($"The font {file} is not embedded in MesaServicio.Core.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
