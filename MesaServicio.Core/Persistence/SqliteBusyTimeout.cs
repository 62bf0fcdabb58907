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
/// <para>
/// It also turns on <c>secure_delete</c>: what a delete or an update frees is overwritten with zeros, so a person's
/// replaced or removed data (an anonymisation, Ley 1581) leaves no copy in the file's free space. Debian builds SQLite
/// with it on by default; Microsoft.Data.Sqlite's bundled SQLite does not.
/// </para>
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
            raw.sqlite3_exec(handle, "PRAGMA secure_delete=ON;");
        }
    }
}
