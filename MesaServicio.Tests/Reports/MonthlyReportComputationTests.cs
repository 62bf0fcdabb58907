using MesaServicio.Core.Priority;
using MesaServicio.Core.Reports;
using MesaServicio.Core.Sla;
using MesaServicio.Tests.Support;
using static MesaServicio.Tests.Reports.NovemberMonthFixture;

namespace MesaServicio.Tests.Reports;

/// <summary>
/// The November 2026 fixture, worked out by hand. Calendar: Monday–Friday 08:00–17:00 Bogotá, holidays
/// Monday 2 and Monday 16 November. Seeded ANS (attend / resolve): incidencia Crítica 1 h / 4 h, Alta 2 h / 8 h,
/// Media 4 h / 2 días, Baja 1 día / 5 días; petición Media and Baja 1 día / 5 and 10 días, Planificada none.
///
/// | case | filed (local)      | kind, priority, channel    | technician | attention (first action)            | end state                         |
/// |------|--------------------|----------------------------|------------|-------------------------------------|-----------------------------------|
/// | C1   | Sun 1 10:00        | incidencia Alta, portal    | Carlos     | Tue 3 09:00, due Tue 3 10:00: in    | resolved Tue 3 11:00, satisfied   |
/// | C2   | Tue 3 08:00        | incidencia Media, agente   | Diana      | Tue 3 13:00, due 12:00: LATE        | novedad, reopened, satisfied      |
/// | C3   | Tue 3 09:00        | petición Baja, PQRS        | Natalia    | Tue 3 10:00, due Wed 4 17:00: in    | rejected out of scope, no answer  |
/// | C4   | Wed 4 08:00        | incidencia Crítica, portal | Alejandra  | Wed 4 08:30, due 09:00: in          | 1→2→3, resolved 14:00 (late)      |
/// | C5   | Wed 4 10:00        | incidencia Alta, portal    | Hernán     | Wed 4 11:00, due 12:00: in          | to ORFEO's lead, wait, satisfied  |
/// | C6   | Fri 13 16:00       | incidencia Alta, portal    | Carlos     | Tue 17 08:30, due Tue 17 09:00: in  | resolved, closed without answer   |
/// | C7   | Fri 13 16:30       | petición Media, portal     | Diana      | Wed 18 09:00, due Tue 17 17:00: LATE| rejected insufficient, novedad, no further solution |
/// | C8   | Tue 17 08:00       | petición Baja, portal      | Natalia    | none, due Wed 18 17:00: PAST DUE    | open (assigned)                   |
/// | C9   | Wed 18 09:00       | incidencia Alta, portal    | Paola      | Wed 18 10:00, due 11:00: in         | waited 17 h, open past resolution |
/// | C10  | Mon 23 08:00       | incidencia Media, portal   | Carlos     | Mon 23 08:15, due 12:00: in         | rejected duplicate of C6          |
/// | C11  | Tue 24 10:00       | petición Planificada       | Natalia    | Wed 25 09:00 (no ANS)               | resolved, novedad, new case needed|
/// | C12  | Mon 30 16:30       | incidencia Baja, portal    | Diana      | none, due Tue 1 Dec 17:00: PENDING  | open (assigned)                   |
/// | C13  | Thu 26 10:00       | incidencia Media, portal   | Diana      | Thu 26 15:00, due 14:00: LATE       | resolved Fri 27 09:00             |
/// | C14  | Thu 26 11:00       | incidencia Crítica, agente | Sergio     | Thu 26 11:30, due 12:00: in         | 1→2, resolved 14:00, satisfied    |
/// </summary>
public sealed class MonthlyReportComputationTests(NovemberMonthFixture month) : IClassFixture<NovemberMonthFixture>
{
    private MonthlyReport Report => month.Report;

    [Fact]
    public void The_month_is_the_cases_filed_in_the_local_month_read_as_of_the_report()
    {
        Report.Month.Should().Be(November);
        Report.From.Should().Be(Local(11, 1, 0, 0), "local midnight of 1 November in Bogotá");
        Report.To.Should().Be(Local(12, 1, 0, 0));
        Report.AsOf.Should().Be(AsOf);
    }

