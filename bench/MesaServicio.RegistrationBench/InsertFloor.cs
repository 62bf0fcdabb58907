using System.Data.Common;
using System.Diagnostics;
using MesaServicio.Core.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MesaServicio.RegistrationBench;

/// <summary>
/// The floor beside a registration run, on the same server in the same run: C callers in a closed loop, each committing
/// one transaction with one single-row INSERT (a key and a 200-character text) on a connection of its own, with the
/// engine's normal durability — what one durable commit per caller costs on this machine, with nothing of the desk in it.
/// </summary>
internal static class InsertFloor
{
    public static async Task<(double PerSecond, List<double> LatenciesMs)> RunAsync(BenchDatabase database, int callers, int rows)
    {
        await using (var setup = await OpenAsync(database))
        {
            await ExecuteAsync(setup, null, "CREATE TABLE floor_rows (id varchar(36) PRIMARY KEY, payload text NOT NULL)");
        }

        var payload = new string('x', 200);
        var latencies = new List<double>[callers];
        var remaining = rows;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = [];
            await using var connection = await OpenAsync(database);
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var started = Stopwatch.GetTimestamp();
                await using (var transaction = await connection.BeginTransactionAsync())
                {
                    await ExecuteAsync(connection, transaction, $"INSERT INTO floor_rows (id, payload) VALUES ('{Guid.CreateVersion7()}', '{payload}')");
                    await transaction.CommitAsync();
                }

                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        var seconds = clock.Elapsed.TotalSeconds;
        return (rows / seconds, latencies.SelectMany(l => l).ToList());
    }

    private static async Task<DbConnection> OpenAsync(BenchDatabase database)
    {
        DbConnection connection = database.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(database.ConnectionString)
            : new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        if (connection is SqliteConnection)
        {
            // As the desk's own SQLite connections: WAL, a full sync per commit, wait for the lock inside SQLite.
            await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;");
        }

        return connection;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
