using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace MesaServicio.RegistrationBench;

/// <summary>
/// Where a registration's time goes, one caller at a time: the whole call, the write transaction (from asking for it to
/// its commit's return: on SQLite the write lock is held for all of it), the commit alone (where the engine syncs its
/// log), and the process's CPU time per registration. The timestamps come from an EF Core transaction interceptor
/// added next to Core's own configuration of the context; nothing in Core changes.
/// </summary>
internal static class Breakdown
{
    public static async Task RunAsync(BenchDatabase database, int registrations, int pause)
    {
        var timer = new TransactionTimer();
        await using var services = await RegistrationRun.StartCoreAsync(database, null, s => s.ConfigureDbContext<MesaDbContext>(o => o.AddInterceptors(timer)));
        var register = services.GetRequiredService<RegisterCase>();
        var categories = await RegistrationRun.LeafCategoriesAsync(services);
        await RegistrationRun.SettleJitAsync(services, 1);
        var warmUp = await CountAsync(services);

        // A moment to attach a syscall counter to the measured registrations only (docs/PERFORMANCE.md: strace -c).
        Console.WriteLine($"Measuring {registrations} registrations in {pause} s (process {Environment.ProcessId})");
        await Task.Delay(TimeSpan.FromSeconds(pause));
        timer.Clear();
        var total = new List<double>();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
        var jitTime = System.Runtime.JitInfo.GetCompilationTime();
        var collections = GC.CollectionCount(0);
        for (var i = 0; i < registrations; i++)
        {
            var began = Stopwatch.GetTimestamp();
            await RegistrationRun.RegisterOneAsync(register, categories, warmUp + i);
            total.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
        }

        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / registrations;
        jitted = System.Runtime.JitInfo.GetCompiledMethodCount() - jitted;
        jitTime = System.Runtime.JitInfo.GetCompilationTime() - jitTime;
        collections = GC.CollectionCount(0) - collections;
        Console.WriteLine($"{database.Provider}, one caller, {registrations} registrations after {warmUp} warm-up ones (medians, ms):");
        Console.WriteLine($"  whole registration          {Median(total),8:F2}   (p99 {BoardBench.Stats.Percentile(total, 99):F2})");
        Console.WriteLine($"  write transaction           {Median(timer.Transactions),8:F2}   (begin requested → commit returned)");
        Console.WriteLine($"    of which the commit       {Median(timer.Commits),8:F2}   (p99 {BoardBench.Stats.Percentile(timer.Commits.ToList(), 99):F2})");
        Console.WriteLine($"  outside the transaction     {Median(total) - Median(timer.Transactions),8:F2}   (reads, context, mapping; difference of medians)");
        Console.WriteLine($"  process CPU per registration{cpu,8:F2}   (user + system, all threads)");
        Console.WriteLine($"  JIT during the measured registrations: {jitted} methods compiled, {jitTime.TotalMilliseconds:F0} ms ({jitTime.TotalMilliseconds / registrations:F2} ms per registration); {collections} gen-0 collections");
    }

    private static async Task<int> CountAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
        return await db.Cases.CountAsync();
    }

    private static double Median(IEnumerable<double> values) => BoardBench.Stats.Percentile(values.ToList(), 50);

    private sealed class TransactionTimer : DbTransactionInterceptor
    {
        private readonly ConcurrentDictionary<DbConnection, long> _began = new();
        private readonly ConcurrentDictionary<DbTransaction, long> _committing = new();

        public ConcurrentQueue<double> Transactions { get; } = new();

        public ConcurrentQueue<double> Commits { get; } = new();

        public void Clear()
        {
            Transactions.Clear();
            Commits.Clear();
        }

        public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            _began[connection] = Stopwatch.GetTimestamp();
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            _committing[transaction] = Stopwatch.GetTimestamp();
            return ValueTask.FromResult(result);
        }

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            var now = Stopwatch.GetTimestamp();
            if (_committing.TryRemove(transaction, out var committing))
            {
                Commits.Enqueue(Stopwatch.GetElapsedTime(committing, now).TotalMilliseconds);
            }

            if (eventData.Context is not null && _began.TryRemove(eventData.Context.Database.GetDbConnection(), out var began))
            {
                Transactions.Enqueue(Stopwatch.GetElapsedTime(began, now).TotalMilliseconds);
            }

            return Task.CompletedTask;
        }
    }
}