    [Fact]
    public void Volumes_count_filed_resolved_rejected_by_reason_and_open()
    {
        // 14 filed; resolved (a solution recorded now): C1 C2 C4 C5 C6 C11 C13 C14 = 8;
        // rejected: C3 out of scope, C7 insufficient information, C10 duplicate = 3; open: C8 C9 C12 = 3.
        Report.Totals.Should().Be(new VolumeCounts(14, 8, new RejectionCounts(1, 1, 1), 3));

        Rows(Report.VolumesBy(ReportDimension.Kind)).Should().Equal(
            ("Incidencia", new VolumeCounts(10, 7, new RejectionCounts(0, 0, 1), 2)),   // C1 C2 C4 C5 C6 C9 C10 C12 C13 C14
            ("Petición", new VolumeCounts(4, 1, new RejectionCounts(1, 1, 0), 1)));     // C3 C7 C8 C11
        Rows(Report.VolumesBy(ReportDimension.Channel)).Select(r => (r.Label, r.Value.Filed)).Should().Equal(
            ("Portal", 11), ("Agente", 2), ("PQRS", 1));                                  // agente: C2 C14; PQRS: C3
        Rows(Report.VolumesBy(ReportDimension.Priority)).Select(r => (r.Label, r.Value.Filed)).Should().Equal(
            ("Crítica", 2), ("Alta", 4), ("Media", 4), ("Baja", 3), ("Planificada", 1));
        Rows(Report.VolumesBy(ReportDimension.Level)).Select(r => (r.Label, r.Value.Filed)).Should().Equal(
            ("Nivel 1", 11), ("Nivel 2", 2), ("Nivel 3", 1));                              // C5 C14 at level 2, C4 at 3
        Rows(Report.VolumesBy(ReportDimension.CategoryGroup)).Select(r => (r.Label, r.Value.Filed)).Should().Equal(
            ("Mesa de ayuda de primer nivel", 8),          // C1 C2 C6 C7 C10 C12 C13 C14
            ("Sistemas de información misionales", 2),     // C4 C9
            ("Sistemas de información de apoyo", 1),       // C8
            ("Servicios especializados de TI", 1),         // C5
            ("Servicios administrativos", 2));             // C3 C11
        Report.VolumesBy(ReportDimension.Category).Rows
            .Where(r => r.Group == "Mesa de ayuda de primer nivel").Select(r => (r.Label, r.Value.Filed)).Should().Equal(
                ("Correo electrónico institucional", 3), ("Cuentas de usuario y contraseñas", 1), ("Equipos de cómputo", 1),
                ("Impresoras y escáneres", 2), ("VPN y acceso remoto", 1));
        Rows(Report.VolumesBy(ReportDimension.Technician)).Select(r => (r.Label, r.Value.Filed, r.Value.Open)).Should().Equal(
            ("Alejandra Moreno Díaz", 1, 0), ("Carlos Pérez Téllez", 3, 0), ("Diana Marcela Torres", 4, 1),
            ("Hernán Darío Velásquez", 1, 0), ("Natalia Herrera Vargas", 3, 1), ("Paola Andrea Sánchez", 1, 1),
            ("Sergio Ramírez Quintero", 1, 0));
    }

