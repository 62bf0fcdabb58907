using BenchmarkDotNet.Attributes;
using MesaServicio.Core.Calendar;

namespace MesaServicio.Benchmarks;

/// <summary>
/// ANS due-date computation (issue #2). Each benchmark processes a batch of <see cref="Batch"/>
/// precomputed open cases, so the reported time per operation is the cost of one computation and
/// <c>Mean × 100,000</c> is the time to recompute 100,000 open cases. Goal: at least 1,000,000
/// computations per second on one core.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[OperationsPerSecond]
public class AnsDueDateBenchmarks
{
    /// <summary>Open cases per invocation.</summary>
    public const int Batch = 100_000;

    private static readonly TimeSpan[] DurationMix =
    [
        TimeSpan.FromHours(2),
        TimeSpan.FromHours(8),
        TimeSpan.FromHours(16),
        TimeSpan.FromHours(27), // 3 business days worth of 9 h days
    ];

    private static readonly int[] BusinessDayMix = [1, 3, 5, 15];

    private readonly DateTimeOffset[] _starts = new DateTimeOffset[Batch];
    private readonly DateTimeOffset[] _ends = new DateTimeOffset[Batch];
    private readonly TimeSpan[] _durations = new TimeSpan[Batch];
    private readonly int[] _businessDays = new int[Batch];
    private BusinessCalendar _calendar = null!;
    private TimeZoneInfo _zone = null!;

    [GlobalSetup]
    public void Setup()
    {
        _calendar = BusinessCalendar.ColombiaDefault();
        _zone = _calendar.TimeZone;
        var random = new Random(2026);
        var yearStart = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < Batch; i++)
        {
            // Cases arrive at any minute of a year, 24/7 (web channel); half the timestamps come in UTC
            // (as stored), half in Bogotá time (as typed).
            var start = yearStart.AddMinutes(random.Next(365 * 24 * 60));
            _starts[i] = i % 2 == 0 ? start : start.ToOffset(TimeSpan.FromHours(-5));
            _ends[i] = start.AddMinutes(random.Next(1, 30 * 24 * 60));
            _durations[i] = DurationMix[random.Next(DurationMix.Length)];
            _businessDays[i] = BusinessDayMix[random.Next(BusinessDayMix.Length)];
        }

        // Build the lazy day index outside the measurements.
        _ = _calendar.AddBusinessTime(_starts[0], _durations[0]);
    }

    /// <summary>Due date of an ANS in business hours: 2 h, 8 h, 16 h or 27 h (3 business days).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public long AddBusinessTime()
    {
        long checksum = 0;
        for (var i = 0; i < _starts.Length; i++)
        {
            checksum += _calendar.AddBusinessTime(_starts[i], _durations[i]).UtcTicks;
        }

        return checksum;
    }

    /// <summary>Business time elapsed on a case open up to 30 days.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public long BusinessTimeBetween()
    {
        long checksum = 0;
        for (var i = 0; i < _starts.Length; i++)
        {
            checksum += _calendar.BusinessTimeBetween(_starts[i], _ends[i]).Ticks;
        }

        return checksum;
    }

    /// <summary>Due date of an ANS in business days: 1, 3, 5 or 15.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public long EndOfNthBusinessDayAfter()
    {
        long checksum = 0;
        for (var i = 0; i < _starts.Length; i++)
        {
            checksum += _calendar.EndOfNthBusinessDayAfter(_starts[i], _businessDays[i]).UtcTicks;
        }

        return checksum;
    }

    /// <summary>
    /// Reference point, not a calendar operation: one <see cref="TimeZoneInfo.ConvertTime(DateTimeOffset, TimeZoneInfo)"/>,
    /// the conversion the day index avoids (an operation would need at least two).
    /// </summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public long TimeZoneInfoConvertTime()
    {
        long checksum = 0;
        for (var i = 0; i < _starts.Length; i++)
        {
            checksum += TimeZoneInfo.ConvertTime(_starts[i], _zone).Ticks;
        }

        return checksum;
    }
}
