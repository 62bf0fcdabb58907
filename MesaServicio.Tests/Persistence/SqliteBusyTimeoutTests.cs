using MesaServicio.Core.Persistence;
using MesaServicio.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Tests.Persistence;

/// <summary>
/// The desk's SQLite connections wait for another connection's write lock inside SQLite (<see cref="SqliteBusyTimeout"/>).
/// A plain connection to the same file has no wait of its own: Microsoft.Data.Sqlite then retries 150 ms apart.
/// These run on SQLite whatever engine the suite runs on.
/// </summary>
public sealed class SqliteBusyTimeoutTests
{
    [Fact]
    public async Task Every_connection_the_desk_opens_waits_for_other_writers_inside_SQLite()
    {
        await using var host = await CoreHost.StartAsync(provider: DatabaseProvider.Sqlite);

        await using (var plain = new SqliteConnection($"Data Source={host.DatabasePath}"))
        {
            await plain.OpenAsync();
            (await BusyTimeoutAsync(plain)).Should().Be(0, "SQLite has no busy timeout unless one is set");
        }

        // As the app configures it: pooled, so the second context gets the native connection the first one used.
        var options = MesaDatabase.Configure(new DbContextOptionsBuilder<MesaDbContext>(), DatabaseProvider.Sqlite, $"Data Source={host.DatabasePath}");
        for (var i = 0; i < 2; i++)
        {
            await using var db = new MesaDbContext((DbContextOptions<MesaDbContext>)options.Options);
            (await db.Cases.CountAsync()).Should().Be(0);
            await db.Database.OpenConnectionAsync();
            (await BusyTimeoutAsync(db.Database.GetDbConnection())).Should().Be(SqliteBusyTimeout.Milliseconds);
        }

        // And the test host's own contexts (Core as the app wires it).
        await using (var db = host.NewContext())
        {
            await db.Database.OpenConnectionAsync();
            (await BusyTimeoutAsync(db.Database.GetDbConnection())).Should().Be(SqliteBusyTimeout.Milliseconds);
        }
    }

    private static async Task<long> BusyTimeoutAsync(System.Data.Common.DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
