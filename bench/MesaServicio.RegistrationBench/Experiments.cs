using System.Collections.Concurrent;
using System.Data.Common;
using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace MesaServicio.RegistrationBench;

/// <summary>
/// What-ifs for SQLite's write contention, added beside Core's configuration of the context (Core is unchanged; these
/// are NOT how the app runs). Neither touches durability: <c>synchronous</c> stays as it is and every commit still syncs.
/// <list type="bullet">
/// <item><c>busy-timeout</c>: <c>PRAGMA busy_timeout = 30000</c> on every connection, so a writer that finds the write
/// lock taken waits inside SQLite (retries after 1, 2, 5, 10… ms) instead of Microsoft.Data.Sqlite's retry loop, which
/// sleeps 150 ms between attempts.</item>
/// <item><c>write-gate</c>: one write transaction at a time in the process (a semaphore taken when a transaction
/// begins, released when it ends), so writers queue in order instead of colliding on the lock at all.</item>
/// </list>
/// </summary>
internal static class Experiments
{
    public const string BusyTimeout = "busy-timeout";
    public const string WriteGate = "write-gate";

    public static Action<IServiceCollection>? For(string? experiment) => experiment switch
    {
        null or "" or "none" => null,
        BusyTimeout => s => s.ConfigureDbContext<MesaDbContext>(o => o.AddInterceptors(new BusyTimeoutInterceptor())),
        WriteGate => s => s.ConfigureDbContext<MesaDbContext>(o => o.AddInterceptors(new WriteGateInterceptor())),
        _ => throw new ArgumentException($"Unknown experiment {experiment}: {BusyTimeout} | {WriteGate}"),
    };

    private sealed class BusyTimeoutInterceptor : DbConnectionInterceptor
    {
        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 30000;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>One process-wide gate; the process owns its SQLite file. Released on commit, rollback, failure or close.</summary>
    private sealed class WriteGateInterceptor : IDbTransactionInterceptor, IDbConnectionInterceptor
    {
        private static readonly SemaphoreSlim Gate = new(1, 1);
        private readonly ConcurrentDictionary<DbConnection, bool> _holders = new();

        public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            await Gate.WaitAsync(cancellationToken);
            _holders[connection] = true;
            return result;
        }

        public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
            Release(transaction.Connection ?? eventData.Context?.Database.GetDbConnection());

        public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
            Release(transaction.Connection ?? eventData.Context?.Database.GetDbConnection());

        public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default) =>
            Release(transaction.Connection ?? eventData.Context?.Database.GetDbConnection());

        public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData) => Release(connection);

        private Task Release(DbConnection? connection)
        {
            if (connection is not null && _holders.TryRemove(connection, out _))
            {
                Gate.Release();
            }

            return Task.CompletedTask;
        }
    }
}
