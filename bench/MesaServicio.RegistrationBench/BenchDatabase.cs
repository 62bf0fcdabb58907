using System.Globalization;
using MesaServicio.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MesaServicio.RegistrationBench;

/// <summary>
/// A fresh, empty database for one run: a SQLite file in a folder of its own (the app's connection string: pooled, WAL
/// set by <see cref="DatabaseInitializer"/>), or a new PostgreSQL database on <c>server</c>, dropped afterwards.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly string? _server;
    private readonly string? _name;

    private BenchDatabase(DatabaseProvider provider, string connectionString, string? folder, string? server, string? name)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _folder = folder;
        _server = server;
        _name = name;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The app's settings for this database (<c>Database:Provider</c>, <c>ConnectionStrings:Mesa</c>).</summary>
    public Dictionary<string, string?> Settings => new()
    {
        [MesaDatabase.ProviderKey] = Provider.ToString(),
        ["ConnectionStrings:Mesa"] = ConnectionString,
    };

    public static async Task<BenchDatabase> CreateAsync(DatabaseProvider provider, string server, string folderRoot)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Path.Combine(folderRoot, "mesa-registration-bench", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            return new BenchDatabase(provider, $"Data Source={Path.Combine(folder, "mesa.db")}", folder, null, null);
        }

        var name = "mesa_reg_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");

        // Npgsql's default pool (100) is larger than any caller count used here, so no caller waits for a connection.
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
        return new BenchDatabase(provider, connectionString, null, server, name);
    }

    /// <summary>The durability the engine runs with, read from the database itself through Core's own context.</summary>
    public static async Task<IReadOnlyList<(string Setting, string Value)>> DurabilityAsync(MesaDbContext db)
    {
        var settings = new List<(string, string)>();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        async Task<string> Scalar(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
        }

        if (db.Database.IsSqlite())
        {
            settings.Add(("sqlite_version()", await Scalar("SELECT sqlite_version()")));
            settings.Add(("journal_mode", await Scalar("PRAGMA journal_mode")));
            var synchronous = await Scalar("PRAGMA synchronous");
            settings.Add(("synchronous", synchronous + " (" + synchronous switch
            {
                "0" => "OFF",
                "1" => "NORMAL",
                "2" => "FULL",
                "3" => "EXTRA",
                _ => "?",
            } + ")"));
            settings.Add(("wal_autocheckpoint", await Scalar("PRAGMA wal_autocheckpoint")));
            settings.Add(("busy_timeout", await Scalar("PRAGMA busy_timeout")));
            await using var options = connection.CreateCommand();
            options.CommandText = "PRAGMA compile_options";
            await using var reader = await options.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var option = reader.GetString(0);
                if (option.Contains("SYNCHRONOUS", StringComparison.Ordinal) || option.Contains("THREADSAFE", StringComparison.Ordinal))
                {
                    settings.Add(("compile option", option));
                }
            }
        }
        else
        {
            settings.Add(("server_version", await Scalar("SHOW server_version")));
            foreach (var name in new[] { "fsync", "synchronous_commit", "wal_sync_method", "full_page_writes", "commit_delay", "shared_buffers", "port" })
            {
                settings.Add((name, await Scalar("SHOW " + name)));
            }
        }

        await db.Database.CloseConnectionAsync();
        return settings;
    }

    /// <summary>PostgreSQL's WAL counters (<c>pg_stat_wal</c>) and the database's commits, to count syncs per commit.</summary>
    public async Task<WalCounters> WalCountersAsync()
    {
        // Backends report their counters when they end or after some idle time: end the pooled ones first.
        NpgsqlConnection.ClearAllPools();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT w.wal_records, w.wal_write, w.wal_sync, w.wal_bytes::bigint, d.xact_commit FROM pg_stat_wal w, pg_stat_database d WHERE d.datname = current_database()",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new WalCounters(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }

    public async ValueTask DisposeAsync()
    {
        if (_folder is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the temp cleaner.
            }

            return;
        }

        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_server!, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A reading of <c>pg_stat_wal</c> and the database's commit count.</summary>
internal readonly record struct WalCounters(long Records, long Writes, long Syncs, long Bytes, long Commits)
{
    public WalCounters Since(WalCounters before) =>
        new(Records - before.Records, Writes - before.Writes, Syncs - before.Syncs, Bytes - before.Bytes, Commits - before.Commits);
}
