using System.Text.Json;
using MesaServicio.Core.Reports;
using MesaServicio.Core.Reports.Closing;

namespace MesaServicio.Tests.Reports;

/// <summary>A frozen month stores its report as JSON: November's whole report must come back as it was.</summary>
public sealed class MonthlyReportJsonTests(NovemberMonthFixture month) : IClassFixture<NovemberMonthFixture>
{
    [Fact]
    public void A_report_survives_the_JSON_round_trip_whole()
    {
        var report = month.Report;
        report.Totals.Filed.Should().BeGreaterThan(0, "the fixture's month has figures to lose");
        report.Breaches.Resolution.Should().NotBeEmpty();

        var json = MonthlyReportJson.Serialize(report);
        var back = MonthlyReportJson.Deserialize(json);

        back.Should().BeEquivalentTo(report, o => o.WithStrictOrdering().ComparingRecordsByMembers());
        MonthlyReportJson.Serialize(back).Should().Be(json, "nothing is lost or added on the way");

        // Derived figures are computed again from the stored values, the same way.
        back.Indicator7.Percent.Should().Be(report.Indicator7.Percent);
        back.Indicator7Light.Should().Be(report.Indicator7Light);
        back.Survey.ResponseRate.Should().Be(report.Survey.ResponseRate);
        back.Scores.Rating.Mean.Should().Be(report.Scores.Rating.Mean);
        back.Trend.Select(t => t.Month).Should().Equal(report.Trend.Select(t => t.Month));
        back.Indicator7ByDimension(ReportDimension.Technician).Rows.Select(r => (r.Key, r.Value))
            .Should().Equal(report.Indicator7ByDimension(ReportDimension.Technician).Rows.Select(r => (r.Key, r.Value)));
        back.Breaches.Resolution.Should().Equal(report.Breaches.Resolution);
    }

    [Fact]
    public void The_JSON_holds_the_records_own_values_only_with_months_and_enumerations_by_name()
    {
        using var json = JsonDocument.Parse(MonthlyReportJson.Serialize(month.Report));
        var root = json.RootElement;

        root.GetProperty("Month").GetString().Should().Be("2026-11");
        root.TryGetProperty("Indicator7Light", out _).Should().BeFalse("a derived value is computed again, never stored");
        root.GetProperty("Indicator7").TryGetProperty("Percent", out _).Should().BeFalse();
        root.GetProperty("Breaches").GetProperty("Resolution")[0].GetProperty("Kind").GetString().Should().Be("Resolution");
        root.GetProperty("Volumes")[0].GetProperty("Dimension").GetString().Should().Be(nameof(ReportDimension.Kind));
    }
}
