using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace MesaServicio.Benchmarks;

/// <summary>
/// The case list (issue #17, P4; BenchmarkDotNet's percentile columns are over iteration means and stop at P95 below the max): <c>ListCases</c>'s first page of 50 over <see cref="CaseListFixture.Cases"/> cases on a
/// SQLite file, for an agent, a technical lead, the coordinator and a requester, with and without "only open", and
/// searches; with a floor (a trivial query through EF) measured in the same run. For per-call p99 use the
/// <c>caselist</c> console mode (<see cref="CaseListLoop"/>).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[Config(typeof(Percentiles))]
public class CaseListBenchmarks
{
    private sealed class Percentiles : ManualConfig
    {
        public Percentiles() => AddColumn(StatisticColumn.P90, StatisticColumn.P95, StatisticColumn.P100);
    }

    private CaseListFixture _fixture = default!;

    [GlobalSetup]
    public void Setup() => _fixture = CaseListFixture.StartAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _fixture.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public Task<int> Floor() => CaseListScenarios.Floor(_fixture);

    [Benchmark]
    public Task<int> Agent() => CaseListScenarios.First(_fixture, CaseListFixture.Agent, onlyOpen: false);

    [Benchmark]
    public Task<int> AgentOnlyOpen() => CaseListScenarios.First(_fixture, CaseListFixture.Agent, onlyOpen: true);

    [Benchmark]
    public Task<int> TechnicalLead() => CaseListScenarios.First(_fixture, CaseListFixture.TechnicalLead, onlyOpen: false);

    [Benchmark]
    public Task<int> TechnicalLeadOnlyOpen() => CaseListScenarios.First(_fixture, CaseListFixture.TechnicalLead, onlyOpen: true);

    [Benchmark(Baseline = true)]
    public Task<int> Coordinator() => CaseListScenarios.First(_fixture, CaseListFixture.Coordinator, onlyOpen: false);

    [Benchmark]
    public Task<int> CoordinatorOnlyOpen() => CaseListScenarios.First(_fixture, CaseListFixture.Coordinator, onlyOpen: true);

    [Benchmark]
    public Task<int> Requester() => CaseListScenarios.First(_fixture, CaseListFixture.Requester, onlyOpen: false);

    [Benchmark]
    public Task<int> RequesterOnlyOpen() => CaseListScenarios.First(_fixture, CaseListFixture.Requester, onlyOpen: true);

    [Benchmark]
    public Task<int> CoordinatorSearch() => CaseListScenarios.First(_fixture, CaseListFixture.Coordinator, onlyOpen: false, "impresora");
}
