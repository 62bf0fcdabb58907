using MesaServicio.Core.Reports;
using Microsoft.EntityFrameworkCore;
using static MesaServicio.Core.Persistence.SeedData;
using static MesaServicio.Tests.Reports.FortyCaseMonthFixture;

namespace MesaServicio.Tests.Reports;

/// <summary>
/// The month's results of <see cref="FortyCaseMonthFixture"/> (42 November cases, 5 October ones), every figure
/// worked out by hand from the stories there and asserted one by one on the report's model. Runs on the run's
/// database engine (SQLite by default; PostgreSQL with <c>MESA_TEST_DATABASE=PostgreSql</c>).
/// Abbreviations below: ✓ timely, ✗ not timely; FL first level, MI misionales, AP apoyo, ES servicios
/// especializados, AD administrativos.
/// </summary>
public sealed class MonthlyReportFixtureTests(FortyCaseMonthFixture month) : IClassFixture<FortyCaseMonthFixture>
{
    private MonthlyReport Report => month.Report;

    [Fact]
    public void The_report_is_November_read_on_3_December()
    {
        Report.Month.Should().Be(November);
        Report.AsOf.Should().Be(AsOf);
        Report.Scope.IsAll.Should().BeTrue();
        month.Numbers.Keys.Count(k => k.StartsWith('N')).Should().BeGreaterThanOrEqualTo(40);
    }

    [Fact]
    public void Volumes_count_the_cases_filed_in_November()
    {
        // Filed N1…N42 = 42 (O1…O5 were filed in October).
        // Resolved (a solution recorded now): all but the rejected N9 N10 N23 N32 and the open N17 N22 N27 N28 N35 N40 = 32
        // (N26 in novedad, N29 N36 N39 solved in December included). Rejected: insufficient N9 N32, out of scope N10,
        // duplicate N23. Open: N17 (waiting) N22 N40 (assigned) N27 N28 N35 (in progress) = 6.
        Report.Totals.Should().Be(new VolumeCounts(42, 32, new RejectionCounts(2, 1, 1), 6));

        // Peticiones: N8 N9 N10 N15 N16 N22 N27 N32 N36 N42 = 10; resolved N8 N15 N16 N36 N42; rejected N9 N32 (insufficient)
        // N10 (out of scope); open N22 N27. Incidencias: the other 32; rejected N23 (duplicate); open N17 N28 N35 N40.
        Rows(Report.VolumesBy(ReportDimension.Kind)).Should().Equal(
            ("Incidencia", new VolumeCounts(32, 27, new RejectionCounts(0, 0, 1), 4)),
            ("Petición", new VolumeCounts(10, 5, new RejectionCounts(2, 1, 0), 2)));

        // Agent: N2 N16; PQRS: N8; portal: the other 39.
        Filed(Report.VolumesBy(ReportDimension.Channel)).Should().Equal(("Portal", 39), ("Agente", 2), ("PQRS", 1));

        // Crítica N4 N7 N21 N26 = 4; Alta: incidencias N1 N3 N5 N6 N11 N12 N17 N18 N19 N20 N23 N24 N25 N30 N33 N37 N38 N39 N41
        // (19) + petición N15 = 20; Media: N2 N13 N31 N34 N35 + N9 N10 N16 N22 N32 N36 = 11; Baja: N14 N28 N29 N40 + N27 = 5;
        // Planificada: N8 N42 = 2.
        Filed(Report.VolumesBy(ReportDimension.Priority)).Should().Equal(
            ("Crítica", 4), ("Alta", 20), ("Media", 11), ("Baja", 5), ("Planificada", 2));

        // Level 2: N5 N13 N21 N24 N35 (assigned to the level-2 group) and N6 N20 N34 (escalated) = 8; level 3: N7; level 1: 33.
        Filed(Report.VolumesBy(ReportDimension.Level)).Should().Equal(("Nivel 1", 33), ("Nivel 2", 8), ("Nivel 3", 1));

        // FL: N1 N2 N6 N7 N9 N11 N14 N19 N20 N23 N26 N30 N31 N34 N38 N39 N41 = 17; MI: N3 N4 N17 N18 N25 N28 N32 N37 N40 N42 = 10;
        // AP: N10 N12 N15 N22 N29 N33 N36 = 7; ES: N5 N13 N21 N24 N35 = 5; AD: N8 N16 N27 = 3.
        Filed(Report.VolumesBy(ReportDimension.CategoryGroup)).Should().Equal(
            ("Mesa de ayuda de primer nivel", 17), ("Sistemas de información misionales", 10), ("Sistemas de información de apoyo", 7),
            ("Servicios especializados de TI", 5), ("Servicios administrativos", 3));

        // Assignee now: Alejandra N7; Carlos N1 N11 N23 N30 N39; Diana N2 N9 N14 N19 N26 N31 N38 N41; Natalia N8 N10 N12 N15 N16
        // N22 N27 N29 N33 N36 (open N22 N27); Paola the 10 misionales (open N17 N28 N40); Sergio N5 N6 N13 N20 N21 N24 N34 N35 (open N35).
        Report.VolumesBy(ReportDimension.Technician).Rows.Select(r => (r.Label, r.Value.Filed, r.Value.Open)).Should().Equal(
            ("Alejandra Moreno Díaz", 1, 0), ("Carlos Pérez Téllez", 5, 0), ("Diana Marcela Torres", 8, 0),
            ("Natalia Herrera Vargas", 10, 2), ("Paola Andrea Sánchez", 10, 3), ("Sergio Ramírez Quintero", 8, 1));
    }

