using MesaServicio.Core.Calendar;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Core.Persistence;

/// <summary>
/// Brings the database up to date at start-up: creates its folder, applies migrations, WAL mode, seed data (the
/// calendar from appsettings when the database has none), then builds the calendar in force from the database.
/// </summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<MesaDbContext> contextFactory,
    BusinessCalendarSeed calendarSeed,
    StoredBusinessCalendarProvider calendars,
    TimeProvider time,
    ILogger<DatabaseInitializer> logger)
{
    /// <summary>The advisory lock key that serialises start-ups on PostgreSQL ("MESA" in ASCII).</summary>
    private const long StartLockKey = 0x4D455341;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (db.Database.IsSqlite())
        {
            var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        var shared = db.Database.IsNpgsql();
        if (shared)
        {
            // Several instances may start together on one PostgreSQL: one at a time migrates and seeds, the others then
            // find it done. The lock is the session's, on the connection kept open until the end.
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({StartLockKey})", cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            if (db.Database.IsSqlite())
            {
                // WAL lets readers (the board) go on while a case is written; the mode is stored in the file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
            }

            await SeedData.SeedAsync(db, cancellationToken).ConfigureAwait(false);
            await SeedData.SeedCalendarAsync(db, calendarSeed.Options, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            await Privacy.PrivacyNotices.EnsureFirstVersionAsync(db, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (shared)
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({StartLockKey})", CancellationToken.None).ConfigureAwait(false);
            }
        }

        await calendars.ReloadAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Database ready");
    }
}
