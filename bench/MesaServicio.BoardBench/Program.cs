using System.Globalization;

namespace MesaServicio.BoardBench;

/// <summary>
/// Modes (docs/PERFORMANCE.md, "Live board at scale (issue #17)"); <c>--dry</c> runs any of them in seconds (CI).
/// dotnet run -c Release --project bench/MesaServicio.BoardBench -- feed-latency --cases 100000 --pages 20 --subscriptions 1000 --changes 200
/// dotnet run -c Release --project bench/MesaServicio.BoardBench -- memory --cases 100000
/// dotnet run -c Release --project bench/MesaServicio.BoardBench -- navigation --cases 100000 --loads 10
/// dotnet run -c Release --project bench/MesaServicio.BoardBench -- move --cases 100000 --moves 30
/// dotnet run -c Release --project bench/MesaServicio.BoardBench -- render --cases 5000 --runs 10
/// </summary>
internal static class BenchEntry
{
    public static async Task<int> Main(string[] args)
    {
        var mode = args.FirstOrDefault() ?? "";
        var dry = args.Contains("--dry");
        int Option(string name, int fallback, int dryFallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : dry ? dryFallback : fallback;
        }

        switch (mode)
        {
            case "feed-latency":
                await BrowserBench.FeedLatencyAsync(Option("cases", 100_000, 500), Option("pages", 20, 2), Option("subscriptions", 1000, 20),
                    Option("changes", 200, 5), Option("gap", 15, 15));
                return 0;
            case "memory":
                await BrowserBench.MemoryAsync(Option("cases", 100_000, 500), dry ? [1, 2, 3] : [10, 30, 60]);
                return 0;
            case "navigation":
                await BrowserBench.NavigationAsync(Option("cases", 100_000, 500), Option("loads", 10, 2));
                return 0;
            case "move":
                await BrowserBench.MoveAsync(Option("cases", 100_000, 500), Option("moves", 30, 2));
                return 0;
            case "render":
                await RenderBench.RunAsync(Option("cases", 5000, 300), Option("runs", 10, 1));
                return 0;
            case "explain":
                await RenderBench.ExplainAsync(args[Array.IndexOf(args, "--db") + 1]);
                return 0;
            case "seed":
                // Fills a portal database with board cases, to look at /tablero with realistic volumes.
                await RenderBench.SeedAsync(args[Array.IndexOf(args, "--db") + 1], Option("cases", 300, 300));
                return 0;
            default:
                await Console.Error.WriteLineAsync(
                    "Modes: feed-latency [--cases N] [--pages P] [--subscriptions S] [--changes C] [--gap MS] | memory [--cases N] | navigation [--cases N] [--loads L] "
                    + "| move [--cases N] [--moves M] | render [--cases N] [--runs R] | seed --db FILE [--cases N] | explain --db FILE; add --dry to any for a run of seconds");
                return 2;
        }
    }
}
