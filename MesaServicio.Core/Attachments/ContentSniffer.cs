using System.IO.Compression;
using System.Text;

namespace MesaServicio.Core.Attachments;

/// <summary>
/// What the first bytes of a file say it is, whatever its name: markup a browser could render (HTML, SVG,
/// XML), a script, an executable. Downloads are also served as attachments with <c>nosniff</c>; refusing
/// such content at the door means it is never stored in the first place.
/// </summary>
internal static class ContentSniffer
{
    /// <summary>How many leading bytes are examined (browsers sniff at most the first 512; legacy ones scanned for tags).</summary>
    public const int HeaderLength = 1024;

    /// <summary>Tags that make a browser (or an old one) treat text as HTML, SVG or XML; searched anywhere in the header.</summary>
    private static readonly byte[][] ActiveTags =
    [
        .. new[]
        {
            "<!doctype", "<html", "<head", "<body", "<script", "<iframe", "<frame", "<svg", "<?xml", "<object", "<embed",
            "<style", "<title", "<meta", "<link", "<img", "<table", "<div", "<form", "<a href", "<xsl:",
        }.Select(Encoding.ASCII.GetBytes),
    ];

    private static readonly byte[][] ExecutableSignatures =
    [
        "MZ"u8.ToArray(), [0x7F, 0x45, 0x4C, 0x46], [0xCA, 0xFE, 0xBA, 0xBE], [0xFE, 0xED, 0xFA, 0xCE], [0xFE, 0xED, 0xFA, 0xCF],
        [0xCE, 0xFA, 0xED, 0xFE], [0xCF, 0xFA, 0xED, 0xFE], [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
    ];

    /// <summary>Markup or a script, judged by how the content starts (after a BOM and white space): refused for every format.</summary>
    public static bool StartsLikeActiveContent(ReadOnlySpan<byte> header)
    {
        var rest = SkipBomAndSpace(header);
        if (rest.StartsWith("#!"u8))
        {
            return true;
        }

        // "<" then a letter, "!", "?" or "/": an element, a doctype, a comment, an XML declaration.
        return rest.Length >= 2 && rest[0] == (byte)'<'
            && (IsAsciiLetter(rest[1]) || rest[1] is (byte)'!' or (byte)'?' or (byte)'/');
    }

    /// <summary>Any tag of <see cref="ActiveTags"/> anywhere in the header (for text, which has no signature to trust).</summary>
    public static bool ContainsActiveTag(ReadOnlySpan<byte> header)
    {
        Span<byte> lower = stackalloc byte[Math.Min(header.Length, HeaderLength)];
        for (var i = 0; i < lower.Length; i++)
        {
            var b = header[i];
            lower[i] = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;
        }

        foreach (var tag in ActiveTags)
        {
            if (lower.IndexOf(tag) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Windows, Linux and macOS executables, and OLE compound files (MSI installers, legacy Office with macros).</summary>
    public static bool StartsLikeExecutable(ReadOnlySpan<byte> header)
    {
        foreach (var signature in ExecutableSignatures)
        {
            if (header.StartsWith(signature))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Checks the package structure of a stored ZIP-based document: Office Open XML needs its content-types
    /// part and the format's folder and must carry no macros; OpenDocument's first entry names its type.
    /// Reads the central directory and at most a few bytes of one entry: nothing is decompressed in bulk.
    /// </summary>
    public static bool IsValidPackage(string path, AttachmentFormat format)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096, FileOptions.RandomAccess);
            using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: false);
            var entries = zip.Entries;
            if (entries.Count == 0)
            {
                return false;
            }

            if (format.Check == ContentCheck.OfficeOpenXml)
            {
                var hasTypes = false;
                var hasFolder = false;
                foreach (var entry in entries)
                {
                    hasTypes |= entry.FullName == "[Content_Types].xml";
                    hasFolder |= entry.FullName.StartsWith(format.PackageMarker!, StringComparison.Ordinal);
                    if (entry.FullName.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase))
                    {
                        return false;
                    }
                }

                return hasTypes && hasFolder;
            }

            var first = entries[0];
            if (first.FullName != "mimetype" || first.Length > 256)
            {
                return false;
            }

            Span<byte> buffer = stackalloc byte[256];
            using var content = first.Open();
            var read = 0;
            int n;
            while (read < buffer.Length && (n = content.Read(buffer[read..])) > 0)
            {
                read += n;
            }

            return buffer[..read].SequenceEqual(Encoding.ASCII.GetBytes(format.PackageMarker!));
        }
        catch (InvalidDataException)
        {
            return false;
        }
        catch (NotSupportedException)
        {
            // An unsupported compression method or an encrypted entry.
            return false;
        }
    }

    private static ReadOnlySpan<byte> SkipBomAndSpace(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith("\xEF\xBB\xBF"u8))
        {
            data = data[3..];
        }

        var i = 0;
        while (i < data.Length && data[i] is 0x09 or 0x0A or 0x0C or 0x0D or 0x20)
        {
            i++;
        }

        return data[i..];
    }

    private static bool IsAsciiLetter(byte b) => b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z';
}

/// <summary>Checks, chunk by chunk, that a stream is UTF-8 text with no NUL byte (no buffering of the whole text).</summary>
internal sealed class Utf8TextValidator
{
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
    private readonly char[] _chars;

    public Utf8TextValidator(int chunkSize) => _chars = new char[chunkSize + 4];

    public bool IsValid { get; private set; } = true;

    public void Append(ReadOnlySpan<byte> chunk) => Feed(chunk, flush: false);

    public void Complete() => Feed([], flush: true);

    private void Feed(ReadOnlySpan<byte> chunk, bool flush)
    {
        if (!IsValid)
        {
            return;
        }

        if (chunk.IndexOf((byte)0) >= 0)
        {
            IsValid = false;
            return;
        }

        try
        {
            // With flush, an incomplete sequence left at the end throws; without, it waits for the next chunk.
            do
            {
                _decoder.Convert(chunk, _chars, flush, out var used, out _, out _);
                chunk = chunk[used..];
            }
            while (!chunk.IsEmpty);
        }
        catch (DecoderFallbackException)
        {
            IsValid = false;
        }
    }
}