    [Fact]
    public void Indicator_7_is_the_specialised_cases_attended_in_November_solved_or_rejected_within_the_resolution_ANS()
    {
        // Specialised cases counted in November:
        //   timely (solution or rejection within the ANS, in November): N3 N5 N6 N10 N12 N18 N21 N25 N33 N34 N37 O1 = 12;
        //   not timely (due in November, done late or not yet): N4 N7 N13 N15 N20 N22 N24 N28 N29 N32 N35 O2 O3 = 13.
        // Measured 25, timely 12 → 48,0 %. N17 waits on the requester (1 h of 8 used): its clock is stopped, so it has no due time
        // in November and is neither measured nor pending here (it would fall due after the reading if she answered now).
        // Left out: O5 (late, due in October), N36 (timely in December), N40 (due in December), N42 (no ANS).
        Report.Indicator7.Should().Be(new IndicatorValue(Measured: 25, Within: 12, Pending: 0));
        ReportFormat.Percent(Report.Indicator7.Percent).Should().Be("48,0 %");

        // Target 90 % (the default), amber from 80 %: 48,0 % is red.
        Report.Indicator7Target.Should().Be(90m);
        Report.Indicator7Light.Should().Be(TrafficLight.Red);
    }

    [Fact]
    public void Indicator_7_is_broken_down_by_level_group_technician_and_priority()
    {
        // Level 1: N3✓ N4✗ N10✓ N12✓ N15✗ N18✓ N22✗ N25✓ N28✗ N29✗ N32✗ N33✓ N37✓ O1✓ O2✗ (N17 waiting, not counted) → 8/15 = 53,3 %;
        // level 2: N5✓ N6✓ N13✗ N20✗ N21✓ N24✗ N34✓ N35✗ O3✗ → 4/9 = 44,4 %; level 3: N7✗ → 0/1.
        Percents(Report.Indicator7ByDimension(ReportDimension.Level)).Should().Equal(
            ("Nivel 1", "53,3 %", 15, 8, 0), ("Nivel 2", "44,4 %", 9, 4, 0), ("Nivel 3", "0,0 %", 1, 0, 0));

        // FL (escalated only): N6✓ N7✗ N20✗ N34✓ → 2/4; MI: N3✓ N4✗ N18✓ N25✓ N28✗ N32✗ N37✓ O1✓ (N17 waiting) → 5/8 = 62,5 %;
        // AP: N10✓ N12✓ N15✗ N22✗ N29✗ N33✓ O2✗ → 3/7 = 42,9 %; ES: N5✓ N13✗ N21✓ N24✗ N35✗ O3✗ → 2/6 = 33,3 %; AD: none.
        Percents(Report.Indicator7ByDimension(ReportDimension.CategoryGroup)).Should().Equal(
            ("Mesa de ayuda de primer nivel", "50,0 %", 4, 2, 0), ("Sistemas de información misionales", "62,5 %", 8, 5, 0),
            ("Sistemas de información de apoyo", "42,9 %", 7, 3, 0), ("Servicios especializados de TI", "33,3 %", 6, 2, 0));

        // Alejandra N7 → 0/1; Natalia = AP → 3/7; Paola = MI → 5/8; Sergio = level 2 → 4/9.
        Percents(Report.Indicator7ByDimension(ReportDimension.Technician)).Should().Equal(
            ("Alejandra Moreno Díaz", "0,0 %", 1, 0, 0), ("Natalia Herrera Vargas", "42,9 %", 7, 3, 0),
            ("Paola Andrea Sánchez", "62,5 %", 8, 5, 0), ("Sergio Ramírez Quintero", "44,4 %", 9, 4, 0));

        // Technician groups now: the same people in their groups (escalations moved N6 N7 N20 N34 to levels 2 and 3).
        Percents(Report.Indicator7ByDimension(ReportDimension.TechnicianGroup)).Should().Equal(
            ("Infraestructura y proveedores — nivel 3", "0,0 %", 1, 0, 0), ("Sistemas de información de apoyo — nivel 1", "42,9 %", 7, 3, 0),
            ("Sistemas de información misionales — nivel 1", "62,5 %", 8, 5, 0), ("Soporte especializado — nivel 2", "44,4 %", 9, 4, 0));

        // Crítica: N4✗ N7✗ N21✓ → 1/3; Alta: N3✓ N5✓ N6✓ N12✓ N15✗ N18✓ N20✗ N24✗ N25✓ N33✓ N37✓ O3✗ → 8/12 = 66,7 %;
        // Media: N10✓ N13✗ N22✗ N32✗ N34✓ N35✗ O1✓ O2✗ → 3/8 = 37,5 %; Baja: N28✗ N29✗ → 0/2.
        Percents(Report.Indicator7ByDimension(ReportDimension.Priority)).Should().Equal(
            ("Crítica", "33,3 %", 3, 1, 0), ("Alta", "66,7 %", 12, 8, 0), ("Media", "37,5 %", 8, 3, 0), ("Baja", "0,0 %", 2, 0, 0));

        // Every specialised category that has a case counted: the rows add up to the indicator.
        var categories = Report.Indicator7ByDimension(ReportDimension.Category).Rows;
        (categories.Sum(r => r.Value.Measured), categories.Sum(r => r.Value.Within), categories.Sum(r => r.Value.Pending)).Should().Be((25, 12, 0));
    }

