using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace MesaServicio.Core.Persistence;

/// <summary>The database engines the desk runs on: SQLite (default, nothing to install) or PostgreSQL (several instances).</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// Chooses and configures the engine from <c>Database:Provider</c> and <c>ConnectionStrings:Mesa</c>. Each engine has its
/// own migrations: SQLite's in this assembly, PostgreSQL's in <see cref="PostgreSqlMigrationsAssembly"/>
/// (docs/decisions/0014-postgresql-beside-sqlite.md).
/// </summary>
public static class MesaDatabase
{
    public const string ProviderKey = "Database:Provider";

    public const string PostgreSqlMigrationsAssembly = "MesaServicio.Persistence.PostgreSql";

    /// <summary>Reads <c>Database:Provider</c>; a value that names no engine stops the start with a clear message (in Spanish: operators read it).</summary>
    public static DatabaseProvider ProviderFrom(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseProvider.Sqlite;
        }

        return Enum.TryParse<DatabaseProvider>(value.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new DatabaseConfigurationException($"{ProviderKey} = '{value}' no es un motor de base de datos admitido: use Sqlite o PostgreSql.");
    }

    /// <summary>
    /// Npgsql's prepared statements kept per connection when the connection string does not say (docs/decisions/0021):
    /// the desk runs the same few dozen statements over and over (a registration batch alone, about twenty).
    /// </summary>
    public const int PostgreSqlAutoPrepared = 64;

    /// <summary>
    /// Configures <paramref name="options"/> for the engine: transient PostgreSQL failures are retried and its repeated
    /// statements prepared (<see cref="WithAutoPrepare"/>); SQLite connections wait for each other's locks inside SQLite
    /// (<see cref="SqliteBusyTimeout"/>).
    /// </summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString, string? contentRoot = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return provider switch
        {
            DatabaseProvider.PostgreSql => options.UseNpgsql(WithAutoPrepare(connectionString), npgsql => npgsql
                .MigrationsAssembly(PostgreSqlMigrationsAssembly)
                .EnableRetryOnFailure(maxRetryCount: 5, maxRetryDelay: TimeSpan.FromSeconds(5), errorCodesToAdd: null)),
            _ => options.UseSqlite(Rooted(connectionString, contentRoot)).AddInterceptors(SqliteBusyTimeout.Instance),
        };
    }

    /// <summary>
    /// Turns on Npgsql's automatic preparation (<see cref="PostgreSqlAutoPrepared"/> statements) unless the connection
    /// string sets <c>Max Auto Prepare</c> itself — <c>Max Auto Prepare=0</c> turns it off, as a PgBouncer in
    /// transaction mode before version 1.21 needs.
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (string key in given.Keys)
        {
            if (string.Equals(key.Replace(" ", string.Empty, StringComparison.Ordinal), "MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
            {
                return connectionString;
            }
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = PostgreSqlAutoPrepared }.ConnectionString;
    }

    /// <summary>A relative SQLite file is taken from the app's content root, not the shell's current folder.</summary>
    private static string Rooted(string connectionString, string? contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (contentRoot is not null && builder.DataSource is { Length: > 0 } source && source != ":memory:" && !Path.IsPathRooted(source)
            && !source.StartsWith("file:", StringComparison.Ordinal))
        {
            builder.DataSource = Path.Combine(contentRoot, source);
        }

        return builder.ToString();
    }
}

/// <summary>The database settings name no engine the desk runs on, or lack its connection string: the start stops.</summary>
public sealed class DatabaseConfigurationException : InvalidOperationException
{
    public DatabaseConfigurationException()
    {
    }

    public DatabaseConfigurationException(string message)
        : base(message)
    {
    }

    public DatabaseConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
