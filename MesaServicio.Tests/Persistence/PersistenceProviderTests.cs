using MesaServicio.Core;
using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace MesaServicio.Tests.Persistence;

/// <summary>Both engines' migrations keep up with the model, and the engine is chosen by configuration.</summary>
public sealed class PersistenceProviderTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=model-check.db")]
    [InlineData(DatabaseProvider.PostgreSql, "Host=127.0.0.1;Database=model_check")]
    public void Each_engines_migrations_describe_the_current_model(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<MesaDbContext>();
        MesaDatabase.Configure(options, provider, connectionString);
        using var db = new MesaDbContext(options.Options);

        db.Database.HasPendingModelChanges().Should().BeFalse(
            $"a model change needs a migration for {provider} too (docs/decisions/0014-postgresql-beside-sqlite.md)");
        db.Database.GetMigrations().Should().ContainSingle(
                "until the first release each engine has one Initial migration (docs/decisions/0034-one-initial-migration-per-engine.md)")
            .Which.Should().EndWith("_Initial");
    }

    [Theory]
    [InlineData(null, DatabaseProvider.Sqlite)]
    [InlineData("", DatabaseProvider.Sqlite)]
    [InlineData("sqlite", DatabaseProvider.Sqlite)]
    [InlineData("PostgreSql", DatabaseProvider.PostgreSql)]
    [InlineData(" postgresql ", DatabaseProvider.PostgreSql)]
    public void The_engine_comes_from_Database_Provider(string? value, DatabaseProvider expected) =>
        MesaDatabase.ProviderFrom(Settings(value)).Should().Be(expected);

    [Theory]
    [InlineData("Oracle")]
    [InlineData("2")]
    public void An_unknown_engine_stops_the_start_with_a_clear_message(string value) =>
        FluentActions.Invoking(() => MesaDatabase.ProviderFrom(Settings(value)))
            .Should().Throw<DatabaseConfigurationException>().WithMessage("*Database:Provider*Sqlite o PostgreSql*");

    [Fact]
    public void PostgreSql_without_a_connection_string_is_refused()
    {
        var configuration = Settings("PostgreSql");
        FluentActions.Invoking(() => new Microsoft.Extensions.DependencyInjection.ServiceCollection()
                .AddMesaServicioCore(configuration))
            .Should().Throw<DatabaseConfigurationException>().WithMessage("*ConnectionStrings:Mesa*");
    }

    [Fact]
    public void PostgreSql_prepares_the_repeated_statements_unless_the_connection_string_says_otherwise()
    {
        var prepared = new Npgsql.NpgsqlConnectionStringBuilder(MesaDatabase.WithAutoPrepare("Host=db;Database=mesa;Password=secreto"));
        (prepared.Host, prepared.Database, prepared.Password, prepared.MaxAutoPrepare)
            .Should().Be(("db", "mesa", "secreto", MesaDatabase.PostgreSqlAutoPrepared));
        MesaDatabase.WithAutoPrepare("Host=db;Max Auto Prepare=0").Should().Be("Host=db;Max Auto Prepare=0", "0 turns it off (PgBouncer)");
        MesaDatabase.WithAutoPrepare("Host=db;maxautoprepare=8").Should().Be("Host=db;maxautoprepare=8");
    }

    private static IConfiguration Settings(string? provider) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [MesaDatabase.ProviderKey] = provider }).Build();
}
