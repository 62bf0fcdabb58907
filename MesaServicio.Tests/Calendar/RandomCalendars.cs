using MesaServicio.Core.Calendar;

namespace MesaServicio.Tests.Calendar;

/// <summary>Deterministic random inputs for the calendar's property tests (a seeded <see cref="Random"/>, no packages).</summary>
internal static class RandomCalendars
{
    public static readonly TimeZoneInfo BogotaZone = TimeZoneInfo.FindSystemTimeZoneById("America/Bogota");

    private static readonly DateTimeOffset RangeStart = new(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(-5));

    private static readonly TimeSpan[] Offsets = [TimeSpan.Zero, TimeSpan.FromHours(-5), TimeSpan.FromHours(2)];

    /// <summary>
    /// A calendar with random weekly hours: each day of the week without hours (about one in four), one range, or two or three
    /// ranges with a lunch break between them, at quarter hours; national holidays on or off; random extra non-working days
    /// in 2024–2030 (some of them may fall on holidays or weekends).
    /// </summary>
    public static BusinessCalendar Create(Random random, out IReadOnlyList<DateOnly> extraDays, bool? nationalHolidays = null)
    {
        var weekly = new Dictionary<DayOfWeek, IReadOnlyList<BusinessHours>>();
        for (var d = 0; d < 7; d++)
        {
            if (random.Next(4) == 0)
            {
                continue;
            }

            weekly[(DayOfWeek)d] = RandomDay(random);
        }

        if (weekly.Count == 0)
        {
            weekly[DayOfWeek.Wednesday] = RandomDay(random);
        }

        extraDays = RandomDays(random, random.Next(0, 40));
        return new BusinessCalendar(BogotaZone, weekly, nationalHolidays ?? random.Next(5) > 0, extraDays);
    }

    /// <summary>The Colombian default (Monday–Friday 08:00–17:00, national holidays) plus <paramref name="extraDays"/>.</summary>
    public static BusinessCalendar ColombiaDefaultWith(IEnumerable<DateOnly> extraDays)
    {
        var baseline = BusinessCalendar.ColombiaDefault();
        return new BusinessCalendar(baseline.TimeZone, baseline.WeeklyHours, true, extraDays);
    }

    /// <summary><paramref name="count"/> random days of 2024–2030.</summary>
    public static IReadOnlyList<DateOnly> RandomDays(Random random, int count)
    {
        var first = new DateOnly(2024, 1, 1).DayNumber;
        var last = new DateOnly(2030, 12, 31).DayNumber;
        return Enumerable.Range(0, count).Select(_ => DateOnly.FromDayNumber(random.Next(first, last + 1))).Distinct().ToList();
    }

    /// <summary>A random instant of 2024–2030 (to the minute; seconds sometimes), in UTC, Bogotá or UTC+2.</summary>
    public static DateTimeOffset RandomInstant(Random random, int lastYear = 2030)
    {
        var minutes = (int)(new DateTimeOffset(lastYear, 12, 31, 0, 0, 0, TimeSpan.FromHours(-5)) - RangeStart).TotalMinutes;
        var instant = RangeStart.AddMinutes(random.Next(minutes));
        if (random.Next(4) == 0)
        {
            instant = instant.AddSeconds(random.Next(1, 60));
        }

        return instant.ToOffset(Offsets[random.Next(Offsets.Length)]);
    }

    /// <summary>A random length: minutes, hours or up to 60 days.</summary>
    public static TimeSpan RandomLength(Random random) => random.Next(3) switch
    {
        0 => TimeSpan.FromMinutes(random.Next(1, 600)),
        1 => TimeSpan.FromHours(random.Next(1, 24 * 7)),
        _ => TimeSpan.FromMinutes(random.Next(1, 60 * 24 * 60)),
    };

    private static BusinessHours[] RandomDay(Random random)
    {
        var ranges = new List<BusinessHours>();
        var start = (random.Next(5, 11) * 60) + (random.Next(4) * 15);
        var count = random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            var end = start + (random.Next(1, 17) * 15) + (count == 1 ? random.Next(0, 8) * 60 : 0);
            if (end > (23 * 60) + 59)
            {
                break;
            }

            ranges.Add(new BusinessHours(TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(start)), TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(end))));

            // A lunch break (or a longer gap) before the next range; sometimes none, so two ranges touch.
            start = end + (random.Next(0, 9) * 15);
        }

        return [.. ranges];
    }
}