    [Fact]
    public void Indicator_7_is_the_resolution_ANS_over_the_specialised_cases_attended_in_the_month()
    {
        // Specialised = level ≥ 2 (C4 level 3; C5, C14 level 2) or a specialised category group (C8 Nómina, apoyo; C9 Portal, misionales).
        // Resolution due times (ANS resolve, pauses added): C4 Crítica 4 h from Wed 4 08:00 → 12:00, solved 14:00: LATE;
        // C5 Alta 8 h from Wed 4 10:00 plus 4 h waiting → Thu 5 14:00, solved Thu 5 10:00: timely; C9 Alta 8 h from Wed 18 09:00
        // plus 17 h waiting → Fri 20 16:00, still open: LATE in November; C14 Crítica 4 h from Thu 26 11:00 → 15:00, solved 14:00:
        // timely; C8 petición Baja 10 días from Tue 17 → Tue 1 December 17:00: open, due in December, not in November.
        // 2 timely of 4 attended → 50,0 %, red against the 90 % target (amber reaches down to 80 %).
        Report.Indicator7.Should().Be(new IndicatorValue(Measured: 4, Within: 2, Pending: 0));
        ReportFormat.Percent(Report.Indicator7.Percent).Should().Be("50,0 %");
        Report.Indicator7Target.Should().Be(90m);
        Report.Indicator7Light.Should().Be(TrafficLight.Red);

        Percents(Report.Indicator7ByDimension(ReportDimension.Priority)).Should().Equal(
            ("Crítica", "50,0 %", 2, 0), ("Alta", "50,0 %", 2, 0));
        Percents(Report.Indicator7ByDimension(ReportDimension.Level)).Should().Equal(
            ("Nivel 1", "0,0 %", 1, 0), ("Nivel 2", "100,0 %", 2, 0), ("Nivel 3", "0,0 %", 1, 0));
        Percents(Report.Indicator7ByDimension(ReportDimension.CategoryGroup)).Should().Equal(
            ("Mesa de ayuda de primer nivel", "100,0 %", 1, 0), ("Sistemas de información misionales", "0,0 %", 2, 0),
            ("Servicios especializados de TI", "100,0 %", 1, 0));
        Percents(Report.Indicator7ByDimension(ReportDimension.Technician)).Should().Equal(
            ("Alejandra Moreno Díaz", "0,0 %", 1, 0), ("Hernán Darío Velásquez", "100,0 %", 1, 0),
            ("Paola Andrea Sánchez", "0,0 %", 1, 0), ("Sergio Ramírez Quintero", "100,0 %", 1, 0));

        // All levels: every case with a resolution ANS attended in November: C1 C2 C3 C4 C5 C6 C7 C9 C10 C13 C14 = 11 (C11 has no
        // ANS; C8 and C12 fall due in December); late: C4 and C9 → 9 of 11 = 81,8 %.
        Report.Indicator7AllLevels.Should().Be(new IndicatorValue(11, 9, 0));
        ReportFormat.Percent(Report.Indicator7AllLevels.Percent).Should().Be("81,8 %");

        // First attention: C2 C7 C13 attended late, C8 unattended past its due (Wed 18 17:00); C1 C3 C4 C5 C6 C9 C10 C14 in time;
        // C11 has no ANS; C12's attention falls due on Tue 1 December → 8 of 12 = 66,7 %.
        Report.AttentionCompliance.Should().Be(new IndicatorValue(12, 8, 0));
        ReportFormat.Percent(Report.AttentionCompliance.Percent).Should().Be("66,7 %");
    }

    [Fact]
    public async Task Indicator_7_agrees_with_the_resolution_clock_case_by_case()
    {
        var calendar = CaseBuilder.ColombianCalendar;
        await using var db = month.Host.NewContext();
        var specialisedGroups = db.Categories.Where(c => c.IsSpecialised).Select(c => c.Id).ToHashSet();
        var groupOf = db.Categories.ToDictionary(c => c.Id, c => c.ParentId ?? c.Id);
        var (from, to) = November.Bounds(calendar);
        var within = 0;
        var measured = 0;
        foreach (var name in Enumerable.Range(1, 14).Select(i => "C" + i))
        {
            var c = await month.Host.LoadAsync(month.Number(name));
            if (c.Level < 2 && !specialisedGroups.Contains(groupOf[c.CategoryId]))
            {
                continue;
            }

            var reading = SlaClock.Resolution(c.SlaFacts, calendar, AsOf);
            var done = c.ResolvedAt ?? c.RejectedAt;
            var inNovember = reading.State switch
            {
                SlaState.Met => done >= from && done < to,
                SlaState.Breached => reading.DueAt >= from && reading.DueAt < to,
                _ => false,
            };
            if (inNovember)
            {
                measured++;
                within += reading.State == SlaState.Met ? 1 : 0;
            }
        }

        (measured, within).Should().Be((Report.Indicator7.Measured, Report.Indicator7.Within));
    }

    [Fact]
    public void Business_times_to_attend_and_to_resolve_have_their_mean_and_90th_percentile()
    {
        // To attend (minutes of business time): C10 15, C4 30, C14 30, C1 60 (Sun→Tue 09:00), C3 60, C5 60, C9 60,
        // C6 90 (Fri 16-17 + Tue 08-08:30), C2 300, C13 300, C11 480, C7 630 (Fri 0,5 h + Tue 9 h + Wed 1 h) — 12 cases.
        // Mean 2115 / 12 = 176,25 min; 90th percentile: rank ⌈0,9 × 12⌉ = 11 → 480 min.
        Report.TimeToAttend.Should().Be(new TimeStatistics(12, TimeSpan.FromMinutes(176.25), TimeSpan.FromMinutes(480)));
        ReportFormat.BusinessDuration(Report.TimeToAttend.Mean).Should().Be("2 h 56 min");

        // To resolve, pauses excluded: C1 180, C14 180, C5 240 (9 h − 5 h waiting), C6 240, C4 360, C13 480, C11 540,
        // C2 720 (19 h − 7 h in the survey window before reopening) — 8 cases.
        // Mean 2940 / 8 = 367,5 min; 90th percentile: rank ⌈0,9 × 8⌉ = 8 → 720 min.
        Report.TimeToResolve.Should().Be(new TimeStatistics(8, TimeSpan.FromMinutes(367.5), TimeSpan.FromMinutes(720)));
        ReportFormat.BusinessDuration(Report.TimeToResolve.Percentile90).Should().Be("12 h 00 min");
    }

