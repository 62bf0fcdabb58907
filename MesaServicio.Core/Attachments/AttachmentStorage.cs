namespace MesaServicio.Core.Attachments;

/// <summary>
/// The folder attachments are kept in (outside the web root): files arrive under a temporary name and are
/// moved to a name generated from the attachment's id once the database has them. No part of a stored
/// file's path ever comes from the person who uploaded it.
/// </summary>
public sealed class AttachmentStorage
{
    internal const string TemporarySuffix = ".part";

    public AttachmentStorage(AttachmentOptions options, string? contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.StoragePath;
        Root = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(contentRoot ?? Directory.GetCurrentDirectory(), path));
    }

    /// <summary>The storage folder, absolute.</summary>
    public string Root { get; }

    /// <summary>Where a stored file lives.</summary>
    public string PathOf(string storageName)
    {
        // Storage names are 32 hex digits made by the desk; anything else is a bug, not a path to follow.
        if (!IsStorageName(storageName))
        {
            throw new ArgumentException("Not a storage name.", nameof(storageName));
        }

        return Path.Combine(Root, storageName);
    }

    /// <summary>Whether a name is one the desk gives stored files (32 lowercase hex digits).</summary>
    internal static bool IsStorageName(string name) => name.Length == 32 && name.All(char.IsAsciiHexDigitLower);

    internal string NewTemporaryPath()
    {
        Directory.CreateDirectory(Root);
        return Path.Combine(Root, Guid.NewGuid().ToString("N") + TemporarySuffix);
    }

    /// <summary>
    /// Proves the folder can be written, read back and cleaned (a marker file), at start-up of an instance that shares
    /// the folder with others (scale-out). Throws a one-line error naming the folder when it cannot.
    /// </summary>
    public void EnsureWritable()
    {
        var marker = Path.Combine(Root, ".mesa-prueba-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Root);
            var content = Environment.MachineName + " " + DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            File.WriteAllText(marker, content);
            if (!string.Equals(File.ReadAllText(marker), content, StringComparison.Ordinal))
            {
                throw new IOException("the marker read back differs from what was written");
            }

            File.Delete(marker);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(marker);
            throw new InvalidOperationException(
                $"La carpeta de adjuntos (Attachments:StoragePath = {Root}) no se puede escribir: con varias instancias debe ser una carpeta compartida (NFS/SMB) montada en todas ellas. The attachment folder is not writable: {ex.Message}",
                ex);
        }
    }

    /// <summary>Opens a stored file for streaming out.</summary>
    internal FileStream OpenRead(string storageName) =>
        new(PathOf(storageName), FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024,
            FileOptions.Asynchronous | FileOptions.SequentialScan);

    /// <summary>The SHA-256 (lowercase hex) of a stored file's bytes now; null when there is no such file.</summary>
    public async Task<string?> HashAsync(string storageName, CancellationToken cancellationToken)
    {
        FileStream stream;
        try
        {
            stream = OpenRead(storageName);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        await using (stream.ConfigureAwait(false))
        {
            var hash = await System.Security.Cryptography.SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            return Convert.ToHexStringLower(hash);
        }
    }

    /// <summary>Deletes a file this class made, if it is still there; a failure is left for the operator (it is only an orphan).</summary>
    internal static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
