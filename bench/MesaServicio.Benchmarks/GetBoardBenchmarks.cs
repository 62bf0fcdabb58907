using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using MesaServicio.Core;
using MesaServicio.Core.Board;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.People;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MesaServicio.Benchmarks;

/// <summary>
/// The board's read (issue #17, P4) over <see cref="Cases"/> open cases (every column), on a SQLite file: the first
/// page of every column with the counts, for the coordinator (every case), an agent of the first level (their groups
/// and their own cases), a lead, and a coordinator's search; the next page of a column; and a floor (one case read by
/// its number through EF) in the same run. The seeded database is built once per size and copied for each process.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Percentiles))]
public class GetBoardBenchmarks
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mesa-bench", Guid.NewGuid().ToString("N"));
    private ServiceProvider _services = default!;
    private IDbContextFactory<MesaDbContext> _contexts = default!;
    private GetBoard _board = default!;
    private BoardView _coordinatorView = default!;
    private readonly CurrentUser _coordinator = CurrentUser.Person(SeedData.DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);
    private readonly CurrentUser _agent = CurrentUser.Person(SeedData.DemoPeople.Agent1, PersonRoles.Agent);
    private readonly CurrentUser _lead = CurrentUser.Person(SeedData.DemoPeople.LeadFirstLevel, PersonRoles.Agent | PersonRoles.TechnicalLead);

    /// <summary>Open cases in the database.</summary>
    [ParamsSource(nameof(CaseCounts))]
    public int Cases { get; set; }

    public static IEnumerable<int> CaseCounts => [BenchScale.Of(100_000)];

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_folder);
        var file = Path.Combine(_folder, "mesa.db");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Mesa"] = $"Data Source={file}",
        }).Build();
        _services = new ServiceCollection().AddLogging().AddMesaServicioCore(configuration).BuildServiceProvider();
        _contexts = _services.GetRequiredService<IDbContextFactory<MesaDbContext>>();
        BoardSeed.CopyOrSeedAsync(_services, file, Cases).GetAwaiter().GetResult();

        _board = _services.GetRequiredService<GetBoard>();
        _coordinatorView = Coordinator().GetAwaiter().GetResult();
        if (_coordinatorView.Total != Cases)
        {
            throw new InvalidOperationException($"The coordinator's board counts {_coordinatorView.Total} cases, not {Cases}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Every case: the five first pages and the counts over all of them.</summary>
    [Benchmark(Baseline = true)]
    public Task<BoardView> Coordinator() => _board.HandleAsync(_coordinator, BoardFilter.None, CancellationToken.None);

    /// <summary>An agent of the first level: their groups' and their own cases.</summary>
    [Benchmark]
    public Task<BoardView> Agent() => _board.HandleAsync(_agent, BoardFilter.None, CancellationToken.None);

    /// <summary>The lead of the first level's category: their categories, groups and cases.</summary>
    [Benchmark]
    public Task<BoardView> Lead() => _board.HandleAsync(_lead, BoardFilter.None, CancellationToken.None);

    /// <summary>The coordinator searching words of the subject (a scan: no index serves "contains").</summary>
    [Benchmark]
    public Task<BoardView> CoordinatorSearch() => _board.HandleAsync(_coordinator, new BoardFilter(Search: "impresora"), CancellationToken.None);

    /// <summary>The coordinator's next 50 cards of the first column (keyset after the last one held).</summary>
    [Benchmark]
    public Task<BoardColumnCards> CoordinatorNextPage()
    {
        var column = _coordinatorView[BoardColumn.NewOrAssigned];
        return _board.MoreAsync(_coordinator, _coordinatorView.Scope, BoardColumn.NewOrAssigned, column.Cards[^1], CancellationToken.None);
    }

    /// <summary>The case the floor reads: the 777th (or the last of a smoke run's few).</summary>
    private string FloorNumber => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"MS-2025-{Math.Min(777, Cases):D6}");

    /// <summary>Floor: one case read by its number through EF, in the same process and database.</summary>
    [Benchmark]
    public async Task<int> FloorOneCaseByNumber()
    {
        await using var db = await _contexts.CreateDbContextAsync();
        return await db.Cases.AsNoTracking().Where(c => c.Number == FloorNumber).Select(c => c.Version).FirstAsync();
    }

    private sealed class Percentiles : ManualConfig
    {
        public Percentiles() => AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Max);
    }
}
