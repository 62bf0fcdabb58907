using System.Globalization;
using MesaServicio.Benchmarks;

if (args is ["caselist", ..])
{
    await CaseListLoop.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200);
    return 0;
}

if (args is ["knowledge", ..])
{
    await KnowledgeBenchmarks.RunLoopAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200);
    return 0;
}

var summaries = BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(CaseListFixture).Assembly).Run(args).ToList();

// A benchmark that fails (its setup throws, it does not build) is reported by BenchmarkDotNet but exits 0: say it and
// exit 1, so that CI's dry run (.ci/run) fails on a broken benchmark.
var failed = summaries
    .SelectMany(s => s.BenchmarksCases.Where(c => s.HasCriticalValidationErrors || s.Reports.All(r => r.BenchmarkCase != c) || s.Reports.Any(r => r.BenchmarkCase == c && !r.Success)))
    .Select(c => c.DisplayInfo)
    .ToList();
if (failed.Count > 0 || (BenchScale.Smoke && summaries.Count == 0))
{
    await Console.Error.WriteLineAsync(summaries.Count == 0 ? "No benchmark ran." : "Failed benchmarks:\n  " + string.Join("\n  ", failed));
    return 1;
}

return 0;
