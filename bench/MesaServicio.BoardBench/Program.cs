using System.Globalization;

namespace MesaServicio.BoardBench;

/// <summary>
/// dotnet run -c Release --project bench/MesaServicio.BoardBench -- latency --connections 200 --escalations 200
/// dotnet run -c Release --project bench/MesaServicio.BoardBench -- latency --connections 200 --escalations 200 --redis 127.0.0.1:6379 --two-nodes
/// dotnet run -c Release --project bench/MesaServicio.BoardBench -- render --cases 5000 --runs 10
/// </summary>
internal static class BenchEntry
{
    public static async Task<int> Main(string[] args)
    {
        var mode = args.FirstOrDefault() ?? "latency";
        int Option(string name, int fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        switch (mode)
        {
            case "latency":
                var redis = Array.IndexOf(args, "--redis") is var r and >= 0 && r + 1 < args.Length ? args[r + 1] : null;
                await LatencyBench.RunAsync(Option("connections", 1), Option("escalations", 100), redis, args.Contains("--two-nodes"));
                return 0;
            case "render":
                await RenderBench.RunAsync(Option("cases", 5000), Option("runs", 10));
                return 0;
            case "explain":
                await RenderBench.ExplainAsync(args[Array.IndexOf(args, "--db") + 1]);
                return 0;
            case "seed":
                // Fills a portal database with board cases, to look at /tablero with realistic volumes.
                await RenderBench.SeedAsync(args[Array.IndexOf(args, "--db") + 1], Option("cases", 300));
                return 0;
            default:
                await Console.Error.WriteLineAsync("Modes: latency [--connections N] [--escalations M] [--redis HOST:PORT [--two-nodes]] | render [--cases N] [--runs R] | seed --db FILE [--cases N]");
                return 2;
        }
    }
}
