using System.Globalization;
using MesaServicio.Core.Calendar;

namespace MesaServicio.Tests.Calendar;

/// <summary>
/// Compares <see cref="BusinessCalendar"/> with a deliberately naive minute-by-minute implementation on
/// seeded random inputs, including a zone with daylight saving time.
/// </summary>
[Trait("Pass", "Once")]
public sealed class BusinessCalendarReferenceTests
{
    private static readonly TimeSpan[] InputOffsets =
        [TimeSpan.FromHours(-5), TimeSpan.Zero, TimeSpan.FromHours(2), TimeSpan.FromHours(-8), new TimeSpan(5, 30, 0)];

    private static readonly IReadOnlyList<BusinessHours> OfficeDay = [new BusinessHours(new TimeOnly(8, 0), new TimeOnly(17, 0))];

    [Fact]
    public void Default_calendar_matches_the_naive_reference_on_random_inputs()
    {
        var calendar = BusinessCalendar.ColombiaDefault();
        var naive = new NaiveCalendar(calendar);

        CompareOnRandomInputs(calendar, naive, seed: 20250717, new DateTime(2025, 1, 1), new DateTime(2027, 12, 20), cases: 150);
    }

    [Fact]
    public void Custom_calendar_matches_the_naive_reference_on_random_inputs()
    {
        var calendar = new BusinessCalendar(
            TimeZoneInfo.FindSystemTimeZoneById("America/Bogota"),
            new Dictionary<DayOfWeek, IReadOnlyList<BusinessHours>>
            {
                [DayOfWeek.Monday] = BusinessCalendarTests.WorkDay,
                [DayOfWeek.Tuesday] = BusinessCalendarTests.WorkDay,
                [DayOfWeek.Wednesday] = [new BusinessHours(new TimeOnly(7, 30), new TimeOnly(11, 45)), new BusinessHours(new TimeOnly(14, 15), new TimeOnly(19, 0))],
                [DayOfWeek.Thursday] = BusinessCalendarTests.WorkDay,
                [DayOfWeek.Friday] = BusinessCalendarTests.WorkDay,
                [DayOfWeek.Saturday] = [new BusinessHours(new TimeOnly(9, 0), new TimeOnly(13, 0))],
            },
            nationalHolidays: true,
            extraNonWorkingDays: [new DateOnly(2026, 7, 24), new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 31), new DateOnly(2027, 4, 1)]);
        var naive = new NaiveCalendar(calendar);

