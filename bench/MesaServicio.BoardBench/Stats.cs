using System.Globalization;

namespace MesaServicio.BoardBench;

/// <summary>Percentiles of a sample (nearest rank).</summary>
internal static class Stats
{
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static string Summary(IReadOnlyList<double> ms) => string.Create(CultureInfo.InvariantCulture,
        $"n={ms.Count} p50={Percentile(ms, 50):F2} ms p75={Percentile(ms, 75):F2} ms p90={Percentile(ms, 90):F2} ms p99={Percentile(ms, 99):F2} ms max={ms.Max():F2} ms min={ms.Min():F2} ms");
}
