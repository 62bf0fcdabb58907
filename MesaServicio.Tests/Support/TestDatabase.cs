using System.Globalization;
using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MesaServicio.Tests.Support;

/// <summary>
/// The database a test runs on. SQLite by default (a file in the test's own folder); with
/// <c>MESA_TEST_DATABASE=PostgreSql</c>, a fresh PostgreSQL database per test on the server named by
/// <c>MESA_TEST_POSTGRES</c> (default <c>Host=127.0.0.1;Username=mesa;Password=mesa</c>), copied from a template that
/// is migrated once per test run and dropped when the test ends. <c>./test.sh</c> runs the suite both ways when a
/// server is given.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private const string DefaultServer = "Host=127.0.0.1;Username=mesa;Password=mesa";
    private static readonly Lock TemplateLock = new();
    private static string? _template;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _postgresName = postgresName;
    }

    /// <summary>The engine this run of the suite uses.</summary>
    public static DatabaseProvider RunProvider =>
        Enum.TryParse<DatabaseProvider>(Environment.GetEnvironmentVariable("MESA_TEST_DATABASE"), ignoreCase: true, out var p)
            ? p
            : DatabaseProvider.Sqlite;

    /// <summary>The PostgreSQL server for tests (a connection string without a database).</summary>
    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("MESA_TEST_POSTGRES") is { Length: > 0 } server ? server : DefaultServer;

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The app's settings for this database (<c>Database:Provider</c>, <c>ConnectionStrings:Mesa</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        [MesaDatabase.ProviderKey] = Provider.ToString(),
        ["ConnectionStrings:Mesa"] = ConnectionString,
    };

    /// <summary>A new empty database for one test: a SQLite file in <paramref name="folder"/>, or a PostgreSQL database.</summary>
    public static TestDatabase Create(string folder, DatabaseProvider? provider = null)
    {
        if ((provider ?? RunProvider) == DatabaseProvider.Sqlite)
        {
            return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "mesa.db")};Pooling=False", null);
        }

        var template = EnsureTemplate();
        var name = "mesa_t_" + Guid.NewGuid().ToString("N");
        Execute($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return new TestDatabase(DatabaseProvider.PostgreSql, For(name), name);
    }

    /// <summary>
    /// A connection string to <paramref name="database"/> on the test server; small pools, as many tests run at once. It
    /// names the app's own statement preparation, so that the app's connections and the pool cleared here are one pool.
    /// </summary>
    public static string For(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresServer)
        {
            Database = database, MaxPoolSize = 20, IncludeErrorDetail = true, MaxAutoPrepare = MesaDatabase.PostgreSqlAutoPrepared,
        }.ToString();

    public void Dispose()
    {
        if (_postgresName is null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            return;
        }

        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        // Cleaning up only: a drop that meets a backend the test role may not end (an autovacuum worker that just started
        // on the copy) is tried again, then left to the server (CI's cluster is thrown away) rather than failing the test.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Execute($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)");
                return;
            }
            catch (PostgresException) when (attempt < 5)
            {
                Thread.Sleep(200 * attempt);
            }
            catch (PostgresException)
            {
                return;
            }
        }
    }

    /// <summary>The run's template: every PostgreSQL migration applied once, then copied per test (much faster than migrating).</summary>
    private static string EnsureTemplate()
    {
        lock (TemplateLock)
        {
            if (_template is not null)
            {
                return _template;
            }

            var name = string.Create(CultureInfo.InvariantCulture, $"mesa_template_{Environment.ProcessId}");
            Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            Execute($"CREATE DATABASE \"{name}\"");
            var connectionString = For(name);
            var options = new DbContextOptionsBuilder<MesaDbContext>();
            MesaDatabase.Configure(options, DatabaseProvider.PostgreSql, connectionString);
            using (var db = new MesaDbContext(options.Options))
            {
                db.Database.Migrate();
            }

            using (var connection = new NpgsqlConnection(connectionString))
            {
                NpgsqlConnection.ClearPool(connection);
            }

            AppDomain.CurrentDomain.ProcessExit += (_, _) => Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            _template = name;
            return name;
        }
    }

    private static void Execute(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres", Pooling = false };
        using var connection = new NpgsqlConnection(builder.ToString());
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