    [Fact]
    public void The_same_figure_over_all_levels_and_first_attention_compliance_are_beside_it()
    {
        // All levels = the 25 specialised + non-specialised counted in November: timely N1 N2 N9 N11 N14 N16 N19 N23 N30 N31 N38
        // N41 O4 = 13, late N26 = 1 → 25/39 = 64,1 %; N17 waits on the requester, not counted.
        Report.Indicator7AllLevels.Should().Be(new IndicatorValue(Measured: 39, Within: 25, Pending: 0));
        ReportFormat.Percent(Report.Indicator7AllLevels.Percent).Should().Be("64,1 %");

        // Attention, by the same month rule: N1…N41 with an attention ANS, less N8 (none) and N40 (due in December) = 39, plus O4
        // (attended in time on 3 November) = 40; late: N2 N12 N19 N36 (attended late), N22 (never), N39 (due Mon 30, attended
        // 1 December) = 6 → 34/40 = 85,0 %. O1 O2 O3 O5 were attended in October.
        Report.AttentionCompliance.Should().Be(new IndicatorValue(Measured: 40, Within: 34, Pending: 0));
        ReportFormat.Percent(Report.AttentionCompliance.Percent).Should().Be("85,0 %");
    }

    [Fact]
    public void Breaches_are_the_late_clocks_counted_in_November()
    {
        Report.Breaches.AttentionCount.Should().Be(6);
        Report.Breaches.Attention.Select(b => (b.Number, b.DueAt, b.DoneAt, b.Overrun)).Should().Equal(
            (month.Number("N2"), Nov(3, 13), Nov(3, 14), TimeSpan.FromHours(1)),
            (month.Number("N12"), Nov(9, 11), Nov(9, 12), TimeSpan.FromHours(1)),
            (month.Number("N19"), Nov(12, 11), Nov(12, 13), TimeSpan.FromHours(2)),
            (month.Number("N22"), Nov(18, 17), (DateTimeOffset?)null, TimeSpan.FromHours(91)), // 10 business days + 1 h to Thu 3 Dec 09:00
            (month.Number("N36"), Nov(27, 17), Nov(30, 9), TimeSpan.FromHours(1)),
            (month.Number("N39"), Nov(30, 17), Dec(1, 8, 30), TimeSpan.FromMinutes(30)));

        // Resolution, all levels: the 13 specialised late ones and N26. Overruns (business time beyond the target):
        // O2 28 h − 26 h; O3 193 h − 8 h; N7 9 h − 4 h; N13 26 h − 25 h; N15 35 h − 34 h; N22 109 h − 54 h; N24 10 h − 8 h (pause
        // excluded; due moved by 9 h to Thu 19 16:00); N28 82 h − 54 h; N29 72 h − 52 h; N32 53 h − 52 h; N35 55 h − 27 h.
        Report.Breaches.ResolutionCount.Should().Be(14);
        Report.Breaches.Resolution.Select(b => (b.Number, b.DueAt, b.DoneAt, b.Overrun)).Should().Equal(
            (month.Number("O2"), Nov(4, 17), Nov(5, 10), TimeSpan.FromHours(2)),
            (month.Number("O3"), Nov(3, 13), (DateTimeOffset?)null, TimeSpan.FromHours(185)),
            (month.Number("N4"), Nov(4, 12), Nov(4, 14), TimeSpan.FromHours(2)),
            (month.Number("N7"), Nov(5, 13), Nov(6, 9), TimeSpan.FromHours(5)),
            (month.Number("N13"), Nov(11, 17), Nov(12, 9), TimeSpan.FromHours(1)),
            (month.Number("N15"), Nov(13, 17), Nov(17, 9), TimeSpan.FromHours(1)),
            (month.Number("N20"), Nov(13, 16), Nov(17, 9), TimeSpan.FromHours(2)),
            (month.Number("N22"), Nov(24, 17), (DateTimeOffset?)null, TimeSpan.FromHours(55)),
            (month.Number("N24"), Nov(19, 16), Nov(20, 9), TimeSpan.FromHours(2)),
            (month.Number("N26"), Nov(19, 12), Nov(19, 13), TimeSpan.FromHours(1)),
            (month.Number("N28"), Nov(27, 17), (DateTimeOffset?)null, TimeSpan.FromHours(28)),
            (month.Number("N29"), Nov(27, 17), Dec(2, 10), TimeSpan.FromHours(20)),
            (month.Number("N32"), Nov(30, 17), Dec(1, 9), TimeSpan.FromHours(1)),
            (month.Number("N35"), Nov(27, 17), (DateTimeOffset?)null, TimeSpan.FromHours(28)));
        Report.Breaches.Resolution.Select(b => b.Number).Should().NotContain(month.Number("O5"), "O5 was late in October");
        Report.Breaches.Resolution.Single(b => b.Number == month.Number("N7")).Assignee.Should().Be("Alejandra Moreno Díaz");
    }

