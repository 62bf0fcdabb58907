using MesaServicio.Core;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.People;
using MesaServicio.Core.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MesaServicio.Benchmarks;

/// <summary>
/// A database of <see cref="Cases"/> cases seeded by <see cref="BoardSeed"/> (every state, 24 categories, 6 groups, the
/// seeded agents, three requesters), for the case list (issue #17, P4). Seeding 100,000 cases through the domain takes
/// minutes, so the seeded SQLite file is kept in <c>$MESA_CASELIST_CACHE</c> (default <c>/tmp/mesa-caselist</c>) and
/// copied for each run; opening the copy runs the current migrations, so the indexes under test are built on it. With
/// <c>MESA_CASELIST_POSTGRES</c> set (a connection string) the cases are seeded into that PostgreSQL database instead
/// (once: it is kept when it already holds them).
/// </summary>
public sealed class CaseListFixture : IAsyncDisposable
{
    public static int Cases => BenchScale.Of(100_000);

    public static readonly CurrentUser Agent = CurrentUser.Person(SeedData.DemoPeople.Agent1, PersonRoles.Agent);
    public static readonly CurrentUser TechnicalLead = CurrentUser.Person(SeedData.DemoPeople.LeadFirstLevel, PersonRoles.Agent | PersonRoles.TechnicalLead);
    public static readonly CurrentUser Coordinator = CurrentUser.Person(SeedData.DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);
    public static readonly CurrentUser Requester = CurrentUser.Person(SeedData.DemoPeople.Requester, PersonRoles.None);

    private readonly string _folder;
    private readonly ServiceProvider _services;

    private CaseListFixture(string folder, ServiceProvider services)
    {
        _folder = folder;
        _services = services;
        List = services.GetRequiredService<ListCases>();
        Contexts = services.GetRequiredService<IDbContextFactory<MesaDbContext>>();
    }

    public ListCases List { get; }

    /// <summary>Core's services on the fixture's database.</summary>
    public IServiceProvider Services => _services;

    public IDbContextFactory<MesaDbContext> Contexts { get; }

    public static async Task<CaseListFixture> StartAsync()
    {
        var postgres = Environment.GetEnvironmentVariable("MESA_CASELIST_POSTGRES");
        var folder = Path.Combine(Path.GetTempPath(), "mesa-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var settings = new Dictionary<string, string?>();
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            settings[MesaDatabase.ProviderKey] = nameof(DatabaseProvider.PostgreSql);
            settings["ConnectionStrings:Mesa"] = postgres;
        }
        else
        {
            var cache = Environment.GetEnvironmentVariable("MESA_CASELIST_CACHE") is { Length: > 0 } c ? c : Path.Combine(Path.GetTempPath(), "mesa-caselist");
            var seeded = Path.Combine(cache, $"cases-{Cases}.db");
            if (!File.Exists(seeded))
            {
                await SeedFileAsync(seeded);
            }

            File.Copy(seeded, Path.Combine(folder, "mesa.db"));
            settings["ConnectionStrings:Mesa"] = $"Data Source={Path.Combine(folder, "mesa.db")}";
        }

        var services = Build(settings);
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        var fixture = new CaseListFixture(folder, services);
        await using (var db = await fixture.Contexts.CreateDbContextAsync())
        {
            if (!string.IsNullOrWhiteSpace(postgres) && await db.Cases.CountAsync() < Cases)
            {
                await BoardSeed.SeedAsync(db, Cases, DateTimeOffset.UtcNow, services.GetRequiredService<IBusinessCalendarProvider>().Current);
                await db.Database.ExecuteSqlRawAsync("ANALYZE");
            }
            else if (string.IsNullOrWhiteSpace(postgres))
            {
                // What the portal's connections would find after SQLite's own "PRAGMA optimize" at close.
                await db.Database.ExecuteSqlRawAsync("ANALYZE");
            }
        }

        var total = (await fixture.List.HandleAsync(new CaseListQuery(PageSize: 1), Coordinator, CancellationToken.None)).Total;
        if (total != Cases)
        {
            throw new InvalidOperationException($"The coordinator's list counts {total} cases, not {Cases}.");
        }

        return fixture;
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddLogging()
            .AddMesaServicioCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

    /// <summary>Seeds the cached file (under the migrations of the build that seeds it) and moves it into place whole.</summary>
    private static async Task SeedFileAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + ".partial";
        File.Delete(partial);
        await using (var services = Build(new() { ["ConnectionStrings:Mesa"] = $"Data Source={partial}" }))
        {
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
            await using var db = await services.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
            await BoardSeed.SeedAsync(db, Cases, DateTimeOffset.UtcNow, services.GetRequiredService<IBusinessCalendarProvider>().Current);
        }

        SqliteConnection.ClearAllPools();
        File.Move(partial, path);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
