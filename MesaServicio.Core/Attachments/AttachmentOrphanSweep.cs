using MesaServicio.Core.Persistence;
using MesaServicio.Core.TimedWork;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Core.Attachments;

/// <summary>
/// Removes what a crash between storing a file and the commit leaves in the storage folder (decision 0029): files are
/// written and moved before the database commits (the database is the last word: a row always has its file), so a
/// process killed in between leaves a <c>*.part</c> temporary, or a stored file no row names (a case's or a problem's). This sweep, run at
/// start-up and then with the other timed work (under its lease), deletes temporaries older than
/// <see cref="TemporaryMaxAge"/> and stored files with no row older than <see cref="OrphanGrace"/> — far longer than any
/// upload takes between its move and its commit — and logs what it removed at Warning, with counts only.
/// </summary>
public sealed partial class AttachmentOrphanSweep(
    IDbContextFactory<MesaDbContext> contextFactory,
    AttachmentStorage storage,
    TimeProvider time,
    ILogger<AttachmentOrphanSweep> logger) : ITimedWork
{
    /// <summary>A temporary this old belongs to no upload still running.</summary>
    public static readonly TimeSpan TemporaryMaxAge = TimeSpan.FromHours(1);

    /// <summary>A stored file this old with no row was left by a commit that never happened.</summary>
    public static readonly TimeSpan OrphanGrace = TimeSpan.FromHours(1);

    private const int NamesPerQuery = 500;

    public string Name => "attachment-orphans";

    public int Order => 61;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(storage.Root))
        {
            return 0;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var temporaries = 0;
        var candidates = new List<string>();
        foreach (var path in Directory.EnumerateFiles(storage.Root))
        {
            var name = Path.GetFileName(path);
            var age = now - File.GetLastWriteTimeUtc(path);
            if (name.EndsWith(AttachmentStorage.TemporarySuffix, StringComparison.Ordinal))
            {
                if (age > TemporaryMaxAge && AttachmentStorage.TryDelete(path))
                {
                    temporaries++;
                }
            }
            else if (AttachmentStorage.IsStorageName(name) && age > OrphanGrace)
            {
                candidates.Add(name);
            }
        }

        var orphans = 0;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in candidates.Chunk(NamesPerQuery))
        {
            var known = await db.CaseAttachments.AsNoTracking()
                .Where(a => chunk.Contains(a.StorageName))
                .Select(a => a.StorageName)
                .Concat(db.ProblemAttachments.AsNoTracking().Where(a => chunk.Contains(a.StorageName)).Select(a => a.StorageName))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var name in chunk.Except(known, StringComparer.Ordinal))
            {
                if (AttachmentStorage.TryDelete(storage.PathOf(name)))
                {
                    orphans++;
                }
            }
        }

        if (temporaries + orphans > 0)
        {
            LogRemoved(logger, temporaries, orphans, storage.Root);
        }

        return temporaries + orphans;
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning,
        Message = "Attachment storage: removed {Temporaries} unfinished temporary file(s) and {Orphans} stored file(s) no attachment names, left by an interrupted upload, in {Folder}")]
    private static partial void LogRemoved(ILogger logger, int temporaries, int orphans, string folder);
}
