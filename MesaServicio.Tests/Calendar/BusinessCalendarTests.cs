using MesaServicio.Core.Calendar;

namespace MesaServicio.Tests.Calendar;

/// <summary>
/// Behaviour of <see cref="BusinessCalendar"/> on hand-checked cases. July 2026 in Bogotá:
/// Fri 10, Sat 11, Sun 12, Mon 13 ... Fri 17, Sat 18, Sun 19, Mon 20 (holiday), Tue 21.
/// </summary>
[Trait("Pass", "Once")]
public sealed class BusinessCalendarTests
{
    private static readonly BusinessCalendar Colombia = BusinessCalendar.ColombiaDefault();

    [Fact]
    public void Default_calendar_is_a_single_bogota_instance()
    {
        BusinessCalendar.ColombiaDefault().Should().BeSameAs(Colombia);
        Colombia.TimeZone.Id.Should().Be("America/Bogota");
        Colombia.NationalHolidays.Should().BeTrue();
        Colombia.WeeklyHours.Keys.Should().BeEquivalentTo(
            [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday]);
        Colombia.ExtraNonWorkingDays.Should().BeEmpty();
    }

    [Fact]
    public void Business_days_exclude_weekends_and_holidays()
    {
        Colombia.IsBusinessDay(new DateOnly(2026, 7, 17)).Should().BeTrue();
        Colombia.IsBusinessDay(new DateOnly(2026, 7, 18)).Should().BeFalse();
        Colombia.IsBusinessDay(new DateOnly(2026, 7, 19)).Should().BeFalse();
        Colombia.IsBusinessDay(new DateOnly(2026, 7, 20)).Should().BeFalse("20 July is a national holiday");
        Colombia.IsBusinessDay(new DateOnly(2026, 7, 21)).Should().BeTrue();
    }

    [Fact]
    public void ToLocal_expresses_the_instant_in_bogota_time()
    {
        var local = Colombia.ToLocal(new DateTimeOffset(2026, 7, 15, 21, 0, 0, TimeSpan.Zero));
        local.Should().BeExactly(At("2026-07-15T16:00-05:00"));
        local.Offset.Should().Be(TimeSpan.FromHours(-5));
    }

    [Theory]
    [InlineData("2026-07-15T16:00-05:00", 1, "2026-07-15T17:00-05:00")] // last hour of the day completes it: 17:00, not 08:00 next day
    [InlineData("2026-07-15T16:00-05:00", 2, "2026-07-16T09:00-05:00")]
    [InlineData("2026-07-15T10:00-05:00", 8, "2026-07-16T09:00-05:00")]
    [InlineData("2026-07-15T20:00-05:00", 1, "2026-07-16T09:00-05:00")] // after closing
    [InlineData("2026-07-16T03:00-05:00", 1, "2026-07-16T09:00-05:00")] // overnight
    [InlineData("2026-07-15T06:00-05:00", 1, "2026-07-15T09:00-05:00")] // before opening
    [InlineData("2026-07-15T08:00-05:00", 9, "2026-07-15T17:00-05:00")]
    [InlineData("2026-07-10T16:00-05:00", 2, "2026-07-13T09:00-05:00")] // across a weekend
    [InlineData("2026-07-11T10:00-05:00", 1, "2026-07-13T09:00-05:00")] // start on a Saturday
    [InlineData("2026-07-12T23:59-05:00", 9, "2026-07-13T17:00-05:00")] // start on a Sunday
    [InlineData("2026-07-17T16:00-05:00", 2, "2026-07-21T09:00-05:00")] // across weekend + holiday (Mon 20 July)
    [InlineData("2026-07-20T10:00-05:00", 1, "2026-07-21T09:00-05:00")] // start on the holiday
    [InlineData("2026-07-17T10:00-05:00", 16, "2026-07-21T17:00-05:00")]
    [InlineData("2026-07-06T08:00-05:00", 90, "2026-07-17T17:00-05:00")] // two weeks: 10 business days
    [InlineData("2026-07-06T08:00-05:00", 135, "2026-07-27T17:00-05:00")] // three weeks with the holiday: 15 business days
    [InlineData("2025-12-31T16:00-05:00", 2, "2026-01-02T09:00-05:00")] // across New Year's Day
    public void AddBusinessTime_in_bogota(string start, int hours, string expected)
    {
        var result = Colombia.AddBusinessTime(At(start), TimeSpan.FromHours(hours));

        result.Should().BeExactly(At(expected));
    }

