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

        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers (the board) go on while a case is written; the mode is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }

        await SeedData.SeedAsync(db, cancellationToken).ConfigureAwait(false);
        await SeedData.SeedCalendarAsync(db, calendarSeed.Options, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await calendars.ReloadAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Database ready");
    }
}
