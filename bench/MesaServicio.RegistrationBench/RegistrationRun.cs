using System.Diagnostics;
using System.Runtime;
using MesaServicio.Core;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Catalog;
using MesaServicio.Core.People;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.RegistrationBench;

/// <summary>What one run measured and found.</summary>
internal sealed record RunResult(
    int Callers,
    int Cases,
    double Seconds,
    double FirstHalfPerSecond,
    double SecondHalfPerSecond,
    IReadOnlyList<double> LatenciesMs,
    int Failures,
    string? FirstFailure,
    Verification Verification,
    WalCounters? Wal,
    double CpuMsPerCase,
    long MethodsJitted)
{
    public double PerSecond => Cases / Seconds;
}

/// <summary>What the database holds after a run, against what the run registered.</summary>
internal sealed record Verification(int Expected, int Cases, int DistinctNumbers, int LastSequence, int RegisteredRows, int AssignedRows, int AssignedCases, int HistoryRows, int OrphanHistoryRows)
{
    /// <summary>Every registration landed once, with a number of its own, gapless, and its history (registered, and assigned when routed).</summary>
    public bool Ok =>
        Cases == Expected && DistinctNumbers == Expected && LastSequence == Expected && RegisteredRows == Expected
        && AssignedRows == AssignedCases && HistoryRows == RegisteredRows + AssignedRows && OrphanHistoryRows == 0;
}

/// <summary>
/// One run: Core wired as the app wires it (<see cref="DependencyInjection.AddMesaServicioCore"/>) on a fresh database,
/// migrated and seeded by <see cref="DatabaseInitializer"/>; <c>warmUp</c> registrations with the same callers, then
/// <c>cases</c> registrations by <c>callers</c> concurrent callers, each timed around
/// <see cref="RegisterCase.HandleAsync"/>; then a check of what the database holds.
/// </summary>
internal static class RegistrationRun
{
    private static readonly Guid[] Requesters = [DemoPeople.Requester, DemoPeople.Requester2, DemoPeople.Requester3];

    public static async Task<RunResult> RunAsync(BenchDatabase database, int callers, int cases, int warmUp, bool walStats, Action<IServiceCollection>? configure)
    {
        await using var services = await StartCoreAsync(database, null, configure);
        var register = services.GetRequiredService<RegisterCase>();
        var categories = await LeafCategoriesAsync(services);

        await RegisterManyAsync(register, categories, callers, warmUp, 0);
        var before = walStats ? await database.WalCountersAsync() : (WalCounters?)null;

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var jitted = JitInfo.GetCompiledMethodCount();
        var (seconds, halfSeconds, latencies, failures, firstFailure) = await RegisterManyAsync(register, categories, callers, cases, warmUp);
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        jitted = JitInfo.GetCompiledMethodCount() - jitted;
        var wal = walStats ? (await database.WalCountersAsync()).Since(before!.Value) : (WalCounters?)null;

        var verification = await VerifyAsync(services, warmUp + cases);
        return new RunResult(callers, cases, seconds, cases / 2 / halfSeconds, (cases - (cases / 2)) / (seconds - halfSeconds),
            latencies, failures, firstFailure, verification, wal, cpu.TotalMilliseconds / cases, jitted);
    }

    /// <summary>
    /// Registers on a throwaway database until the JIT has little left to compile. Tiered compilation recompiles
    /// EF Core's hot paths in the background for thousands of calls, and on two busy cores that background work
    /// would otherwise be measured as registration time; a long-running portal has long finished it.
    /// </summary>
    public static async Task SettleJitAsync(IServiceProvider services, int callers)
    {
        var register = services.GetRequiredService<RegisterCase>();
        var categories = await LeafCategoriesAsync(services);
        const int batch = 250;
        for (var done = 0; done < 10000; done += batch)
        {
            var before = JitInfo.GetCompiledMethodCount();
            var began = Stopwatch.GetTimestamp();
            await RegisterManyAsync(register, categories, done / batch % 2 == 0 ? 1 : callers, batch, done);
            var compiled = JitInfo.GetCompiledMethodCount() - before;
            Console.WriteLine($"  JIT warm-up: {done + batch} registrations, {compiled} methods compiled in the last {batch} ({batch / Stopwatch.GetElapsedTime(began).TotalSeconds:F0}/s)");
            if (compiled < 10 && done >= 2 * batch)
            {
                return;
            }
        }
    }