    [Fact]
    public void Three_business_days_worth_of_hours_skip_weekend_and_holiday()
    {
        var result = Colombia.AddBusinessTime(At("2026-07-16T11:30-05:00"), TimeSpan.FromHours(27));

        // Thu 16: 5.5 h, Fri 17: 9 h, Tue 21: 9 h, Wed 22: 3.5 h.
        result.Should().BeExactly(At("2026-07-22T11:30-05:00"));
    }

    [Fact]
    public void Inputs_in_utc_or_other_offsets_give_the_same_instant()
    {
        var bogota = At("2026-07-15T16:00-05:00");
        var utc = new DateTimeOffset(2026, 7, 15, 21, 0, 0, TimeSpan.Zero);
        var madrid = new DateTimeOffset(2026, 7, 15, 23, 0, 0, TimeSpan.FromHours(2));
        var expected = At("2026-07-16T09:00-05:00");

        foreach (var start in new[] { bogota, utc, madrid })
        {
            var result = Colombia.AddBusinessTime(start, TimeSpan.FromHours(2));
            result.Should().BeExactly(expected, "the output carries the Bogotá offset whatever the input offset");
            Colombia.BusinessTimeBetween(start, result).Should().Be(TimeSpan.FromHours(2));
            Colombia.EndOfNthBusinessDayAfter(start, 1).Should().BeExactly(At("2026-07-16T17:00-05:00"));
        }
    }

    [Fact]
    public void Utc_instant_is_placed_on_its_bogota_day()
    {
        // 03:00 UTC on Friday is still Thursday 22:00 in Bogotá.
        var instant = new DateTimeOffset(2026, 7, 17, 3, 0, 0, TimeSpan.Zero);

        Colombia.EndOfNthBusinessDayAfter(instant, 1).Should().BeExactly(At("2026-07-17T17:00-05:00"));
        Colombia.AddBusinessTime(instant, TimeSpan.FromMinutes(30)).Should().BeExactly(At("2026-07-17T08:30-05:00"));
    }

    [Fact]
    public void Zero_duration_returns_the_start()
    {
        var start = new DateTimeOffset(2026, 7, 18, 15, 0, 0, TimeSpan.Zero); // a Saturday

        var result = Colombia.AddBusinessTime(start, TimeSpan.Zero);

        result.Should().Be(start);
        result.Offset.Should().Be(TimeSpan.FromHours(-5));
    }

    [Fact]
    public void Negative_duration_is_rejected()
    {
        var act = () => Colombia.AddBusinessTime(At("2026-07-15T10:00-05:00"), TimeSpan.FromMinutes(-1));

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("duration");
    }

    [Theory]
    [InlineData("2026-07-17T10:00-05:00", "2026-07-21T10:00-05:00", 9 * 60)] // weekend + holiday in between
    [InlineData("2026-07-15T10:00-05:00", "2026-07-15T10:30-05:00", 30)]
    [InlineData("2026-07-15T06:00-05:00", "2026-07-15T20:00-05:00", 9 * 60)]
    [InlineData("2026-07-18T00:00-05:00", "2026-07-21T00:00-05:00", 0)]
    [InlineData("2026-07-15T17:00-05:00", "2026-07-16T08:00-05:00", 0)]
    [InlineData("2026-07-06T08:00-05:00", "2026-07-27T17:00-05:00", 135 * 60)]
    [InlineData("2026-07-15T12:00-05:00", "2026-07-15T12:00-05:00", 0)]
    [InlineData("2026-07-16T12:00-05:00", "2026-07-15T12:00-05:00", 0)] // reversed interval
    public void BusinessTimeBetween_in_bogota(string from, string to, int minutes)
    {
        Colombia.BusinessTimeBetween(At(from), At(to)).Should().Be(TimeSpan.FromMinutes(minutes));
    }