    [Fact]
    public void An_October_case_late_in_October_counts_in_October_only()
    {
        // October: O5 due Fri 30 Oct 16:00, solved 3 Nov → the only October figure: 0 of 1. Filed 5; resolved now O1 O2 O4 O5 = 4.
        // No survey answer was given in October.
        var october = Report.Trend[^2];
        october.Month.Should().Be(new YearMonth(2026, 10));
        (october.Filed, october.Resolved, october.Indicator7, october.Answered).Should().Be((5, 4, new IndicatorValue(1, 0, 0), 0));

        var november = Report.Trend[^1];
        (november.Filed, november.Resolved, november.Indicator7, november.Answered, november.Satisfied)
            .Should().Be((42, 32, Report.Indicator7, 27, 22));
    }

    [Fact]
    public void Business_times_to_attend_and_to_resolve_are_of_the_first_actions_and_solutions_of_November()
    {
        // First actions in November (minutes): O4 180 (Fri 30 Oct 15–17 + Tue 3 08–09); N1 30 N2 300 N3 30 N4 20 N5 30 N6 15 N7 10
        // N8 60 N9 60 N10 60 (615); N11 30 N12 180 N13 30 N14 60 N15 60 N16 30 N17 15 N18 30 N19 240 N20 30 N21 30 (735);
        // N23 30 N24 30 N25 10 N26 30 N27 60 N28 60 N29 30 N30 20 N31 60 N32 60 N33 30 N34 30 N35 60 N36 1140 (Thu 9 h + Fri 9 h
        // + Mon 1 h) N37 30 N38 30 (1710); N41 30 N42 60 (90). N22 N40 never, N39 on 1 December: 40 cases, 3330 min → 83,25 min.
        // 90th percentile, rank ⌈0,9 × 40⌉ = 36: descending 1140 300 240 180 180 → 180 min.
        Report.TimeToAttend.Should().Be(new TimeStatistics(40, TimeSpan.FromMinutes(83.25), TimeSpan.FromMinutes(180)));

        // Solutions recorded in November (their last one), pauses excluded (minutes): O1 1140 O5 600 O2 1680 O4 240 (3660);
        // N1 240 N2 600 N3 300 N4 360 N5 360 N6 420 N7 540 N8 540 (3360); N11 300 N12 420 N13 1560 N14 1740 N15 2100 N16 660 (6780);
        // N18 420 N19 420 N20 600 N21 210 (1650); N24 600 N25 300 N26 300 (1200); N30 120 N31 660 N33 180 N34 840 (1800);
        // N37 240 N38 360 N41 120 N42 540 (1260). 33 cases, 19710 min → 597,27 min. Rank ⌈0,9 × 33⌉ = 30: descending 2100 1740
        // 1680 1560 → 1560 min (N13's 26 h).
        Report.TimeToResolve.Count.Should().Be(33);
        Report.TimeToResolve.Mean!.Value.Should().BeCloseTo(TimeSpan.FromMinutes(19710.0 / 33), TimeSpan.FromMilliseconds(1));
        Report.TimeToResolve.Percentile90.Should().Be(TimeSpan.FromMinutes(1560));
    }

