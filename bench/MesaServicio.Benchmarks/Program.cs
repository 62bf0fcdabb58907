using System.Globalization;
using MesaServicio.Benchmarks;

if (args is ["caselist", ..])
{
    await CaseListLoop.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200);
    return;
}

if (args is ["knowledge", ..])
{
    await KnowledgeBenchmarks.RunLoopAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200);
    return;
}

BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(CaseListFixture).Assembly).Run(args);