    /// <summary>Core as the app starts it, on <paramref name="database"/>; <paramref name="logging"/> adds log providers, <paramref name="configure"/> services.</summary>
    public static async Task<ServiceProvider> StartCoreAsync(BenchDatabase database, Action<ILoggingBuilder>? logging, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings).Build();
        var collection = new ServiceCollection()
            .AddLogging(b =>
            {
                b.SetMinimumLevel(LogLevel.Warning);
                logging?.Invoke(b);
            })
            .AddMesaServicioCore(configuration);
        configure?.Invoke(collection);
        var services = collection.BuildServiceProvider();
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        return services;
    }

    /// <summary>The active leaf categories: registrations spread over every group, as real ones do.</summary>
    public static async Task<int[]> LeafCategoriesAsync(IServiceProvider services)
    {
        var tree = await services.GetRequiredService<CategoryTree>().GetAsync(CancellationToken.None);
        IEnumerable<CategoryNode> Leaves(CategoryNode node) => node.Children.Count == 0 ? [node] : node.Children.SelectMany(Leaves);
        return tree.SelectMany(Leaves).Select(c => c.Id).ToArray();
    }

    /// <summary>Registration number <paramref name="i"/>: a requester filing for themself in the portal.</summary>
    public static Task<CaseChangeResult> RegisterOneAsync(RegisterCase register, int[] categories, int i)
    {
        var requester = Requesters[i % Requesters.Length];
        var kind = i % 4 == 0 ? CaseKind.Request : CaseKind.Incident;
        var impact = (Impact)(1 + (i % 3));
        var urgency = (Urgency)(1 + (i / 3 % 3));
        return register.HandleAsync(
            new RegisterCaseCommand(kind, categories[i % categories.Length], "Caso de medición " + i,
                "No funciona la aplicación desde esta mañana; el mensaje de error se repite al volver a entrar.", impact, urgency,
                CaseChannel.Portal, requester),
            CurrentUser.Person(requester, PersonRoles.None), CancellationToken.None);
    }

    private static async Task<(double Seconds, double HalfSeconds, double[] LatenciesMs, int Failures, string? FirstFailure)> RegisterManyAsync(
        RegisterCase register, int[] categories, int callers, int count, int offset)
    {
        var latencies = new double[count];
        var next = -1;
        var done = 0;
        var failures = 0;
        string? firstFailure = null;
        long halfAt = 0;
        var start = Stopwatch.GetTimestamp();

        async Task Caller()
        {
            while (Interlocked.Increment(ref next) is var i && i < count)
            {
                var began = Stopwatch.GetTimestamp();
                try
                {
                    await RegisterOneAsync(register, categories, offset + i);
                }
#pragma warning disable CA1031 // A failed registration is counted and reported, not allowed to stop the run.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstFailure, ex.GetType().Name + ": " + ex.Message, null);
                }

                var ended = Stopwatch.GetTimestamp();
                latencies[i] = Stopwatch.GetElapsedTime(began, ended).TotalMilliseconds;
                if (Interlocked.Increment(ref done) == count / 2)
                {
                    halfAt = ended;
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(Caller)));
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var halfSeconds = halfAt == 0 ? seconds / 2 : Stopwatch.GetElapsedTime(start, halfAt).TotalSeconds;
        return (seconds, halfSeconds, latencies, failures, firstFailure);
    }

    private static async Task<Verification> VerifyAsync(IServiceProvider services, int expected)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
        var cases = await db.Cases.CountAsync();
        var distinct = await db.Cases.Select(c => c.Number).Distinct().CountAsync();
        var lastSequence = await db.CaseNumberSequences.SumAsync(s => s.LastValue);
        var registered = await db.CaseHistory.CountAsync(h => h.Action == CaseAction.Registered);
        var assigned = await db.CaseHistory.CountAsync(h => h.Action == CaseAction.Assigned);
        var assignedCases = await db.Cases.CountAsync(c => c.AssigneeId != null);
        var history = await db.CaseHistory.CountAsync();
        var orphans = await db.CaseHistory.CountAsync(h => !db.Cases.Any(c => c.Id == h.CaseId));
        return new Verification(expected, cases, distinct, lastSequence, registered, assigned, assignedCases, history, orphans);
    }
}