    [Fact]
    public void Escalations_of_the_November_cases_are_counted_by_path()
    {
        // 1 → 2: N6 N7 N20 N34; 2 → 3: N7 → 5 escalations in 4 cases.
        Report.Escalations.Total.Should().Be(5);
        Report.Escalations.CasesEscalated.Should().Be(4);
        Report.Escalations.On(EscalationPath.Level1To2).Should().Be(4);
        Report.Escalations.On(EscalationPath.Level2To3).Should().Be(1);
    }

    [Fact]
    public void The_survey_outcomes_of_the_November_cases()
    {
        // Closed satisfied: N1 N2 N5 N6 N8 N10 N11 N12 N15 N16 N18 N20 N21 N23 N25 N30 N33 N34 N37 N38 N41 = 21;
        // without answer N3 N7 N9 N14 N19 N24 N31 = 7; new case required N13 N42 = 2; no further solution N4 = 1 → closed 31.
        // Awaiting the answer: N29 N36 N39 (resolved) N32 (rejected) = 4. Novedades N4 N11 N13 N26 N42 = 5: N11 reopened,
        // N26 awaiting the decision.
        Report.Survey.Should().Be(new SurveySummary(
            Closed: 31, Satisfied: 21, NoAnswer: 7, NewCaseRequired: 2, NoFurtherSolution: 1, AwaitingAnswer: 4,
            Novedades: 5, Reopened: 1, AwaitingDecision: 1));
        ReportFormat.Percent(Report.Survey.ResponseRate).Should().Be("77,4 %");    // 24 / 31
        ReportFormat.Percent(Report.Survey.SatisfiedPercent).Should().Be("87,5 %"); // 21 / 24
    }

