using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace MesaServicio.Core.Persistence;

/// <summary>
/// Every SQLite connection of the desk waits for another connection's write lock inside SQLite (<c>busy_timeout</c>),
/// which retries within a few milliseconds of the lock's release. Without it, Microsoft.Data.Sqlite retries a busy
/// statement itself, 150 ms apart: a board move that met a registration batch's commit waited 150 ms for a lock held a
/// few. Set on every open (pooled native connections included) with one native call, no statement.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    /// <summary>How long SQLite waits for a lock before answering "busy" (Microsoft.Data.Sqlite then retries until the command's timeout).</summary>
    public const int Milliseconds = 10_000;

    public static SqliteBusyTimeout Instance { get; } = new();

    private SqliteBusyTimeout()
    {
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            raw.sqlite3_busy_timeout(handle, Milliseconds);
        }
    }
}
