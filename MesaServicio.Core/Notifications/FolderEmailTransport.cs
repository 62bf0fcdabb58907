using System.Globalization;
using MimeKit;

namespace MesaServicio.Core.Notifications;

/// <summary>
/// Writes each message as an <c>.eml</c> file (any mail program opens it) instead of sending it: for
/// Development and for an entity without an SMTP relay yet. Names sort by the time of writing, e.g.
/// <c>20261103T140000.1234567Z_3f2a…@mesa-servicio.eml</c>. A file appears whole or not at all.
/// </summary>
public sealed class FolderEmailTransport(string folder, TimeProvider time) : IEmailTransport
{
    /// <summary>The folder the files go to (absolute).</summary>
    public string Folder { get; } = Path.GetFullPath(folder);

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Directory.CreateDirectory(Folder);
        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss.fffffff'Z'", CultureInfo.InvariantCulture);
        var name = stamp + "_" + SafeName(message.MessageId ?? Guid.NewGuid().ToString("N")) + ".eml";
        var target = Path.Combine(Folder, name);
        var partial = target + ".tmp";

        // Declares each part's encoding: text as 8bit, readable in an editor (quoted-printable only past the 998-character
        // line limit of RFC 5322); attachments in base64.
        message.Prepare(EncodingConstraint.EightBit, maxLineLength: 998);
        await message.WriteToAsync(partial, cancellationToken).ConfigureAwait(false);
        File.Move(partial, target, overwrite: true);
    }

    /// <summary>The folder of <paramref name="folder"/>: a relative one is taken from the content root when there is one.</summary>
    public static string Resolve(string folder, string? contentRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        return contentRoot is not null && !Path.IsPathRooted(folder) ? Path.Combine(contentRoot, folder) : folder;
    }

    private static string SafeName(string messageId)
    {
        var invalid = Path.GetInvalidFileNameChars();
        return string.Concat(messageId.Select(c => invalid.Contains(c) || c is '<' or '>' or ':' ? '_' : c));
    }
}
