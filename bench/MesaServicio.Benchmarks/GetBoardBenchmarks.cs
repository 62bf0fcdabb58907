using BenchmarkDotNet.Attributes;
using MesaServicio.Core;
using MesaServicio.Core.Board;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.People;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MesaServicio.Benchmarks;

/// <summary>
/// The board's query (issue #4) over <see cref="OpenCases"/> cases on the board (every column), on a SQLite file:
/// the coordinator's whole board, an agent's board (their groups and their cases), and a search.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class GetBoardBenchmarks
{
    public const int OpenCases = 5_000;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mesa-bench", Guid.NewGuid().ToString("N"));
    private ServiceProvider _services = default!;
    private GetBoard _board = default!;
    private readonly CurrentUser _coordinator = CurrentUser.Person(SeedData.DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);
    private readonly CurrentUser _agent = CurrentUser.Person(SeedData.DemoPeople.Agent1, PersonRoles.Agent);

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Mesa"] = $"Data Source={Path.Combine(_folder, "mesa.db")}",
        }).Build();
        _services = new ServiceCollection().AddLogging().AddMesaServicioCore(configuration).BuildServiceProvider();
        _services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        using (var db = _services.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContext())
        {
            BoardSeed.SeedAsync(db, OpenCases, DateTimeOffset.UtcNow, _services.GetRequiredService<IBusinessCalendarProvider>().Current).GetAwaiter().GetResult();
        }

        _board = _services.GetRequiredService<GetBoard>();
        var total = Coordinator().GetAwaiter().GetResult().Total;
        if (total != OpenCases)
        {
            throw new InvalidOperationException($"The coordinator's board shows {total} cases, not {OpenCases}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>All 5,000 cards: the worst case.</summary>
    [Benchmark(Baseline = true)]
    public Task<BoardView> Coordinator() => _board.HandleAsync(_coordinator, BoardFilter.None, CancellationToken.None);

    /// <summary>An agent of the first level: their groups' and their own cases.</summary>
    [Benchmark]
    public Task<BoardView> Agent() => _board.HandleAsync(_agent, BoardFilter.None, CancellationToken.None);

    /// <summary>The coordinator searching words of the subject.</summary>
    [Benchmark]
    public Task<BoardView> CoordinatorSearch() => _board.HandleAsync(_coordinator, new BoardFilter(Search: "impresora"), CancellationToken.None);
}
