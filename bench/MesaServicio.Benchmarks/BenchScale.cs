namespace MesaServicio.Benchmarks;

/// <summary>
/// <c>MESA_BENCH_SMOKE=1</c> (CI's dry run in <c>.ci/run</c>, with BenchmarkDotNet's Dry job): every benchmark on a few
/// hundred rows instead of its real volume, only to prove that it still starts, seeds and runs. Never a measurement.
/// </summary>
public static class BenchScale
{
    public const int SmokeRows = 300;

    public static bool Smoke => Environment.GetEnvironmentVariable("MESA_BENCH_SMOKE") == "1";

    /// <summary><paramref name="full"/>, or at most <see cref="SmokeRows"/> in a smoke run.</summary>
    public static int Of(int full) => Smoke ? Math.Min(full, SmokeRows) : full;
}
