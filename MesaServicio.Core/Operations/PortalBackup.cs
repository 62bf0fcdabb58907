using System.Security.Cryptography;
using System.Text.Json;
using MesaServicio.Core.Attachments;
using MesaServicio.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Core.Operations;

/// <summary>
/// A consistent copy of what the desk holds, made while the portal runs (docs/operations.md). On SQLite the database is
/// copied with <c>VACUUM INTO</c> — one read transaction, so the copy is the database as it was at one instant, whatever
/// commits meanwhile — and then every file the copy's rows name is copied beside it and its SHA-256 checked against the
/// row: a stored file never changes once its row exists, so the files copied after the snapshot are the snapshot's. On
/// PostgreSQL the database is copied by <c>pg_dump</c> (its own consistent snapshot) and this copies the files the
/// database names at the time. A file that is missing or whose content does not match its hash is reported, not copied.
/// </summary>
public sealed class PortalBackup(
    IDbContextFactory<MesaDbContext> contextFactory, AttachmentStorage storage, TimeProvider time, ILogger<PortalBackup> logger)
{
    /// <summary>The command-line verb of the portal that makes a backup: <c>respaldo &lt;carpeta&gt;</c>.</summary>
    public const string Command = "respaldo";

    public const string DatabaseFileName = "mesa.db";

    public const string AttachmentsFolderName = "adjuntos";

    public const string ManifestFileName = "respaldo.json";

    private static readonly JsonSerializerOptions ManifestJson = new() { WriteIndented = true };

    /// <summary>Writes the backup into <paramref name="destination"/>, which must not exist or be empty.</summary>
    public async Task<BackupResult> CreateAsync(string destination, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(destination);
        destination = Path.GetFullPath(destination);
        if (Directory.Exists(destination) && Directory.EnumerateFileSystemEntries(destination).Any())
        {
            throw new BackupException($"La carpeta de destino {destination} no está vacía: use una carpeta nueva para cada respaldo.");
        }

        if (destination.StartsWith(storage.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || destination == storage.Root)
        {
            throw new BackupException("El respaldo no puede quedar dentro de la carpeta de adjuntos.");
        }

        var started = time.GetUtcNow();
        IReadOnlyList<StoredFile> files;
        string engine;
        string? databaseFile = null;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            await EnsurePortalDatabaseAsync(db, cancellationToken).ConfigureAwait(false);
            Directory.CreateDirectory(destination);
            if (db.Database.IsSqlite())
            {
                engine = nameof(DatabaseProvider.Sqlite);
                databaseFile = Path.Combine(destination, DatabaseFileName);
                await db.Database.ExecuteSqlAsync($"VACUUM INTO {databaseFile}", cancellationToken).ConfigureAwait(false);
                files = await FilesInAsync(databaseFile, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                engine = nameof(DatabaseProvider.PostgreSql);
                files = await FilesAsync(db, cancellationToken).ConfigureAwait(false);
            }
        }

        var folder = Path.Combine(destination, AttachmentsFolderName);
        Directory.CreateDirectory(folder);
        var missing = new List<Guid>();
        var mismatched = new List<Guid>();
        long bytes = 0;
        foreach (var file in files)
        {
            var copied = await CopyAsync(file, Path.Combine(folder, file.StorageName), cancellationToken).ConfigureAwait(false);
            switch (copied)
            {
                case null:
                    missing.Add(file.Id);
                    break;
                case { } hash when hash != file.Sha256:
                    mismatched.Add(file.Id);
                    break;
                default:
                    bytes += file.Size;
                    break;
            }
        }

        var result = new BackupResult(
            destination, engine, started, databaseFile is null ? null : new FileInfo(databaseFile).Length,
            files.Count - missing.Count - mismatched.Count, bytes, missing, mismatched);
        await File.WriteAllTextAsync(Path.Combine(destination, ManifestFileName), JsonSerializer.Serialize(result, ManifestJson), cancellationToken)
            .ConfigureAwait(false);
        if (missing.Count > 0 || mismatched.Count > 0)
        {
            // Ids only: names and contents of files are the people's.
            logger.LogWarning(
                "Backup to {Destination}: {Missing} attachment(s) missing ({MissingIds}), {Mismatched} not matching their SHA-256 ({MismatchedIds})",
                destination, missing.Count, string.Join(",", missing), mismatched.Count, string.Join(",", mismatched));
        }

        return result;
    }

    /// <summary>The configuration names the portal's database, and it exists (a backup never creates or migrates one).</summary>
    private static async Task EnsurePortalDatabaseAsync(MesaDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite()
            && new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource is var file
            && !File.Exists(file))
        {
            throw new BackupException($"No existe la base de datos {file}: revise que el respaldo use la misma configuración del portal.");
        }

        try
        {
            if (!(await db.Database.GetAppliedMigrationsAsync(cancellationToken).ConfigureAwait(false)).Any())
            {
                throw new BackupException("La base de datos configurada no es la de un portal (no tiene sus tablas): revise la configuración.");
            }
        }
        catch (System.Data.Common.DbException ex)
        {
            throw new BackupException("No se pudo leer la base de datos configurada: " + ex.Message, ex);
        }
    }

    private static async Task<IReadOnlyList<StoredFile>> FilesInAsync(string databaseFile, CancellationToken cancellationToken)
    {
        // The copy's own rows (no pooling: the file must not stay open once read).
        var options = new DbContextOptionsBuilder<MesaDbContext>();
        MesaDatabase.Configure(options, DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder
        {
            DataSource = databaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        await using var copy = new MesaDbContext(options.Options);
        return await FilesAsync(copy, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<StoredFile>> FilesAsync(MesaDbContext db, CancellationToken cancellationToken) =>
        await db.CaseAttachments.AsNoTracking().OrderBy(a => a.UploadedAt)
            .Select(a => new StoredFile(a.Id, a.StorageName, a.Sha256, a.Size))
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Copies one stored file, hashing it on the way; null when it is not there.</summary>
    private async Task<string?> CopyAsync(StoredFile file, string target, CancellationToken cancellationToken)
    {
        FileStream source;
        try
        {
            source = storage.OpenRead(file.StorageName);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        await using (source.ConfigureAwait(false))
        {
            await using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            output.Flush(flushToDisk: true);
            var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (sha != file.Sha256)
            {
                output.Close();
                File.Delete(target);
            }

            return sha;
        }
    }

    private sealed record StoredFile(Guid Id, string StorageName, string Sha256, long Size);
}

/// <summary>What a backup holds (also written as <see cref="PortalBackup.ManifestFileName"/> beside it).</summary>
public sealed record BackupResult(
    string Destination, string Engine, DateTimeOffset StartedAt, long? DatabaseBytes, int Files, long FileBytes,
    IReadOnlyList<Guid> MissingFiles, IReadOnlyList<Guid> MismatchedFiles)
{
    public bool Complete => MissingFiles.Count == 0 && MismatchedFiles.Count == 0;
}

/// <summary>The backup cannot be made where it was asked to be (the message is the operator's, in Spanish).</summary>
public sealed class BackupException : InvalidOperationException
{
    public BackupException()
    {
    }

    public BackupException(string message)
        : base(message)
    {
    }

    public BackupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
