using System.Diagnostics;
using System.Globalization;

namespace MesaServicio.Benchmarks;

/// <summary>
/// <c>caselist [rounds]</c>: per-call latencies of the case list's scenarios, for a true p99 (BenchmarkDotNet's
/// percentiles are over iteration means, not calls). Each round runs every scenario once, in turn, so the machine's
/// noise falls on all of them alike; 20 rounds of warm-up are not counted.
/// </summary>
public static class CaseListLoop
{
    public static async Task RunAsync(int rounds)
    {
        await using var fixture = await CaseListFixture.StartAsync();
        var scenarios = CaseListScenarios.All;
        var times = scenarios.Select(_ => new List<double>(rounds)).ToArray();
        var totals = new int[scenarios.Count];
        for (var round = -20; round < rounds; round++)
        {
            for (var i = 0; i < scenarios.Count; i++)
            {
                var start = Stopwatch.GetTimestamp();
                totals[i] = await scenarios[i].Run(fixture);
                var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (round >= 0)
                {
                    times[i].Add(elapsed);
                }
            }
        }

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"// {rounds} calls each; load average before: {File.ReadAllText("/proc/loadavg").Trim()}"));
        Console.WriteLine("| Scenario | Total | Median | p90 | p99 | Max |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        for (var i = 0; i < scenarios.Count; i++)
        {
            var sorted = times[i].Order().ToArray();
            Console.WriteLine(string.Create(c,
                $"| {scenarios[i].Name} | {totals[i]:N0} | {Percentile(sorted, 50):F2} ms | {Percentile(sorted, 90):F2} ms | {Percentile(sorted, 99):F2} ms | {sorted[^1]:F2} ms |"));
        }
    }

    /// <summary>Nearest rank: the smallest value with at least p % of the calls at or below it.</summary>
    private static double Percentile(double[] sorted, int p) => sorted[Math.Max(0, (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1)];
}