    [Theory]
    [InlineData("2026-07-17T10:00-05:00", 1, "2026-07-21T17:00-05:00")] // Friday; Monday 20 July is a holiday
    [InlineData("2026-07-17T10:00-05:00", 3, "2026-07-23T17:00-05:00")]
    [InlineData("2026-07-16T10:00-05:00", 1, "2026-07-17T17:00-05:00")]
    [InlineData("2026-07-16T10:00-05:00", 3, "2026-07-22T17:00-05:00")]
    [InlineData("2026-07-18T11:00-05:00", 1, "2026-07-21T17:00-05:00")] // instant on a Saturday
    [InlineData("2026-07-20T09:00-05:00", 1, "2026-07-21T17:00-05:00")] // instant on the holiday
    [InlineData("2026-07-20T09:00-05:00", 3, "2026-07-23T17:00-05:00")]
    [InlineData("2026-07-16T20:00-05:00", 1, "2026-07-17T17:00-05:00")] // after hours: the day of reception still does not count
    [InlineData("2026-07-16T06:00-05:00", 1, "2026-07-17T17:00-05:00")] // before hours: idem
    [InlineData("2026-07-16T23:59-05:00", 3, "2026-07-22T17:00-05:00")]
    [InlineData("2025-12-30T10:00-05:00", 3, "2026-01-05T17:00-05:00")] // 31 Dec, (1 Jan holiday), 2 Jan, 5 Jan
    public void EndOfNthBusinessDayAfter_in_bogota(string instant, int n, string expected)
    {
        Colombia.EndOfNthBusinessDayAfter(At(instant), n).Should().BeExactly(At(expected));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void EndOfNthBusinessDayAfter_requires_n_of_at_least_one(int n)
    {
        var act = () => Colombia.EndOfNthBusinessDayAfter(At("2026-07-17T10:00-05:00"), n);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("n");
    }

    [Fact]
    public void Custom_calendar_with_lunch_break_saturday_and_extra_day()
    {
        var calendar = new BusinessCalendar(
            TimeZoneInfo.FindSystemTimeZoneById("America/Bogota"),
            new Dictionary<DayOfWeek, IReadOnlyList<BusinessHours>>
            {
                [DayOfWeek.Monday] = WorkDay,
                [DayOfWeek.Tuesday] = WorkDay,
                [DayOfWeek.Wednesday] = WorkDay,
                [DayOfWeek.Thursday] = WorkDay,
                [DayOfWeek.Friday] = WorkDay,
                [DayOfWeek.Saturday] = [new BusinessHours(new TimeOnly(8, 0), new TimeOnly(12, 0))],
            },
            nationalHolidays: true,
            extraNonWorkingDays: [new DateOnly(2026, 7, 24)]);

        calendar.IsBusinessDay(new DateOnly(2026, 7, 24)).Should().BeFalse("it is an extra non-working day");
        calendar.IsBusinessDay(new DateOnly(2026, 7, 25)).Should().BeTrue("Saturdays have hours");
        calendar.IsBusinessDay(new DateOnly(2026, 7, 20)).Should().BeFalse("national holidays apply");

        calendar.AddBusinessTime(At("2026-07-22T11:00-05:00"), TimeSpan.FromHours(2)).Should().BeExactly(At("2026-07-22T14:00-05:00"));
        calendar.AddBusinessTime(At("2026-07-22T11:30-05:00"), TimeSpan.FromMinutes(30)).Should().BeExactly(At("2026-07-22T12:00-05:00"));
        calendar.AddBusinessTime(At("2026-07-22T12:30-05:00"), TimeSpan.FromMinutes(30)).Should().BeExactly(At("2026-07-22T13:30-05:00"));
        calendar.AddBusinessTime(At("2026-07-23T16:00-05:00"), TimeSpan.FromHours(2)).Should().BeExactly(At("2026-07-25T09:00-05:00"));
        calendar.AddBusinessTime(At("2026-07-23T16:00-05:00"), TimeSpan.FromHours(5)).Should().BeExactly(At("2026-07-25T12:00-05:00"));
        calendar.AddBusinessTime(At("2026-07-23T16:00-05:00"), TimeSpan.FromHours(6)).Should().BeExactly(At("2026-07-27T09:00-05:00"));

        calendar.BusinessTimeBetween(At("2026-07-22T12:00-05:00"), At("2026-07-22T13:00-05:00")).Should().Be(TimeSpan.Zero);
        calendar.BusinessTimeBetween(At("2026-07-23T08:00-05:00"), At("2026-07-27T08:00-05:00")).Should().Be(TimeSpan.FromHours(12));

        calendar.EndOfNthBusinessDayAfter(At("2026-07-23T10:00-05:00"), 1).Should().BeExactly(At("2026-07-25T12:00-05:00"));
        calendar.EndOfNthBusinessDayAfter(At("2026-07-23T10:00-05:00"), 2).Should().BeExactly(At("2026-07-27T17:00-05:00"));
    }

    [Fact]
    public void Calendar_without_national_holidays_works_on_them()
    {
        var calendar = new BusinessCalendarOptions { NationalHolidays = false }.Build();

        calendar.IsBusinessDay(new DateOnly(2026, 7, 20)).Should().BeTrue();
        calendar.EndOfNthBusinessDayAfter(At("2026-07-17T10:00-05:00"), 1).Should().BeExactly(At("2026-07-20T17:00-05:00"));
    }

    [Fact]
    public void Supported_range_limits_work()
    {
        Colombia.AddBusinessTime(At("1984-01-01T00:00-05:00"), TimeSpan.FromHours(1)).Should().BeExactly(At("1984-01-02T09:00-05:00"));
        Colombia.BusinessTimeBetween(At("1984-01-01T00:00-05:00"), At("2200-12-31T23:59-05:00")).Should().BePositive();
        Colombia.AddBusinessTime(At("2200-12-31T08:00-05:00"), TimeSpan.FromHours(9)).Should().BeExactly(At("2200-12-31T17:00-05:00"));
        Colombia.EndOfNthBusinessDayAfter(At("2200-12-30T10:00-05:00"), 1).Should().BeExactly(At("2200-12-31T17:00-05:00"));
    }

    [Fact]
    public void Instants_outside_the_supported_range_are_rejected()
    {
        var before = At("1983-12-31T23:59-05:00");
        var after = At("2201-01-01T00:00-05:00");
        var inside = At("2026-07-15T10:00-05:00");

        FluentActions.Invoking(() => Colombia.AddBusinessTime(before, TimeSpan.FromHours(1)))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("start").WithMessage("*1984-01-01*2200-12-31*");
        FluentActions.Invoking(() => Colombia.AddBusinessTime(after, TimeSpan.FromHours(1)))
            .Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Colombia.BusinessTimeBetween(inside, after))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("to");
        FluentActions.Invoking(() => Colombia.BusinessTimeBetween(before, inside))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("from");
        FluentActions.Invoking(() => Colombia.EndOfNthBusinessDayAfter(DateTimeOffset.MaxValue, 1))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("instant");
        FluentActions.Invoking(() => Colombia.AddBusinessTime(DateTimeOffset.MinValue, TimeSpan.FromHours(1)))
            .Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Results_beyond_the_supported_range_are_rejected()
    {
        FluentActions.Invoking(() => Colombia.AddBusinessTime(At("2200-12-31T10:00-05:00"), TimeSpan.FromHours(8)))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("duration");
        FluentActions.Invoking(() => Colombia.AddBusinessTime(At("2026-07-15T10:00-05:00"), TimeSpan.MaxValue))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("duration");
        FluentActions.Invoking(() => Colombia.EndOfNthBusinessDayAfter(At("2200-12-30T10:00-05:00"), 2))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("n");
        FluentActions.Invoking(() => Colombia.EndOfNthBusinessDayAfter(At("2026-07-15T10:00-05:00"), int.MaxValue))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("n");
    }

    [Fact]
    public void Inverted_range_is_rejected_in_spanish()
    {
        var act = () => Build(DayOfWeek.Monday, new BusinessHours(new TimeOnly(17, 0), new TimeOnly(8, 0)));

        act.Should().Throw<ArgumentException>().WithMessage("*17:00-08:00*lunes*inicio*anterior*");
    }

    [Fact]
    public void Overlapping_or_unsorted_ranges_are_rejected_in_spanish()
    {
        var overlapping = () => Build(DayOfWeek.Tuesday,
            new BusinessHours(new TimeOnly(8, 0), new TimeOnly(12, 30)),
            new BusinessHours(new TimeOnly(12, 0), new TimeOnly(17, 0)));
        var unsorted = () => Build(DayOfWeek.Tuesday,
            new BusinessHours(new TimeOnly(13, 0), new TimeOnly(17, 0)),
            new BusinessHours(new TimeOnly(8, 0), new TimeOnly(12, 0)));

        overlapping.Should().Throw<ArgumentException>().WithMessage("*martes*superponerse*");
        unsorted.Should().Throw<ArgumentException>().WithMessage("*martes*orden*");
    }

    [Fact]
    public void Adjacent_ranges_are_allowed()
    {
        var calendar = Build(DayOfWeek.Wednesday,
            new BusinessHours(new TimeOnly(8, 0), new TimeOnly(12, 0)),
            new BusinessHours(new TimeOnly(12, 0), new TimeOnly(17, 0)));

        calendar.AddBusinessTime(At("2026-07-15T11:00-05:00"), TimeSpan.FromHours(2)).Should().BeExactly(At("2026-07-15T13:00-05:00"));
    }

    [Fact]
    public void A_week_without_business_hours_is_rejected_in_spanish()
    {
        var act = () => new BusinessCalendar(
            TimeZoneInfo.Utc,
            new Dictionary<DayOfWeek, IReadOnlyList<BusinessHours>> { [DayOfWeek.Monday] = [] },
            true,
            []);

        act.Should().Throw<ArgumentException>().WithMessage("*al menos un día hábil*");
    }

    [Fact]
    public void Concurrent_first_use_builds_a_consistent_index()
    {
        var calendar = new BusinessCalendarOptions().Build();
        var results = new DateTimeOffset[32];

        Parallel.For(0, results.Length, i => results[i] = calendar.AddBusinessTime(At("2026-07-17T16:00-05:00"), TimeSpan.FromHours(2)));

        results.Should().OnlyContain(r => r == At("2026-07-21T09:00-05:00"));
    }

    internal static readonly IReadOnlyList<BusinessHours> WorkDay =
    [
        new BusinessHours(new TimeOnly(8, 0), new TimeOnly(12, 0)),
        new BusinessHours(new TimeOnly(13, 0), new TimeOnly(17, 0)),
    ];

    /// <summary>Parses an ISO 8601 literal such as "2026-07-17T10:00-05:00".</summary>
    internal static DateTimeOffset At(string literal) =>
        DateTimeOffset.Parse(literal, System.Globalization.CultureInfo.InvariantCulture);

    private static BusinessCalendar Build(DayOfWeek day, params BusinessHours[] ranges) =>
        new(TimeZoneInfo.FindSystemTimeZoneById("America/Bogota"),
            new Dictionary<DayOfWeek, IReadOnlyList<BusinessHours>> { [day] = ranges },
            true,
            []);
}