    [Fact]
    public void Breaches_list_attention_and_resolution_with_due_and_done_instants()
    {
        Report.Breaches.AttentionCount.Should().Be(4);
        Report.Breaches.Attention.Select(b => (b.Number, b.Assignee, b.DueAt, b.DoneAt, b.Overrun)).Should().Equal(
            (month.Number("C2"), "Diana Marcela Torres", Local(11, 3, 12, 0), Local(11, 3, 13, 0), TimeSpan.FromHours(1)),
            (month.Number("C7"), "Diana Marcela Torres", Local(11, 17, 17, 0), Local(11, 18, 9, 0), TimeSpan.FromHours(1)),
            (month.Number("C8"), "Natalia Herrera Vargas", Local(11, 18, 17, 0), (DateTimeOffset?)null, TimeSpan.FromHours(72)), // 8 business days to 1 Dec 08:00
            (month.Number("C13"), "Diana Marcela Torres", Local(11, 26, 14, 0), Local(11, 26, 15, 0), TimeSpan.FromHours(1)));
        var c13 = Report.Breaches.Attention.Single(b => b.Number == month.Number("C13"));
        c13.Subject.Should().Be(FormulaSubject);
        c13.Category.Should().Be("Impresoras y escáneres");
        c13.Priority.Should().Be(CasePriority.Medium);

        // C4 resolved after 6 h of a 4 h target. C9 still open: Wed 18 09–17 (8 h) + 8 full business days (72 h) = 80 h,
        // − 17 h waiting = 63 h of an 8 h target → 55 h over.
        // C9's due instant moves by its 17 h pause: Wed 18 17:00 + 17 h → Fri 20 16:00.
        Report.Breaches.ResolutionCount.Should().Be(2);
        Report.Breaches.Resolution.Select(b => (b.Number, b.DueAt, b.DoneAt, b.Overrun)).Should().Equal(
            (month.Number("C4"), Local(11, 4, 12, 0), Local(11, 4, 14, 0), TimeSpan.FromHours(2)),
            (month.Number("C9"), Local(11, 20, 16, 0), (DateTimeOffset?)null, TimeSpan.FromHours(55)));
    }

    [Fact]
    public void Escalations_are_counted_by_path()
    {
        // C4 1→2 and 2→3; C14 1→2; C5 to the lead of Gestión documental (ORFEO): 4 escalations in 3 cases.
        Report.Escalations.Total.Should().Be(4);
        Report.Escalations.CasesEscalated.Should().Be(3);
        Report.Escalations.Paths.Select(p => (p.Path, p.Label, p.Count)).Should().Equal(
            (EscalationPath.Level1To2, "Nivel 1 → nivel 2", 2),
            (EscalationPath.Level2To3, "Nivel 2 → nivel 3", 1),
            (EscalationPath.OtherCategoryLead, "A líder técnico de Gestión documental (ORFEO)", 1));
    }

    [Fact]
    public void The_survey_gives_response_rate_satisfaction_and_what_became_of_the_novedades()
    {
        // Closed: C1 C2 C5 C14 satisfied, C3 C6 without answer, C7 no further solution, C11 new case required = 8.
        // Answered 6 of 8 → 75,0 %; satisfied 4 of 6 answered → 66,7 %. Still in the survey: C4 C13 resolved, C10 rejected.
        // Novedades C2 (reopened), C7 (no further solution), C11 (new case required): 3 = 1 + 1 + 1 + 0 awaiting.
        Report.Survey.Should().Be(new SurveySummary(
            Closed: 8, Satisfied: 4, NoAnswer: 2, NewCaseRequired: 1, NoFurtherSolution: 1, AwaitingAnswer: 3,
            Novedades: 3, Reopened: 1, AwaitingDecision: 0));
        ReportFormat.Percent(Report.Survey.ResponseRate).Should().Be("75,0 %");
        ReportFormat.Percent(Report.Survey.SatisfiedPercent).Should().Be("66,7 %");
    }