    [Fact]
    public void Survey_scores_are_the_answers_given_in_November()
    {
        // Answers given in November (27): O5 3/4/4, N1 5/5/5, O1 4/5/4, N2 4/2/4, N4 2/1/3 (no), N5 5/4/5, N6 4/4/4, N8 3/3/3,
        // N10 4/5/5, N11 3/3/3 (no), N12 4/3/5, N11 again 5/5/5, N13 1/1/2 (no), N16 5/5/4, N18 5/4/4, N15 2/2/3, N20 3/2/4,
        // N21 4/4/5, N23 4/5/5, N26 2/1/2 (no), N25 5/5/5, N30 5/5/4, N33 4/5/5, N41 5/5/5, N34 5/4/5, N42 3/2/3 (no), N37 4/4/4.
        // N38's answer is of 1 December. "Sí": 27 − 5 = 22.
        // Windows closed without answer in November: N3 N7 N9 N14 N19 N24 N31 O2 O4 = 9 → 27 / 36 = 75,0 %.
        var scores = Report.Scores;
        (scores.Answered, scores.Unanswered, scores.Satisfied).Should().Be((27, 9, 22));
        ReportFormat.Percent(scores.ResponseRate).Should().Be("75,0 %");
        ReportFormat.Percent(scores.SatisfiedPercent).Should().Be("81,5 %");

        // Rating: 1 N13; 2 N4 N15 N26; 3 O5 N8 N11 N20 N42; 4 O1 N2 N6 N10 N12 N21 N23 N33 N37; 5 N1 N5 N11 N16 N18 N25 N30 N41 N34.
        scores.Rating.Distribution.Should().Equal(1, 3, 5, 9, 9);
        scores.Rating.Mean.Should().BeApproximately(103.0 / 27, 1e-9);

        // Oportunidad: 1 N4 N13 N26; 2 N2 N15 N20 N42; 3 N8 N11 N12; 4 O5 N5 N6 N18 N21 N34 N37; 5 N1 O1 N10 N11 N16 N23 N25 N30 N33 N41.
        scores.Timeliness.Distribution.Should().Equal(3, 4, 3, 7, 10);
        scores.Timeliness.Mean.Should().BeApproximately(98.0 / 27, 1e-9);

        // Trato digno: 2 N13 N26; 3 N4 N8 N11 N15 N42; 4 O5 O1 N2 N6 N16 N18 N20 N30 N37; 5 N1 N5 N10 N12 N11 N21 N23 N25 N33 N41 N34.
        scores.Courtesy.Distribution.Should().Equal(0, 2, 5, 9, 11);
        scores.Courtesy.Mean.Should().BeApproximately(110.0 / 27, 1e-9);
    }

    [Fact]
    public void Survey_scores_are_broken_down_by_technician_and_category_group()
    {
        // Carlos N1 N11 N11 N23 N30: 5+3+5+4+5, 5+3+5+5+5, 5+3+5+5+4. Diana N2 N26 N41. Natalia N8 N10 N12 N15 N16 N33.
        // Paola O5 O1 N4 N18 N25 N42 N37. Sergio N5 N6 N13 N20 N21 N34. Alejandra: no answer.
        Sums(Report.ScoresByDimension(ReportDimension.Technician)).Should().Equal(
            ("Carlos Pérez Téllez", 5, 22, 23, 22), ("Diana Marcela Torres", 3, 11, 8, 11), ("Natalia Herrera Vargas", 6, 22, 23, 25),
            ("Paola Andrea Sánchez", 7, 26, 25, 27), ("Sergio Ramírez Quintero", 6, 22, 19, 25));

        // FL: N1 N2 N6 N11 N11 N20 N23 N26 N30 N34 N41; MI: Paola's; AP: N10 N12 N15 N33; ES: N5 N13 N21; AD: N8 N16.
        Sums(Report.ScoresByDimension(ReportDimension.CategoryGroup)).Should().Equal(
            ("Mesa de ayuda de primer nivel", 11, 45, 41, 46), ("Sistemas de información misionales", 7, 26, 25, 27),
            ("Sistemas de información de apoyo", 4, 14, 15, 18), ("Servicios especializados de TI", 3, 10, 9, 12),
            ("Servicios administrativos", 2, 8, 8, 7));
        var carlos = Report.ScoresByDimension(ReportDimension.Technician).Rows[0].Value;
        carlos.Rating.Should().BeApproximately(4.4, 1e-9);
    }

    [Fact]
    public void Low_scores_list_every_November_answer_with_a_score_of_2_or_less()
    {
        // By answer time: N2 (oportunidad 2, satisfied), N4, N13, N15 (satisfied), N20 (satisfied), N26, N42.
        Report.LowScores.Select(l => (l.Number, l.Satisfied, l.Rating, l.Timeliness, l.Courtesy, l.Technician)).Should().Equal(
            (month.Number("N2"), true, 4, 2, 4, "Diana Marcela Torres"),
            (month.Number("N4"), false, 2, 1, 3, "Paola Andrea Sánchez"),
            (month.Number("N13"), false, 1, 1, 2, "Sergio Ramírez Quintero"),
            (month.Number("N15"), true, 2, 2, 3, "Natalia Herrera Vargas"),
            (month.Number("N20"), true, 3, 2, 4, "Sergio Ramírez Quintero"),
            (month.Number("N26"), false, 2, 1, 2, "Diana Marcela Torres"),
            (month.Number("N42"), false, 3, 2, 3, "Paola Andrea Sánchez"));
        var n13 = Report.LowScores.Single(l => l.Number == month.Number("N13"));
        (n13.Comment, n13.Category, n13.AnsweredAt).Should().Be(("Se perdió información.", "Bases de datos", Nov(12, 10)));
    }

