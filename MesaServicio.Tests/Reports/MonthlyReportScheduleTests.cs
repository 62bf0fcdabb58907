using MesaServicio.Core.Reports;
using MesaServicio.Tests.Support;

namespace MesaServicio.Tests.Reports;

[Trait("Pass", "Once")]
public class MonthlyReportScheduleTests
{
    private static readonly TimeSpan Bogota = TimeSpan.FromHours(-5);

    [Theory]
    [InlineData(2026, 11, 1, 9, false)]   // Sunday
    [InlineData(2026, 11, 2, 9, false)]   // Monday, All Saints' holiday (moved)
    [InlineData(2026, 11, 3, 0, true)]    // Tuesday: the first business day, from local midnight
    [InlineData(2026, 11, 3, 23, true)]
    [InlineData(2026, 11, 4, 9, false)]
    [InlineData(2026, 12, 1, 8, true)]    // Tuesday 1 December
    [InlineData(2027, 1, 4, 8, true)]     // Friday 1 January is a holiday, then the weekend
    [InlineData(2027, 1, 5, 8, false)]
    [InlineData(2026, 3, 2, 8, true)]     // Sunday 1 March, then Monday
    public void The_first_business_day_of_a_month_is_read_in_local_time(int year, int month, int day, int hour, bool expected) =>
        MonthlyReportSchedule.IsFirstBusinessDayOfMonth(new DateTimeOffset(year, month, day, hour, 0, 0, Bogota), CaseBuilder.ColombianCalendar)
            .Should().Be(expected);

    [Fact]
    public void An_instant_in_UTC_is_judged_by_its_Bogota_day()
    {
        // 03:00 UTC on Tuesday 3 November is still Monday 2 (a holiday) in Bogotá.
        var instant = new DateTimeOffset(2026, 11, 3, 3, 0, 0, TimeSpan.Zero);
        MonthlyReportSchedule.IsFirstBusinessDayOfMonth(instant, CaseBuilder.ColombianCalendar).Should().BeFalse();
        MonthlyReportSchedule.IsFirstBusinessDayOfMonth(instant.AddHours(5), CaseBuilder.ColombianCalendar).Should().BeTrue();
    }

    [Fact]
    public void The_report_sent_in_a_month_is_the_previous_month()
    {
        MonthlyReportSchedule.MonthToReport(new DateTimeOffset(2026, 12, 1, 8, 0, 0, Bogota), CaseBuilder.ColombianCalendar)
            .Should().Be(new YearMonth(2026, 11));
        MonthlyReportSchedule.MonthToReport(new DateTimeOffset(2027, 1, 4, 8, 0, 0, Bogota), CaseBuilder.ColombianCalendar)
            .Should().Be(new YearMonth(2026, 12));
        MonthlyReportSchedule.FileName(new YearMonth(2026, 11), "pdf").Should().Be("informe-mensual-2026-11.pdf");
    }

    [Fact]
    public void A_month_is_the_half_open_interval_between_local_midnights()
    {
        var (from, to) = new YearMonth(2026, 11).Bounds(CaseBuilder.ColombianCalendar);
        from.Should().Be(new DateTimeOffset(2026, 11, 1, 5, 0, 0, TimeSpan.Zero));
        to.Should().Be(new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero));
        new YearMonth(2026, 12).AddMonths(1).Should().Be(new YearMonth(2027, 1));
        new YearMonth(2026, 1).AddMonths(-6).Should().Be(new YearMonth(2025, 7));
        YearMonth.TryParse("2026-11", out var parsed).Should().BeTrue();
        parsed.Should().Be(new YearMonth(2026, 11));
        YearMonth.TryParse("2026-13", out _).Should().BeFalse();
        YearMonth.TryParse("noviembre", out _).Should().BeFalse();
    }

    [Fact]
    public void Figures_read_in_Colombian_Spanish()
    {
        ReportFormat.Percent(87.5).Should().Be("87,5 %");
        ReportFormat.Percent(100).Should().Be("100,0 %");
        ReportFormat.Percent(null).Should().Be("—");
        ReportFormat.Count(12345).Should().Be("12.345");
        ReportFormat.LongDate(new DateOnly(2026, 11, 3)).Should().Be("martes 3 de noviembre de 2026");
        ReportFormat.LongDateTime(new DateTimeOffset(2026, 12, 1, 13, 5, 0, TimeSpan.Zero), CaseBuilder.ColombianCalendar)
            .Should().Be("martes 1 de diciembre de 2026 a las 08:05");
        ReportFormat.MonthTitle(new YearMonth(2026, 11)).Should().Be("Noviembre de 2026");
        ReportFormat.BusinessDuration(TimeSpan.FromMinutes(185)).Should().Be("3 h 05 min");
        ReportFormat.BusinessDuration(TimeSpan.FromMinutes(45)).Should().Be("45 min");
        ReportFormat.BusinessDuration(TimeSpan.FromHours(1234)).Should().Be("1.234 h 00 min");
        ReportFormat.Hours(TimeSpan.FromMinutes(150)).Should().Be("2,50");
    }
}
