using MesaServicio.Core.Calendar;
using Microsoft.Extensions.Configuration;

namespace MesaServicio.Tests.Calendar;

public sealed class BusinessCalendarOptionsTests
{
    [Fact]
    public void Default_options_describe_the_colombian_office_calendar()
    {
        var options = new BusinessCalendarOptions();

        var calendar = BusinessCalendarOptions.FromOptions(options);

        BusinessCalendarOptions.SectionName.Should().Be("BusinessCalendar");
        options.TimeZone.Should().Be("America/Bogota");
        options.NationalHolidays.Should().BeTrue();
        calendar.TimeZone.Id.Should().Be("America/Bogota");
        calendar.WeeklyHours.Should().HaveCount(5);
        calendar.WeeklyHours[DayOfWeek.Monday].Should().Equal(new BusinessHours(new TimeOnly(8, 0), new TimeOnly(17, 0)));
        calendar.WeeklyHours.Should().NotContainKey(DayOfWeek.Saturday);
        calendar.EndOfNthBusinessDayAfter(P("2026-07-17T10:00-05:00"), 1).Should().BeExactly(P("2026-07-21T17:00-05:00"));
    }

    [Fact]
    public void Options_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["BusinessCalendar:TimeZone"] = "America/Bogota",
                ["BusinessCalendar:WeeklyHours:Monday:0"] = "08:00-12:00",
                ["BusinessCalendar:WeeklyHours:Monday:1"] = "13:00-17:00",
                ["BusinessCalendar:WeeklyHours:Saturday:0"] = "09:00-13:00",
                ["BusinessCalendar:NationalHolidays"] = "false",
                ["BusinessCalendar:ExtraNonWorkingDays:0"] = "2026-07-27",
            })
            .Build();

        var options = configuration.GetSection(BusinessCalendarOptions.SectionName).Get<BusinessCalendarOptions>()!;
        var calendar = options.Build();

        calendar.WeeklyHours.Keys.Should().BeEquivalentTo([DayOfWeek.Monday, DayOfWeek.Saturday], "configured days replace the default");
        calendar.WeeklyHours[DayOfWeek.Monday].Should().HaveCount(2);
        calendar.NationalHolidays.Should().BeFalse();
        calendar.IsBusinessDay(new DateOnly(2026, 7, 20)).Should().BeTrue("holidays are disabled");
        calendar.IsBusinessDay(new DateOnly(2026, 7, 27)).Should().BeFalse("extra non-working day");
        calendar.AddBusinessTime(P("2026-07-20T11:00-05:00"), TimeSpan.FromHours(6))
            .Should().BeExactly(P("2026-07-25T10:00-05:00"), "Mon 20: 11-12 and 13-17, then Saturday 25 from 09:00");
    }

    [Theory]
    [InlineData("8-17")]
    [InlineData("08:00 a 17:00")]
    [InlineData("08:00-17:00-18:00")]
    [InlineData("25:00-26:00")]
    [InlineData("17:00-08:00")]
    [InlineData("")]
    public void Bad_hours_are_rejected_naming_the_value(string value)
    {
        var options = new BusinessCalendarOptions { WeeklyHours = { [DayOfWeek.Monday] = [value] } };

        var act = options.Build;

        act.Should().Throw<ArgumentException>()
            .WithMessage($"*Monday*\"{value}\"*")
            .Which.Message.Should().Contain("horario");
    }

    [Fact]
    public void Overlapping_configured_hours_are_rejected()
    {
        var options = new BusinessCalendarOptions { WeeklyHours = { [DayOfWeek.Friday] = ["08:00-13:00", "12:00-17:00"] } };

        var act = options.Build;

        act.Should().Throw<ArgumentException>().WithMessage("*viernes*superponerse*");
    }

    [Theory]
    [InlineData("America/Bogotá")]
    [InlineData("Marte/Olympus")]
    public void Unknown_time_zone_is_rejected_naming_it(string zone)
    {
        var act = new BusinessCalendarOptions { TimeZone = zone }.Build;

        act.Should().Throw<ArgumentException>().WithMessage($"*\"{zone}\"*no existe*");
    }

    [Fact]
    public void Missing_time_zone_is_rejected()
    {
        var act = new BusinessCalendarOptions { TimeZone = " " }.Build;

        act.Should().Throw<ArgumentException>().WithMessage("*zona horaria es obligatoria*");
    }

    [Fact]
    public void BusinessHours_parse_and_format_round_trip()
    {
        var hours = BusinessHours.Parse(" 7:30 - 12:15 ");

        hours.Should().Be(new BusinessHours(new TimeOnly(7, 30), new TimeOnly(12, 15)));
        hours.Duration.Should().Be(new TimeSpan(4, 45, 0));
        hours.ToString().Should().Be("07:30-12:15");
    }

    private static DateTimeOffset P(string literal) =>
        DateTimeOffset.Parse(literal, System.Globalization.CultureInfo.InvariantCulture);
}
