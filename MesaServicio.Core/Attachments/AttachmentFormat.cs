using System.Collections.Frozen;

namespace MesaServicio.Core.Attachments;

/// <summary>How a format's content is verified.</summary>
internal enum ContentCheck
{
    /// <summary>Fixed bytes at fixed offsets (PDF, PNG, JPEG, GIF, WebP).</summary>
    Signature,

    /// <summary>Valid UTF-8, no NUL byte, nothing a browser could take for markup or a script.</summary>
    Text,

    /// <summary>A ZIP package of Office Open XML (docx, xlsx, pptx) without macros.</summary>
    OfficeOpenXml,

    /// <summary>A ZIP package of OpenDocument whose first entry <c>mimetype</c> names the expected type.</summary>
    OpenDocument,
}

/// <summary>Bytes expected at an offset of the file.</summary>
internal sealed record Signature(int Offset, byte[] Bytes);

/// <summary>
/// A file format the desk knows how to verify. Only these can ever be allowed: configuration narrows the
/// list, it cannot add HTML, SVG, XML, scripts or executables, because there is no format for them here.
/// </summary>
internal sealed record AttachmentFormat(
    string Key,
    string[] Extensions,
    string[] DeclaredTypes,
    string ContentType,
    string ServedContentType,
    ContentCheck Check,
    Signature[][] Signatures,
    string? PackageMarker = null)
{
    private const string OctetStream = "application/octet-stream";

    /// <summary>Every format the desk can verify, by key.</summary>
    public static IReadOnlyList<AttachmentFormat> All { get; } =
    [
        new("pdf", ["pdf"], ["application/pdf", "application/x-pdf"], "application/pdf", "application/pdf", ContentCheck.Signature,
            [[new(0, "%PDF-"u8.ToArray())]]),
        new("png", ["png"], ["image/png"], "image/png", "image/png", ContentCheck.Signature,
            [[new(0, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])]]),
        new("jpeg", ["jpg", "jpeg"], ["image/jpeg", "image/pjpeg"], "image/jpeg", "image/jpeg", ContentCheck.Signature,
            [[new(0, [0xFF, 0xD8, 0xFF])]]),
        new("gif", ["gif"], ["image/gif"], "image/gif", "image/gif", ContentCheck.Signature,
            [[new(0, "GIF87a"u8.ToArray())], [new(0, "GIF89a"u8.ToArray())]]),
        new("webp", ["webp"], ["image/webp"], "image/webp", "image/webp", ContentCheck.Signature,
            [[new(0, "RIFF"u8.ToArray()), new(8, "WEBP"u8.ToArray())]]),
        new("txt", ["txt"], ["text/plain"], "text/plain", "text/plain; charset=utf-8", ContentCheck.Text, []),

        // Windows browsers often declare CSV as Excel's type, or as plain text.
        new("csv", ["csv"], ["text/csv", "text/plain", "application/csv", "text/comma-separated-values", "application/vnd.ms-excel"],
            "text/csv", "text/csv; charset=utf-8", ContentCheck.Text, []),
        new("docx", ["docx"], ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", OctetStream, ContentCheck.OfficeOpenXml, [], "word/"),
        new("xlsx", ["xlsx"], ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", OctetStream, ContentCheck.OfficeOpenXml, [], "xl/"),
        new("pptx", ["pptx"], ["application/vnd.openxmlformats-officedocument.presentationml.presentation"],
            "application/vnd.openxmlformats-officedocument.presentationml.presentation", OctetStream, ContentCheck.OfficeOpenXml, [], "ppt/"),
        new("odt", ["odt"], ["application/vnd.oasis.opendocument.text"], "application/vnd.oasis.opendocument.text", OctetStream,
            ContentCheck.OpenDocument, [], "application/vnd.oasis.opendocument.text"),
        new("ods", ["ods"], ["application/vnd.oasis.opendocument.spreadsheet"], "application/vnd.oasis.opendocument.spreadsheet", OctetStream,
            ContentCheck.OpenDocument, [], "application/vnd.oasis.opendocument.spreadsheet"),
    ];

    /// <summary>Every extension the desk can verify, to its format.</summary>
    public static FrozenDictionary<string, AttachmentFormat> ByExtension { get; } =
        All.SelectMany(f => f.Extensions.Select(e => (e, f))).ToFrozenDictionary(x => x.e, x => x.f, StringComparer.OrdinalIgnoreCase);

    /// <summary>The format whose verified content type this is (for serving a stored file).</summary>
    public static AttachmentFormat? ByContentType(string contentType) =>
        All.FirstOrDefault(f => string.Equals(f.ContentType, contentType, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the browser's declared type fits this format; "no type" and the generic binary type say nothing.</summary>
    public bool AcceptsDeclared(string normalizedDeclared) =>
        normalizedDeclared.Length == 0 || normalizedDeclared == OctetStream
        || DeclaredTypes.Contains(normalizedDeclared, StringComparer.Ordinal);

    /// <summary>Whether the first bytes carry one of the format's signatures (always true for formats without one).</summary>
    public bool MatchesSignature(ReadOnlySpan<byte> header)
    {
        if (Check == ContentCheck.OfficeOpenXml || Check == ContentCheck.OpenDocument)
        {
            return header.StartsWith("PK\x03\x04"u8);
        }

        if (Signatures.Length == 0)
        {
            return true;
        }

        foreach (var alternative in Signatures)
        {
            var all = true;
            foreach (var signature in alternative)
            {
                if (header.Length < signature.Offset + signature.Bytes.Length
                    || !header.Slice(signature.Offset, signature.Bytes.Length).SequenceEqual(signature.Bytes))
                {
                    all = false;
                    break;
                }
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }
}