    [Fact]
    public async Task A_technician_or_a_group_scope_gives_the_same_figures_over_their_cases()
    {
        var compute = month.Host.Get<ComputeMonthlyReport>();

        // Sergio: filed N5 N6 N13 N20 N21 N24 N34 N35 (all resolved but N35, open). Indicator 7: N5✓ N6✓ N13✗ N20✗ N21✓ N24✗ N34✓
        // N35✗ O3✗ → 4/9, all of them specialised; attention: his 8 November cases in time (O3 was attended in October).
        // Survey: N5 N6 N13 N20 N21 N34 answered, N24 closed without answer → 6 / 7; low scores N13, N20.
        var sergio = await compute.HandleAsync(
            November, new ReportScope(DemoPeople.Level2Agent, null), null, ComputeMonthlyReport.DefaultBreachListLimit, default);
        sergio.Totals.Should().Be(new VolumeCounts(8, 7, RejectionCounts.None, 1));
        sergio.Indicator7.Should().Be(new IndicatorValue(9, 4, 0));
        sergio.Indicator7AllLevels.Should().Be(new IndicatorValue(9, 4, 0));
        sergio.AttentionCompliance.Should().Be(new IndicatorValue(8, 8, 0));
        (sergio.Scores.Answered, sergio.Scores.Unanswered).Should().Be((6, 1));
        sergio.LowScores.Select(l => l.Number).Should().Equal(month.Number("N13"), month.Number("N20"));

        // The misionales group (Paola): filed N3 N4 N17 N18 N25 N28 N32 N37 N40 N42; resolved N3 N4 N18 N25 N37 N42; rejected N32;
        // open N17 N28 N40. Indicator 7: 5/8 (N17 waiting, not counted); attention N3 N4 N17 N18 N25 N28 N32 N37 = 8/8.
        // Survey: O5 O1 N4 N18 N25 N42 N37 answered, N3 closed without answer → 7 / 8 = 87,5 %.
        int misional;
        await using (var db = month.Host.NewContext())
        {
            misional = await db.TechnicianGroups.Where(g => g.Name == "Sistemas de información misionales — nivel 1").Select(g => g.Id).SingleAsync();
        }

        var group = await compute.HandleAsync(November, new ReportScope(null, misional), null, ComputeMonthlyReport.DefaultBreachListLimit, default);
        group.Totals.Should().Be(new VolumeCounts(10, 6, new RejectionCounts(1, 0, 0), 3));
        group.Indicator7.Should().Be(new IndicatorValue(8, 5, 0));
        group.AttentionCompliance.Should().Be(new IndicatorValue(8, 8, 0));
        ReportFormat.Percent(group.Scores.ResponseRate).Should().Be("87,5 %");
    }

    private static IEnumerable<(string Label, VolumeCounts Value)> Rows(Breakdown<VolumeCounts> breakdown) =>
        breakdown.Rows.Select(r => (r.Label, r.Value));

    private static IEnumerable<(string Label, int Filed)> Filed(Breakdown<VolumeCounts> breakdown) =>
        breakdown.Rows.Select(r => (r.Label, r.Value.Filed));

    private static IEnumerable<(string Label, string Percent, int Measured, int Within, int Pending)> Percents(Breakdown<IndicatorValue> breakdown) =>
        breakdown.Rows.Select(r => (r.Label, ReportFormat.Percent(r.Value.Percent), r.Value.Measured, r.Value.Within, r.Value.Pending));

    private static IEnumerable<(string Label, int Count, int Rating, int Timeliness, int Courtesy)> Sums(Breakdown<ScoreAverages> breakdown) =>
        breakdown.Rows.Select(r => (r.Label, r.Value.Count, r.Value.RatingSum, r.Value.TimelinessSum, r.Value.CourtesySum));
}