        CompareOnRandomInputs(calendar, naive, seed: 42, new DateTime(2026, 6, 1), new DateTime(2027, 6, 1), cases: 150);
    }

    [Fact]
    public void Zone_with_daylight_saving_matches_the_naive_reference_around_transitions()
    {
        var calendar = Madrid(OfficeDay);
        var naive = new NaiveCalendar(calendar);

        // Spain moves its clocks on 29 March 2026 (+01:00 -> +02:00) and 25 October 2026 (back).
        CompareOnRandomInputs(calendar, naive, seed: 7, new DateTime(2026, 3, 20), new DateTime(2026, 4, 3), cases: 60);
        CompareOnRandomInputs(calendar, naive, seed: 8, new DateTime(2026, 10, 16), new DateTime(2026, 10, 30), cases: 60);
    }

    [Fact]
    public void Bogota_daylight_saving_of_1992_is_handled_like_the_time_zone_database()
    {
        var calendar = BusinessCalendar.ColombiaDefault();
        var naive = new NaiveCalendar(calendar);

        // Colombia used daylight saving time between May 1992 and 1993 (whatever the local tz database says,
        // the reference converts with TimeZoneInfo too).
        CompareOnRandomInputs(calendar, naive, seed: 1992, new DateTime(1992, 4, 20), new DateTime(1993, 5, 10), cases: 80);
    }

    [Fact]
    public void Business_time_is_wall_clock_time_across_daylight_saving_changes()
    {
        IReadOnlyList<BusinessHours> allDay = [new BusinessHours(TimeOnly.MinValue, new TimeOnly(23, 59))];
        var calendar = Madrid(allDay, includeWeekends: true);

        // Spring forward (02:00 -> 03:00): 11 h elapse, 12 h of wall clock are counted.
        calendar.BusinessTimeBetween(
                P("2026-03-29T00:00+01:00"),
                P("2026-03-29T12:00+02:00"))
            .Should().Be(TimeSpan.FromHours(12));

        // Skipped wall times are reached at the transition instant.
        var beforeGap = P("2026-03-29T01:30+01:00");
        var afterGap = P("2026-03-29T03:00+02:00");
        calendar.AddBusinessTime(beforeGap, TimeSpan.FromMinutes(30)).Should().BeExactly(afterGap);
        calendar.AddBusinessTime(beforeGap, TimeSpan.FromMinutes(45)).Should().BeExactly(afterGap, "02:15 never shows on the clock");
        calendar.AddBusinessTime(beforeGap, TimeSpan.FromMinutes(90)).Should().BeExactly(afterGap);
        calendar.AddBusinessTime(beforeGap, TimeSpan.FromMinutes(91))
            .Should().BeExactly(P("2026-03-29T03:01+02:00"));

        // Fall back (03:00 -> 02:00): 13 h elapse, the repeated hour is counted once.
        calendar.BusinessTimeBetween(
                P("2026-10-25T00:00+02:00"),
                P("2026-10-25T12:00+01:00"))
            .Should().Be(TimeSpan.FromHours(12));
        var firstPass = P("2026-10-25T02:30+02:00");
        calendar.AddBusinessTime(firstPass, TimeSpan.FromMinutes(30))
            .Should().BeExactly(P("2026-10-25T02:00+01:00"));
        calendar.AddBusinessTime(firstPass, TimeSpan.FromMinutes(31))
            .Should().BeExactly(P("2026-10-25T03:01+01:00"));
        calendar.BusinessTimeBetween(firstPass, P("2026-10-25T02:45+01:00"))
            .Should().Be(TimeSpan.FromMinutes(30));
    }

    [Fact]
    public void Output_offsets_follow_the_zone_rules()
    {
        var calendar = Madrid(OfficeDay);

        calendar.EndOfNthBusinessDayAfter(P("2026-03-26T10:00+01:00"), 2)
            .Should().BeExactly(P("2026-03-30T17:00+02:00"));
        calendar.AddBusinessTime(P("2026-10-23T16:00+02:00"), TimeSpan.FromHours(2))
            .Should().BeExactly(P("2026-10-26T09:00+01:00"));
    }

    private static BusinessCalendar Madrid(IReadOnlyList<BusinessHours> hours, bool includeWeekends = false) =>
        new(TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid"),
            Enum.GetValues<DayOfWeek>()
                .Where(d => includeWeekends || d is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                .ToDictionary(d => d, _ => hours),
            nationalHolidays: false,
            extraNonWorkingDays: []);

    private static DateTimeOffset P(string literal) => DateTimeOffset.Parse(literal, CultureInfo.InvariantCulture);

    private static void CompareOnRandomInputs(
        BusinessCalendar calendar, NaiveCalendar naive, int seed, DateTime fromLocal, DateTime toLocal, int cases)
    {
        var random = new Random(seed);
        var spanMinutes = (int)(toLocal - fromLocal).TotalMinutes;
        for (var i = 0; i < cases; i++)
        {
            var start = RandomInstant(random, calendar.TimeZone, fromLocal, spanMinutes);
            var duration = TimeSpan.FromMinutes(random.Next(1, 4 * 9 * 60));

            var expected = naive.AddBusinessTime(start, duration);
            var actual = calendar.AddBusinessTime(start, duration);

            actual.Should().Be(expected, "AddBusinessTime({0:o}, {1}) must match the reference", start, duration);
            actual.Offset.Should().Be(calendar.TimeZone.GetUtcOffset(actual), "outputs carry the zone's offset");
            calendar.BusinessTimeBetween(start, actual).Should().Be(duration, "round trip from {0:o}", start);

            var to = start.AddMinutes(random.Next(0, 10 * 24 * 60));
            calendar.BusinessTimeBetween(start, to).Should().Be(naive.BusinessTimeBetween(start, to),
                "BusinessTimeBetween({0:o}, {1:o}) must match the reference", start, to);

            var n = random.Next(1, 6);
            calendar.EndOfNthBusinessDayAfter(start, n).Should().Be(naive.EndOfNthBusinessDayAfter(start, n),
                "EndOfNthBusinessDayAfter({0:o}, {1}) must match the reference", start, n);
        }
    }

    private static DateTimeOffset RandomInstant(Random random, TimeZoneInfo zone, DateTime fromLocal, int spanMinutes)
    {
        var local = fromLocal.AddMinutes(random.Next(spanMinutes));
        var utc = TimeZoneInfo.ConvertTimeToUtc(zone.IsInvalidTime(local) ? local.AddHours(1) : local, zone);
        return new DateTimeOffset(utc, TimeSpan.Zero).ToOffset(InputOffsets[random.Next(InputOffsets.Length)]);
    }

    /// <summary>Minute-by-minute reference: obviously right, obviously slow.</summary>
    private sealed class NaiveCalendar(BusinessCalendar configuration)
    {
        private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

        public TimeSpan BusinessTimeBetween(DateTimeOffset from, DateTimeOffset to)
        {
            var minutes = 0;
            for (var t = from; t < to; t += Minute)
            {
                if (IsBusinessMinute(t))
                {
                    minutes++;
                }
            }

            return TimeSpan.FromMinutes(minutes);
        }

        public DateTimeOffset AddBusinessTime(DateTimeOffset start, TimeSpan duration)
        {
            var remaining = (int)duration.TotalMinutes;
            var t = start;
            while (remaining > 0)
            {
                if (IsBusinessMinute(t))
                {
                    remaining--;
                }

                t += Minute;
            }

            return t;
        }

        public DateTimeOffset EndOfNthBusinessDayAfter(DateTimeOffset instant, int n)
        {
            var day = LocalDay(instant);
            while (n > 0)
            {
                day = day.AddDays(1);
                if (IsBusinessDay(day))
                {
                    n--;
                }
            }

            var close = day.ToDateTime(configuration.WeeklyHours[day.DayOfWeek][^1].End);
            return new DateTimeOffset(close, configuration.TimeZone.GetUtcOffset(close));
        }

        private DateOnly LocalDay(DateTimeOffset instant) =>
            DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, configuration.TimeZone).DateTime);

        private bool IsBusinessDay(DateOnly day) =>
            configuration.WeeklyHours.ContainsKey(day.DayOfWeek)
            && !configuration.ExtraNonWorkingDays.Contains(day)
            && !(configuration.NationalHolidays && ColombianHolidays.For(day.Year).Contains(day));

        private bool IsBusinessMinute(DateTimeOffset instant)
        {
            var local = TimeZoneInfo.ConvertTime(instant, configuration.TimeZone).DateTime;
            var day = DateOnly.FromDateTime(local);
            if (!IsBusinessDay(day))
            {
                return false;
            }

            var time = TimeOnly.FromDateTime(local);
            foreach (var range in configuration.WeeklyHours[day.DayOfWeek])
            {
                if (time >= range.Start && time < range.End)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