    [Fact]
    public void The_trend_has_the_six_previous_months_and_this_one()
    {
        Report.Trend.Select(t => t.Month.ToString()).Should().Equal("2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11");
        Report.Trend.Take(5).Should().OnlyContain(t => t.Filed == 0 && t.Indicator7Percent == null && t.SatisfiedPercent == null);

        // October: O1 and O2 are first-level cases: filed and resolved, nothing on the specialised level.
        var october = Report.Trend[5];
        (october.Filed, october.Resolved, october.Indicator7Percent, october.SatisfiedPercent).Should().Be((2, 2, (double?)null, (double?)null));
        // The trend's satisfaction reads the survey's answers given in the month; this fixture closes its cases without the
        // survey form (the 40-case fixture answers it), so November has none.
        var november = Report.Trend[6];
        (november.Filed, november.Resolved, november.Indicator7, november.Answered, november.Satisfied)
            .Should().Be((14, 8, Report.Indicator7, 0, 0));
    }

    [Fact]
    public async Task A_month_without_cases_has_zeros_and_no_percentages()
    {
        await using var host = await CoreHost.StartAsync(Local(11, 3, 8, 0));
        var report = await host.Get<ComputeMonthlyReport>().HandleAsync(November, CancellationToken.None);
        report.Totals.Should().Be(VolumeCounts.None);
        report.Indicator7.Percent.Should().BeNull();
        report.TimeToAttend.Should().Be(TimeStatistics.None);
        report.Volumes.Should().OnlyContain(b => b.Rows.Count == 0);
        report.Trend.Should().HaveCount(7);
        ReportFormat.Percent(report.Indicator7.Percent).Should().Be("—");
    }

    [Fact]
    public async Task Progress_is_reported_up_to_100_and_cancellation_stops_the_computation()
    {
        var compute = month.Host.Get<ComputeMonthlyReport>();
        var seen = new List<int>();
        await compute.HandleAsync(November, ReportScope.All, new SynchronousProgress(seen.Add), ComputeMonthlyReport.DefaultBreachListLimit, CancellationToken.None);
        seen.Should().BeInAscendingOrder().And.EndWith(100);

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var act = () => compute.HandleAsync(November, cancelled.Token);
        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Only_the_worst_breaches_are_listed_when_there_are_more_than_the_limit()
    {
        var report = await month.Host.Get<ComputeMonthlyReport>().HandleAsync(November, ReportScope.All, null, breachListLimit: 1, CancellationToken.None);
        report.Breaches.AttentionCount.Should().Be(4, "all are counted");
        report.Breaches.Attention.Select(b => b.Number).Should().Equal([month.Number("C8")], "C8 has the largest overrun (72 h)");
        report.Breaches.Resolution.Select(b => b.Number).Should().Equal([month.Number("C9")]);
    }

    [Theory]
    [InlineData(2, null, EscalationPath.Level1To2, null)]
    [InlineData(3, null, EscalationPath.Level2To3, null)]
    [InlineData(null, 17, EscalationPath.OtherCategoryLead, 17)]
    public void An_escalation_history_line_names_its_path(int? level, int? targetCategory, EscalationPath path, int? category) =>
        ComputeMonthlyReport.EscalationPathOf(level, targetCategory).Should().Be((path, category));

    [Fact]
    public void A_history_line_without_an_escalation_target_has_no_path() =>
        ComputeMonthlyReport.EscalationPathOf(null, null).Should().BeNull();

    private static IEnumerable<(string Label, VolumeCounts Value)> Rows(Breakdown<VolumeCounts> breakdown) =>
        breakdown.Rows.Select(r => (r.Label, r.Value));

    private static IEnumerable<(string Label, string Percent, int Measured, int Pending)> Percents(Breakdown<IndicatorValue> breakdown) =>
        breakdown.Rows.Select(r => (r.Label, ReportFormat.Percent(r.Value.Percent), r.Value.Measured, r.Value.Pending));

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; posts to the thread pool, so its order is not guaranteed).</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
