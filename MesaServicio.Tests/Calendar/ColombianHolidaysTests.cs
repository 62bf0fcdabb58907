using MesaServicio.Core.Calendar;

namespace MesaServicio.Tests.Calendar;

[Trait("Pass", "Once")]
public sealed class ColombianHolidaysTests
{
    private static readonly (int Month, int Day)[] FixedDays = [(1, 1), (5, 1), (7, 20), (8, 7), (12, 8), (12, 25)];

    private static readonly (int Month, int Day)[] MovedToMondayDays =
        [(1, 6), (3, 19), (6, 29), (8, 15), (10, 12), (11, 1), (11, 11)];

    [Fact]
    public void Holidays_of_2025_are_the_17_official_dates()
    {
        ColombianHolidays.For(2025).Should().Equal(
            D(2025, 1, 1), D(2025, 1, 6), D(2025, 3, 24), D(2025, 4, 17), D(2025, 4, 18), D(2025, 5, 1),
            D(2025, 6, 2), D(2025, 6, 23), D(2025, 6, 30), D(2025, 7, 20), D(2025, 8, 7), D(2025, 8, 18),
            D(2025, 10, 13), D(2025, 11, 3), D(2025, 11, 17), D(2025, 12, 8), D(2025, 12, 25));
    }

    [Fact]
    public void Holidays_of_2026_are_the_18_official_dates()
    {
        ColombianHolidays.For(2026).Should().Equal(
            D(2026, 1, 1), D(2026, 1, 12), D(2026, 3, 23), D(2026, 4, 2), D(2026, 4, 3), D(2026, 5, 1),
            D(2026, 5, 18), D(2026, 6, 8), D(2026, 6, 15), D(2026, 6, 29), D(2026, 7, 20), D(2026, 8, 7),
            D(2026, 8, 17), D(2026, 10, 12), D(2026, 11, 2), D(2026, 11, 16), D(2026, 12, 8), D(2026, 12, 25));
    }

    [Fact]
    public void Holidays_of_2027_are_the_18_official_dates()
    {
        ColombianHolidays.For(2027).Should().Equal(
            D(2027, 1, 1), D(2027, 1, 11), D(2027, 3, 22), D(2027, 3, 25), D(2027, 3, 26), D(2027, 5, 1),
            D(2027, 5, 10), D(2027, 5, 31), D(2027, 6, 7), D(2027, 7, 5), D(2027, 7, 20), D(2027, 8, 7),
            D(2027, 8, 16), D(2027, 10, 18), D(2027, 11, 1), D(2027, 11, 15), D(2027, 12, 8), D(2027, 12, 25));
    }

    [Fact]
    public void Coinciding_holidays_are_listed_once_and_named_together()
    {
        // 2025: Sagrado Corazón (Easter + 71) and San Pedro y San Pablo (29 June, a Sunday) are both on 30 June.
        ColombianHolidays.For(2025).Should().ContainSingle(d => d == D(2025, 6, 30));
        ColombianHolidays.NameOf(D(2025, 6, 30)).Should().Contain("Sagrado Corazón").And.Contain("San Pedro");
    }

    [Fact]
    public void A_holiday_on_a_weekend_is_still_listed()
    {
        D(2025, 7, 20).DayOfWeek.Should().Be(DayOfWeek.Sunday);
        ColombianHolidays.For(2025).Should().Contain(D(2025, 7, 20));
        ColombianHolidays.IsHoliday(D(2025, 7, 20)).Should().BeTrue();
    }

    [Fact]
    public void NameOf_returns_the_spanish_name_or_null()
    {
        ColombianHolidays.NameOf(D(2026, 7, 20)).Should().Be("Día de la Independencia");
        ColombianHolidays.NameOf(D(2026, 1, 12)).Should().Be("Día de los Reyes Magos");
        ColombianHolidays.NameOf(D(2026, 7, 21)).Should().BeNull();
        ColombianHolidays.IsHoliday(D(2026, 7, 21)).Should().BeFalse();
    }

    [Theory]
    [InlineData(ColombianHolidays.MinYear)]
    [InlineData(ColombianHolidays.MaxYear)]
    public void Range_limits_are_supported(int year)
    {
        ColombianHolidays.For(year).Should().NotBeEmpty().And.OnlyContain(d => d.Year == year);
    }

    [Theory]
    [InlineData(1983)]
    [InlineData(2201)]
    [InlineData(0)]
    public void Years_outside_the_range_throw(int year)
    {
        var act = () => ColombianHolidays.For(year);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*1984*2200*");
    }

    [Fact]
    public void Every_supported_year_is_sorted_distinct_and_follows_the_rules()
    {
        for (var year = ColombianHolidays.MinYear; year <= ColombianHolidays.MaxYear; year++)
        {
            var holidays = ColombianHolidays.For(year);
            holidays.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
            holidays.Count.Should().BeInRange(17, 18, "18 holidays, minus any that coincide ({0})", year);
            holidays.Should().OnlyContain(d => d.Year == year);

            foreach (var (month, day) in FixedDays)
            {
                holidays.Should().Contain(new DateOnly(year, month, day));
            }

            foreach (var (month, day) in MovedToMondayDays)
            {
                var original = new DateOnly(year, month, day);
                var monday = original.AddDays(((int)DayOfWeek.Monday - (int)original.DayOfWeek + 7) % 7);
                monday.DayOfWeek.Should().Be(DayOfWeek.Monday);
                holidays.Should().Contain(monday);
            }

            var easter = ColombianHolidays.EasterSunday(year);
            easter.DayOfWeek.Should().Be(DayOfWeek.Sunday);
            holidays.Should().Contain([easter.AddDays(-3), easter.AddDays(-2), easter.AddDays(43), easter.AddDays(64), easter.AddDays(71)]);
        }
    }

    [Theory]
    [InlineData(1984, 4, 22)]
    [InlineData(2000, 4, 23)]
    [InlineData(2008, 3, 23)]
    [InlineData(2011, 4, 24)]
    [InlineData(2019, 4, 21)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)]
    [InlineData(2285, 3, 22)]
    public void Easter_sunday_matches_known_dates(int year, int month, int day)
    {
        ColombianHolidays.EasterSunday(year).Should().Be(new DateOnly(year, month, day));
    }

    [Fact]
    public void Results_are_cached_and_read_only()
    {
        var first = ColombianHolidays.For(2026);
        ColombianHolidays.For(2026).Should().BeSameAs(first);
        first.Should().BeAssignableTo<ICollection<DateOnly>>().Which.IsReadOnly.Should().BeTrue();
    }

    [Fact]
    public void Concurrent_first_calls_agree()
    {
        var results = new IReadOnlyList<DateOnly>[16];
        Parallel.For(0, results.Length, i => results[i] = ColombianHolidays.For(2150));
        results.Should().OnlyContain(r => r.SequenceEqual(results[0]));
    }

    private static DateOnly D(int year, int month, int day) => new(year, month, day);
}
