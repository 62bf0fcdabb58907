using System.Globalization;
using MesaServicio.BoardBench;
using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MesaServicio.RegistrationBench;

/// <summary>
/// dotnet run -c Release --project bench/MesaServicio.RegistrationBench -- run --engine sqlite --cases 10000 --callers 1,4,16 --runs 3
/// dotnet run -c Release --project bench/MesaServicio.RegistrationBench -- run --engine postgresql --server "Host=127.0.0.1;Port=5433;Username=mesa;Password=mesa"
/// dotnet run -c Release --project bench/MesaServicio.RegistrationBench -- sql --engine sqlite
/// dotnet run -c Release --project bench/MesaServicio.RegistrationBench -- breakdown --engine sqlite --cases 1000
/// </summary>
internal static class BenchEntry
{
    private const string DefaultServer = "Host=127.0.0.1;Port=5433;Username=mesa;Password=mesa";

    public static async Task<int> Main(string[] args)
    {
        string? Text(string name) => Array.IndexOf(args, "--" + name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int Number(string name, int fallback) => Text(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

        var mode = args.FirstOrDefault() ?? "run";
        var engine = (Text("engine") ?? "sqlite").ToUpperInvariant() switch
        {
            "SQLITE" => DatabaseProvider.Sqlite,
            "POSTGRESQL" or "POSTGRES" => DatabaseProvider.PostgreSql,
            var other => throw new ArgumentException("Unknown engine " + other),
        };
        var server = Text("server") ?? DefaultServer;
        var folder = Text("folder") ?? Path.GetTempPath();

        switch (mode)
        {
            case "run":
                var callers = (Text("callers") ?? "1,4,16").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
                return await RunAsync(engine, server, folder, callers, Number("cases", 10000), Number("warmup", 500), Number("runs", 3), args.Contains("--wal-stats"),
                    Text("experiment"));
            case "sql":
                await using (var database = await BenchDatabase.CreateAsync(engine, server, folder))
                {
                    await RoundTrips.RunAsync(database, Number("cases", 200));
                }

                return 0;
            case "breakdown":
                await using (var database = await BenchDatabase.CreateAsync(engine, server, folder))
                {
                    await Breakdown.RunAsync(database, Number("cases", 1000), Number("pause", 0));
                }

                return 0;
            default:
                await Console.Error.WriteLineAsync(
                    "Modes: run --engine sqlite|postgresql [--server CS] [--cases N] [--callers 1,4,16] [--runs R] [--warmup W] [--folder DIR] [--wal-stats] [--experiment busy-timeout|write-gate]"
                    + " | sql --engine sqlite|postgresql [--server CS] [--cases N] | breakdown --engine sqlite|postgresql [--server CS] [--cases N] [--pause S]");
                return 2;
        }
    }

    private static async Task<int> RunAsync(
        DatabaseProvider engine, string server, string folder, int[] callerCounts, int cases, int warmUp, int runs, bool walStats, string? experiment)
    {
        var configure = Experiments.For(experiment);
        Console.WriteLine($"Engine {engine}; {cases} registrations per run after {warmUp} warm-up ones; callers {string.Join(", ", callerCounts)}; {runs} runs each; "
            + $"{Environment.ProcessorCount} cores; load average {LoadAverage()}");
        if (configure is not null)
        {
            Console.WriteLine($"EXPERIMENT {experiment}: not the app's configuration (see Experiments.cs)");
        }

        await using (var probe = await BenchDatabase.CreateAsync(engine, server, folder))
        {
            await using var services = await RegistrationRun.StartCoreAsync(probe, null, configure);
            await using var db = await services.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
            Console.WriteLine("Durability as the app's own connection sees it: "
                + string.Join("; ", (await BenchDatabase.DurabilityAsync(db)).Select(s => $"{s.Setting} = {s.Value}")));
            await RegistrationRun.SettleJitAsync(services, callerCounts.Max());
        }

        var results = new List<RunResult>();
        var allVerified = true;
        Console.WriteLine();
        Console.WriteLine("| Callers | Run | Cases | Seconds | Cases/s | 1st half/s | 2nd half/s | p50 ms | p90 ms | p99 ms | max ms | CPU ms/case | JIT'd | Failures | Verified | Load avg |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var callers in callerCounts)
        {
            for (var run = 1; run <= runs; run++)
            {
                await using var database = await BenchDatabase.CreateAsync(engine, server, folder);
                var r = await RegistrationRun.RunAsync(database, callers, cases, warmUp, walStats, configure);
                results.Add(r);
                allVerified &= r.Verification.Ok && r.Failures == 0;
                Console.WriteLine(Invariant(
                    $"| {callers} | {run} | {cases} | {r.Seconds:F2} | {r.PerSecond:F0} | {r.FirstHalfPerSecond:F0} | {r.SecondHalfPerSecond:F0} | {P(r, 50):F2} | {P(r, 90):F2} | {P(r, 99):F2} | {r.LatenciesMs.Max():F2} | {r.CpuMsPerCase:F2} | {r.MethodsJitted} | {r.Failures} | {(r.Verification.Ok ? "yes" : "NO")} | {LoadAverage()} |"));
                if (!r.Verification.Ok)
                {
                    Console.WriteLine("  verification: " + r.Verification);
                }

                if (r.FirstFailure is not null)
                {
                    Console.WriteLine("  first failure: " + r.FirstFailure);
                }

                if (r.Wal is { } wal)
                {
                    Console.WriteLine(Invariant(
                        $"  pg_stat_wal over the measured registrations: {wal.Commits} commits, {wal.Syncs} WAL syncs ({(double)wal.Syncs / cases:F2} per registration), {wal.Writes} WAL writes, {wal.Records} records ({(double)wal.Records / cases:F1} per registration), {wal.Bytes / cases} bytes per registration"));
                }
            }
        }

        // The floor, on the same server in the same run: one durable single-row INSERT transaction per call.
        Console.WriteLine();
        Console.WriteLine("Floor: single-row INSERT transactions on the same server (one database per run):");
        Console.WriteLine("| Callers | Run | Rows | Rows/s | p50 ms | p99 ms | max ms |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        var floors = new List<(int Callers, double PerSecond, double P50, double P99, double Max)>();
        foreach (var callers in callerCounts)
        {
            for (var run = 1; run <= runs; run++)
            {
                await using var database = await BenchDatabase.CreateAsync(engine, server, folder);
                var (perSecond, latencies) = await InsertFloor.RunAsync(database, callers, cases);
                var f = (callers, perSecond, Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99), latencies.Max());
                floors.Add(f);
                Console.WriteLine(Invariant($"| {callers} | {run} | {cases} | {f.perSecond:F0} | {f.Item3:F2} | {f.Item4:F2} | {f.Item5:F2} |"));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Medians over the runs ({engine}):");
        Console.WriteLine("| Callers | Cases/s | p50 ms | p99 ms | max ms | runs |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var g in results.GroupBy(r => r.Callers))
        {
            double Median(Func<RunResult, double> f) => Stats.Percentile(g.Select(f).ToList(), 50);
            Console.WriteLine(Invariant(
                $"| {g.Key} | {Median(r => r.PerSecond):F0} | {Median(r => P(r, 50)):F2} | {Median(r => P(r, 99)):F2} | {Median(r => r.LatenciesMs.Max()):F2} | {g.Count()} |"));
        }

        Console.WriteLine($"Floor medians over the runs ({engine}):");
        Console.WriteLine("| Callers | Rows/s | p50 ms | p99 ms | max ms | runs |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var g in floors.GroupBy(f => f.Callers))
        {
            double Median(Func<(int Callers, double PerSecond, double P50, double P99, double Max), double> f) => Stats.Percentile(g.Select(f).ToList(), 50);
            Console.WriteLine(Invariant($"| {g.Key} | {Median(f => f.PerSecond):F0} | {Median(f => f.P50):F2} | {Median(f => f.P99):F2} | {Median(f => f.Max):F2} | {g.Count()} |"));
        }

        Console.WriteLine(allVerified ? "Every run verified: exactly the registered cases, distinct gapless numbers, their history rows." : "SOME RUN FAILED VERIFICATION");
        return allVerified ? 0 : 1;
    }

    private static double P(RunResult r, double p) => Stats.Percentile(r.LatenciesMs, p);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
