using System.Globalization;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Improvement;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using MesaServicio.Core.Sla;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Reports;

/// <summary>
/// Computes the month's results (issues #6 and #15). Volumes: one GROUP BY over the cases filed in the month,
/// rolled up per dimension in memory. Compliance (indicator 7, first attention, times, breaches): the cases attended
/// in the month and the six before it, streamed as a small projection of their ANS facts and read with the business
/// calendar (the same <see cref="SlaClock"/> as the case page), each counted in one month. Survey scores: the answers
/// given in those months. Never loads whole cases or their history. One context per call, no tracking.
/// </summary>
public sealed class ComputeMonthlyReport(
    IDbContextFactory<MesaDbContext> contextFactory,
    IBusinessCalendarProvider calendars,
    TimeProvider time,
    CaseGuard guard,
    ListImprovementActionsOfMonth improvementActions)
{
    /// <summary>How many months before the report's month the trend shows.</summary>
    public const int TrendMonths = 6;

    /// <summary>Breaches listed per kind by default (all are counted; the CSV has every case).</summary>
    public const int DefaultBreachListLimit = 200;

    /// <summary>Low survey scores listed at most.</summary>
    public const int LowScoreListLimit = 200;

    /// <summary>A score at or below this is listed for follow-up.</summary>
    public const int LowScoreThreshold = 2;

    private const string Unassigned = "Sin asignar";

    private static readonly CaseStatus[] OpenStatuses = Enum.GetValues<CaseStatus>().Where(Case.IsOpenStatus).ToArray();

    public Task<MonthlyReport> HandleAsync(YearMonth month, CancellationToken cancellationToken) =>
        HandleAsync(month, ReportScope.All, null, DefaultBreachListLimit, cancellationToken);

    /// <summary>
    /// Computes the desk's report for <paramref name="user"/>: the coordinator and the Jefe OTIC read the month's
    /// results (anyone else gets <see cref="Common.ForbiddenException"/>). The overloads without a user are for the
    /// desk itself (the scheduled e-mail, the month's closing) and tests.
    /// </summary>
    public Task<MonthlyReport> HandleAsync(YearMonth month, CurrentUser user, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        guard.Demand(user, GlobalOperation.Reports);
        return HandleAsync(month, ReportScope.All, progress, DefaultBreachListLimit, cancellationToken);
    }

    /// <summary>Computes the report of <paramref name="month"/> as of now.</summary>
    /// <param name="month">The local month.</param>
    /// <param name="scope">Whose cases ("Mis resultados" narrows it to a technician or a group).</param>
    /// <param name="progress">Percent done, 0–100, for a screen that shows progress on a big month.</param>
    /// <param name="breachListLimit">How many breaches of each kind to list (the worst ones).</param>
    /// <param name="cancellationToken">Stops the computation between queries and while streaming.</param>
    public async Task<MonthlyReport> HandleAsync(
        YearMonth month, ReportScope scope, IProgress<int>? progress, int breachListLimit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentOutOfRangeException.ThrowIfNegative(breachListLimit);
        var calendar = calendars.Current;
        var asOf = time.GetUtcNow().ToUniversalTime();
        var (from, to) = month.Bounds(calendar);
        var months = Enumerable.Range(0, TrendMonths + 1).Select(i => month.AddMonths(i - TrendMonths)).ToArray();
        var starts = months.Select(m => m.Bounds(calendar).From).Append(to).ToArray();

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var categories = await ReportCategories.LoadAsync(db, cancellationToken).ConfigureAwait(false);
        var target = await db.ReportSettings.AsNoTracking().Select(r => (decimal?)r.Indicator7Target)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? ReportSettings.DefaultIndicator7Target;
        var groupNames = await db.TechnicianGroups.AsNoTracking().Select(g => new { g.Id, g.Name })
            .ToDictionaryAsync(g => g.Id, g => g.Name, cancellationToken).ConfigureAwait(false);
        progress?.Report(5);

        var cube = await LoadCubeAsync(db, scope, from, to, cancellationToken).ConfigureAwait(false);
        progress?.Report(25);

        var clocks = await ReadClocksAsync(db, scope, starts, asOf, calendar, categories, breachListLimit, cancellationToken).ConfigureAwait(false);
        progress?.Report(55);

        var history = await LoadHistoryAsync(db, scope, from, to, categories, cancellationToken).ConfigureAwait(false);
        progress?.Report(65);

        var filedTrend = await LoadFiledTrendAsync(db, scope, starts, cancellationToken).ConfigureAwait(false);
        var answers = await LoadAnswersAsync(db, scope, starts, cancellationToken).ConfigureAwait(false);
        progress?.Report(80);

        var breachDetails = await LoadBreachDetailsAsync(db, clocks.Breaches, cancellationToken).ConfigureAwait(false);
        var legalTerms = await LoadLegalTermsAsync(db, scope, from, to, asOf, calendar, breachListLimit, cancellationToken).ConfigureAwait(false);

        // The knowledge base's use in the month (articles used, cases avoided): the desk's report only.
        var knowledge = scope.IsAll ? await Knowledge.ReportKnowledge.LoadAsync(db, from, to, cancellationToken).ConfigureAwait(false) : null;
        var siteVisits = await ReportSiteVisits.LoadAsync(db, Scoped(db, scope), from, to, cancellationToken).ConfigureAwait(false);
        var personIds = cube.Select(r => r.AssigneeId)
            .Concat(clocks.Attended.Select(r => r.Dims.AssigneeId))
            .Concat(answers.Select(a => a.Dims.AssigneeId))
            .Concat(breachDetails.Values.Select(d => d.AssigneeId))
            .OfType<Guid>().Distinct().ToList();
        var people = new Dictionary<Guid, string>();
        foreach (var chunk in personIds.Chunk(500))
        {
            var ids = chunk.ToList();
            foreach (var p in await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.DisplayName })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                people[p.Id] = p.DisplayName;
            }
        }

        string NameOf(Guid? id) => id is { } i && people.TryGetValue(i, out var name) ? name : Unassigned;
        string GroupName(int? id) => id is { } g && groupNames.TryGetValue(g, out var name) ? name : "Sin grupo";

        var totals = cube.Aggregate(VolumeCounts.None, (sum, r) => sum + r.Volume);
        var survey = new SurveySummary(
            Closed: cube.Sum(r => r.Outcomes.Satisfied + r.Outcomes.NoAnswer + r.Outcomes.NewCaseRequired + r.Outcomes.NoFurtherSolution),
            Satisfied: cube.Sum(r => r.Outcomes.Satisfied),
            NoAnswer: cube.Sum(r => r.Outcomes.NoAnswer),
            NewCaseRequired: cube.Sum(r => r.Outcomes.NewCaseRequired),
            NoFurtherSolution: cube.Sum(r => r.Outcomes.NoFurtherSolution),
            AwaitingAnswer: cube.Sum(r => r.Outcomes.AwaitingAnswer),
            Novedades: history.Novedades,
            Reopened: history.Reopened,
            AwaitingDecision: cube.Sum(r => r.Outcomes.AwaitingDecision));

        var dimensions = Dimensions(categories, NameOf, GroupName);
        var volumes = dimensions.Where(d => d.Dimension != ReportDimension.TechnicianGroup)
            .Select(d => RollUp(cube, d, r => r.Volume, (a, b) => a + b, v => v.Filed > 0)).ToList();

        var current = TrendMonths;
        var specialisedRows = clocks.Attended.Where(r => r.Month == current && r.Specialised && r.Resolution is not null)
            .Select(r => r.Dims with { Indicator = r.Resolution }).ToList();
        var indicatorBy = dimensions
            .Where(d => d.Dimension is not (ReportDimension.Kind or ReportDimension.Channel))
            .Select(d => RollUp(specialisedRows, d, r => r.Indicator!, (a, b) => a + b, v => v.WithAns > 0)).ToList();
        var indicator = clocks.Specialised[current];

        SlaBreach Listed(BreachCandidate b)
        {
            var d = breachDetails[b.CaseId];
            return new SlaBreach(b.Kind, d.Number, d.Subject, categories.NameOf(d.CategoryId), d.Priority, NameOf(d.AssigneeId),
                b.DueAt, b.DoneAt, b.Overrun);
        }

        var breaches = new BreachSummary(
            clocks.AttentionBreaches,
            clocks.ResolutionBreaches,
            breachListLimit,
            clocks.Breaches.Where(b => b.Kind == BreachKind.Attention).Select(Listed).OrderBy(b => b.Number, StringComparer.Ordinal).ToList(),
            clocks.Breaches.Where(b => b.Kind == BreachKind.Resolution).Select(Listed).OrderBy(b => b.Number, StringComparer.Ordinal).ToList());

        var monthAnswers = answers.Where(a => a.Month == current).ToList();
        var scores = Scores(monthAnswers, filedTrend[current].Unanswered);
        var scoreRows = monthAnswers.Select(a => a.Dims with { Scores = new ScoreAverages(1, a.Rating, a.Timeliness, a.Courtesy) }).ToList();
        var scoresBy = dimensions
            .Where(d => d.Dimension is ReportDimension.CategoryGroup or ReportDimension.Category or ReportDimension.TechnicianGroup or ReportDimension.Technician)
            .Select(d => RollUp(scoreRows, d, r => r.Scores!, (a, b) => a + b, v => v.Count > 0)).ToList();
        var lowScores = monthAnswers
            .Where(a => a.Rating <= LowScoreThreshold || a.Timeliness <= LowScoreThreshold || a.Courtesy <= LowScoreThreshold)
            .OrderBy(a => a.AnsweredAt).Take(LowScoreListLimit)
            .Select(a => new LowScore(a.Number, a.Subject, a.AnsweredAt, a.Satisfied, a.Rating, a.Timeliness, a.Courtesy, a.Comment,
                categories.NameOf(a.Dims.CategoryId), NameOf(a.Dims.AssigneeId)))
            .ToList();

        var trend = months.Select((m, i) => new MonthTrend(
            m, filedTrend[i].Filed, filedTrend[i].Resolved, clocks.Specialised[i],
            answers.Count(a => a.Month == i), answers.Count(a => a.Month == i && a.Satisfied))).ToList();
        // The desk's improvement actions of the month (activity 6); a person's own results leave them to their page.
        var actions = scope.IsAll
            ? ReportImprovementActions.From(await improvementActions.HandleAsync(month, CurrentUser.System, cancellationToken).ConfigureAwait(false))
            : ReportImprovementActions.None;
        var problems = scope.IsAll ? await ReportProblems.LoadAsync(db, from, to, cancellationToken).ConfigureAwait(false) : null;
        progress?.Report(100);
        return new MonthlyReport(
            month, from, to, asOf, scope, totals, volumes, indicator, indicatorBy, clocks.AllLevels[current], clocks.Attention[current], target,
            breaches, clocks.TimeToAttend, clocks.TimeToResolve, history.Escalations, survey, scores, scoresBy, lowScores, trend, actions,
            legalTerms, problems, knowledge, siteVisits);
    }

    /// <summary>
    /// The PQRS with a legal term that count in the month (<see cref="MonthlyCompliance.LegalTerm"/>): a few per month, read
    /// through the index on their due instant; the breaches listed with their delay in business days.
    /// </summary>
    private static async Task<ReportLegalTerms> LoadLegalTermsAsync(
        MesaDbContext db, ReportScope scope, DateTimeOffset from, DateTimeOffset to, DateTimeOffset asOf, BusinessCalendar calendar,
        int breachListLimit, CancellationToken cancellationToken)
    {
        var rows = await Scoped(db, scope)
            .Where(MonthlyCompliance.LegalMayCountIn(from, to))
            .Select(c => new
            {
                c.Number,
                c.Subject,
                c.LegalModality,
                c.LegalTermDays,
                c.PqrsFiledAt,
                c.ReceivedAt,
                c.LegalDueAt,
                c.LegalAnsweredAt,
                c.LegalSuspendedSince,
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var value = IndicatorValue.None;
        var breaches = new List<LegalTermBreach>();
        foreach (var c in rows)
        {
            if (MonthlyCompliance.LegalTerm(c.LegalDueAt, c.LegalAnsweredAt, c.LegalSuspendedSince, asOf) is not { } term || !term.CountsIn(from, to))
            {
                continue;
            }

            value += term.Value;
            if (term.Outcome == ClockOutcome.Late)
            {
                breaches.Add(new LegalTermBreach(
                    c.Number, c.Subject, c.LegalModality ?? PqrsModality.Peticion, c.LegalTermDays ?? 0, c.PqrsFiledAt ?? c.ReceivedAt,
                    term.DueAt, term.DoneAt, MonthlyCompliance.LegalDaysLate(term.DueAt, term.DoneAt, calendar, asOf)));
            }
        }

        var listed = breaches
            .OrderByDescending(b => b.BusinessDaysLate).ThenBy(b => b.Number, StringComparer.Ordinal).Take(breachListLimit)
            .OrderBy(b => b.Number, StringComparer.Ordinal).ToList();
        return new ReportLegalTerms(value, listed);
    }

    /// <summary>The cases in <paramref name="scope"/>.</summary>
    private static IQueryable<Case> Scoped(MesaDbContext db, ReportScope scope)
    {
        var cases = db.Cases.AsNoTracking();
        if (scope.AssigneeId is { } person)
        {
            cases = cases.Where(c => c.AssigneeId == person);
        }

        if (scope.GroupId is { } group)
        {
            cases = cases.Where(c => c.AssignedGroupId == group);
        }

        return cases;
    }

    /// <summary>The month's filed cases: received in <c>[from, to)</c> (an index range on <c>ReceivedAt</c>).</summary>
    private static IQueryable<Case> InMonth(MesaDbContext db, ReportScope scope, DateTimeOffset from, DateTimeOffset to) =>
        Scoped(db, scope).Where(c => c.ReceivedAt >= from && c.ReceivedAt < to);

    /// <summary>
    /// Every count of the filed cases, grouped in SQL by every dimension at once: a few hundred rows at most
    /// (kinds × categories × channels × priorities × levels × assignees × groups that actually occur).
    /// </summary>
    private static async Task<List<CubeRow>> LoadCubeAsync(
        MesaDbContext db, ReportScope scope, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var rows = await InMonth(db, scope, from, to)
            .GroupBy(c => new { c.Kind, c.CategoryId, c.Channel, c.Priority, c.Level, c.AssigneeId, c.AssignedGroupId })
            .Select(g => new
            {
                g.Key.Kind,
                g.Key.CategoryId,
                g.Key.Channel,
                g.Key.Priority,
                g.Key.Level,
                g.Key.AssigneeId,
                g.Key.AssignedGroupId,
                Filed = g.Count(),
                Resolved = g.Count(c => c.ResolvedAt != null),
                Insufficient = g.Count(c => c.RejectedAt != null && c.RejectionReason == RejectionReason.InsufficientInformation),
                OutOfScope = g.Count(c => c.RejectedAt != null && c.RejectionReason == RejectionReason.OutOfScope),
                Duplicate = g.Count(c => c.RejectedAt != null && c.RejectionReason == RejectionReason.Duplicate),
                Open = g.Count(c => EF.Constant(OpenStatuses).Contains(c.Status)), // IN (1, …, 6), not a json_each subquery per row
                Satisfied = g.Count(c => c.CloseOutcome == CloseOutcome.Satisfied),
                NoAnswer = g.Count(c => c.CloseOutcome == CloseOutcome.NoAnswer),
                NewCaseRequired = g.Count(c => c.CloseOutcome == CloseOutcome.NewCaseRequired),
                NoFurtherSolution = g.Count(c => c.CloseOutcome == CloseOutcome.NoFurtherSolution),
                AwaitingAnswer = g.Count(c => c.Status == CaseStatus.Resolved || c.Status == CaseStatus.Rejected),
                AwaitingDecision = g.Count(c => c.Status == CaseStatus.NovedadReported),
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        return rows.Select(r => new CubeRow(r.Kind, r.CategoryId, r.Channel, r.Priority, r.Level, r.AssigneeId, r.AssignedGroupId)
        {
            Volume = new VolumeCounts(r.Filed, r.Resolved, new RejectionCounts(r.Insufficient, r.OutOfScope, r.Duplicate), r.Open),
            Outcomes = new OutcomeCounts(r.Satisfied, r.NoAnswer, r.NewCaseRequired, r.NoFurtherSolution, r.AwaitingAnswer, r.AwaitingDecision),
        }).ToList();
    }

    /// <summary>
    /// Streams the ANS facts of every case that may count in one of the months <c>[starts[0], starts[^1])</c> (a
    /// dozen numbers per case) and reads both clocks with the business calendar. Each clock of a case counts in one
    /// month: a timely one in the month it was done, a late one in the month its due time passed, one not done and
    /// not yet due nowhere (pending, when its due time falls in a month of the range). Also: times to attend and to
    /// resolve and the breaches of the last month (a bounded heap, so memory stays flat however many breach).
    /// </summary>
    private static async Task<ClockResults> ReadClocksAsync(
        MesaDbContext db, ReportScope scope, DateTimeOffset[] starts, DateTimeOffset asOf, BusinessCalendar calendar,
        ReportCategories categories, int breachListLimit, CancellationToken cancellationToken)
    {
        var monthCount = starts.Length - 1;
        var current = monthCount - 1;
        DateTimeOffset first = starts[0], end = starts[^1], from = starts[current];
        var specialised = new IndicatorValue[monthCount];
        var allLevels = new IndicatorValue[monthCount];
        var attention = new IndicatorValue[monthCount];
        Array.Fill(specialised, IndicatorValue.None);
        Array.Fill(allLevels, IndicatorValue.None);
        Array.Fill(attention, IndicatorValue.None);
        var attended = new List<AttendedRow>();
        var attendTimes = new List<long>();
        var resolveTimes = new List<long>();
        var worstAttention = new PriorityQueue<BreachCandidate, long>();
        var worstResolution = new PriorityQueue<BreachCandidate, long>();
        int attentionBreaches = 0, resolutionBreaches = 0;

        int MonthOf(DateTimeOffset instant)
        {
            for (var i = 0; i < monthCount; i++)
            {
                if (instant >= starts[i] && instant < starts[i + 1])
                {
                    return i;
                }
            }

            return -1;
        }

        var facts = Scoped(db, scope)
            .Where(MonthlyCompliance.MayCountIn(first, end))
            .Select(c => new
            {
                c.Id,
                c.Kind,
                c.CategoryId,
                c.Channel,
                c.Priority,
                c.Level,
                c.AssigneeId,
                c.AssignedGroupId,
                c.Status,
                c.ReceivedAt,
                c.AttendDueAt,
                c.AttendTarget,
                c.FirstActionAt,
                c.ResolveBaseDueAt,
                c.ResolveTarget,
                c.PausedBusinessTime,
                c.PausedSince,
                c.ResolvedAt,
                c.RejectedAt,
            }).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false);

        await foreach (var c in facts)
        {
            var dims = new CubeRow(c.Kind, c.CategoryId, c.Channel, c.Priority, c.Level, c.AssigneeId, c.AssignedGroupId);
            var isSpecialised = MonthlyCompliance.IsSpecialised(c.Level, c.CategoryId, categories);

            // The clocks' elapsed times are SlaClock's, as on the case page and the board.
            var slaFacts = new SlaFacts(c.ReceivedAt, c.AttendDueAt, c.AttendTarget, c.FirstActionAt, c.ResolveBaseDueAt,
                c.ResolveTarget, c.PausedBusinessTime, c.PausedSince, Case.ResolutionStopsIn(c.Status));
            if (c.FirstActionAt is { } acted && acted >= from && acted < end)
            {
                attendTimes.Add(SlaClock.AttentionElapsed(slaFacts, calendar, acted).Ticks);
            }

            if (c.ResolvedAt is { } resolvedAt && resolvedAt >= from && resolvedAt < end)
            {
                resolveTimes.Add(SlaClock.ResolutionElapsed(slaFacts, calendar, resolvedAt).Ticks);
            }

            if (MonthlyCompliance.Attention(c.AttendDueAt, c.FirstActionAt, calendar, asOf) is { } attend
                && MonthOf(attend.CountsAt) is var attendMonth and >= 0)
            {
                attention[attendMonth] += attend.Value;
                if (attend.Outcome == ClockOutcome.Late && attendMonth == current)
                {
                    attentionBreaches++;
                    Keep(worstAttention, new BreachCandidate(c.Id, BreachKind.Attention, attend.DueAt, attend.DoneAt, attend.Overrun), breachListLimit);
                }
            }

            if (MonthlyCompliance.Resolution(slaFacts, c.ResolvedAt, c.RejectedAt, calendar, asOf) is { } resolve
                && MonthOf(resolve.CountsAt) is var month and >= 0)
            {
                allLevels[month] += resolve.Value;
                if (isSpecialised)
                {
                    specialised[month] += resolve.Value;
                }

                if (month == current)
                {
                    attended.Add(new AttendedRow(month, isSpecialised, dims, resolve.Value));
                    if (resolve.Outcome == ClockOutcome.Late)
                    {
                        resolutionBreaches++;
                        Keep(worstResolution, new BreachCandidate(c.Id, BreachKind.Resolution, resolve.DueAt, resolve.DoneAt, resolve.Overrun),
                            breachListLimit);
                    }
                }
            }
        }

        var listed = worstAttention.UnorderedItems.Select(i => i.Element)
            .Concat(worstResolution.UnorderedItems.Select(i => i.Element)).ToList();
        return new ClockResults(specialised, allLevels, attention, attended, Statistics(attendTimes), Statistics(resolveTimes),
            attentionBreaches, resolutionBreaches, listed);
    }

    private static void Keep(PriorityQueue<BreachCandidate, long> worst, BreachCandidate candidate, int limit)
    {
        if (limit == 0)
        {
            return;
        }

        if (worst.Count < limit)
        {
            worst.Enqueue(candidate, candidate.Overrun.Ticks);
        }
        else if (worst.TryPeek(out _, out var smallest) && candidate.Overrun.Ticks > smallest)
        {
            worst.DequeueEnqueue(candidate, candidate.Overrun.Ticks);
        }
    }

    /// <summary>Mean, and the 90th percentile by nearest rank: the smallest value with at least 90 % of values at or below it.</summary>
    internal static TimeStatistics Statistics(List<long> ticks)
    {
        if (ticks.Count == 0)
        {
            return TimeStatistics.None;
        }

        ticks.Sort();
        var mean = ticks.Sum(t => (decimal)t) / ticks.Count;
        var rank = (int)Math.Ceiling(0.9 * ticks.Count);
        return new TimeStatistics(ticks.Count, new TimeSpan((long)Math.Round(mean)), new TimeSpan(ticks[rank - 1]));
    }

    private static SurveyScores Scores(List<AnswerRow> answers, int unanswered)
    {
        static ScoreDistribution Distribution(IEnumerable<int> scores)
        {
            var counts = new int[5];
            foreach (var score in scores)
            {
                counts[Math.Clamp(score, 1, 5) - 1]++;
            }

            return new ScoreDistribution(counts);
        }

        return new SurveyScores(
            answers.Count, unanswered, answers.Count(a => a.Satisfied),
            Distribution(answers.Select(a => a.Rating)), Distribution(answers.Select(a => a.Timeliness)), Distribution(answers.Select(a => a.Courtesy)));
    }

    private static async Task<Dictionary<Guid, BreachDetail>> LoadBreachDetailsAsync(
        MesaDbContext db, IReadOnlyList<BreachCandidate> breaches, CancellationToken cancellationToken)
    {
        var result = new Dictionary<Guid, BreachDetail>();
        foreach (var chunk in breaches.Select(b => b.CaseId).Distinct().Chunk(500))
        {
            var ids = chunk.ToList();
            var rows = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id))
                .Select(c => new BreachDetail(c.Id, c.Number, c.Subject, c.CategoryId, c.Priority, c.AssigneeId))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                result[row.Id] = row;
            }
        }

        return result;
    }

    /// <summary>Escalations by path and novedades, counted in SQL from the history of the month's cases.</summary>
    private static async Task<HistoryResults> LoadHistoryAsync(
        MesaDbContext db, ReportScope scope, DateTimeOffset from, DateTimeOffset to, ReportCategories categories, CancellationToken cancellationToken)
    {
        // One pass over the history (it has no index by action): counted per case, action and value in SQL,
        // so "cases escalated" (distinct cases) comes from the same few rows.
        var month = InMonth(db, scope, from, to);
        var rows = await db.CaseHistory.AsNoTracking()
            .Where(h => h.Action == CaseAction.Escalated || h.Action == CaseAction.NovedadReported || h.Action == CaseAction.Reopened)
            .Join(month, h => h.CaseId, c => c.Id, (h, c) => new { h.CaseId, h.Action, h.EscalatedToLevel, h.EscalatedToCategoryId })
            .GroupBy(h => new { h.CaseId, h.Action, h.EscalatedToLevel, h.EscalatedToCategoryId })
            .Select(g => new { g.Key.CaseId, g.Key.Action, g.Key.EscalatedToLevel, g.Key.EscalatedToCategoryId, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var casesEscalated = rows.Where(r => r.Action == CaseAction.Escalated).Select(r => r.CaseId).Distinct().Count();

        var paths = new Dictionary<(EscalationPath Path, int? Category), int>();
        foreach (var row in rows.Where(r => r.Action == CaseAction.Escalated))
        {
            if (EscalationPathOf(row.EscalatedToLevel, row.EscalatedToCategoryId) is { } key)
            {
                paths[key] = paths.GetValueOrDefault(key) + row.Count;
            }
        }

        var escalations = paths
            .Select(p => new EscalationCount(p.Key.Path, p.Key.Category,
                p.Key.Category is { } id ? "A líder técnico de " + categories.NameOf(id) : ReportFormat.Label(p.Key.Path), p.Value))
            .OrderBy(p => p.Path)
            .ThenBy(p => p.TargetCategoryId is { } id ? categories.GroupOf(id).SortOrder : 0)
            .ThenBy(p => p.TargetCategoryId is { } id ? categories.SortOrderOf(id) : 0)
            .ToList();
        return new HistoryResults(
            new EscalationSummary(escalations.Sum(e => e.Count), casesEscalated, escalations),
            rows.Where(r => r.Action == CaseAction.NovedadReported).Sum(r => r.Count),
            rows.Where(r => r.Action == CaseAction.Reopened).Sum(r => r.Count));
    }

    /// <summary>
    /// An escalation's path from its history line's typed target: the level reached (2 or 3) or the other category
    /// whose technical lead took the case.
    /// </summary>
    internal static (EscalationPath Path, int? Category)? EscalationPathOf(int? escalatedToLevel, int? escalatedToCategoryId) =>
        (escalatedToLevel, escalatedToCategoryId) switch
        {
            (_, { } category) => (EscalationPath.OtherCategoryLead, category),
            (2, null) => (EscalationPath.Level1To2, null),
            (3, null) => (EscalationPath.Level2To3, null),
            _ => null,
        };

    /// <summary>
    /// Per month of the range: cases filed and, of those, resolved (one GROUP BY bucketed by month), and survey
    /// windows that closed without an answer (cases closed "sin respuesta", bucketed by their closing).
    /// </summary>
    private static async Task<FiledMonth[]> LoadFiledTrendAsync(
        MesaDbContext db, ReportScope scope, DateTimeOffset[] starts, CancellationToken cancellationToken)
    {
        DateTimeOffset b0 = starts[0], b1 = starts[1], b2 = starts[2], b3 = starts[3], b4 = starts[4], b5 = starts[5], b6 = starts[6], b7 = starts[7];
        var filed = await InMonth(db, scope, b0, b7)
            .GroupBy(c => c.ReceivedAt < b1 ? 0 : c.ReceivedAt < b2 ? 1 : c.ReceivedAt < b3 ? 2 : c.ReceivedAt < b4 ? 3 : c.ReceivedAt < b5 ? 4 : c.ReceivedAt < b6 ? 5 : 6)
            .Select(g => new { Bucket = g.Key, Filed = g.Count(), Resolved = g.Count(c => c.ResolvedAt != null) })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var unanswered = await Scoped(db, scope)
            .Where(c => c.CloseOutcome == CloseOutcome.NoAnswer && c.ClosedAt >= b0 && c.ClosedAt < b7)
            .GroupBy(c => c.ClosedAt < b1 ? 0 : c.ClosedAt < b2 ? 1 : c.ClosedAt < b3 ? 2 : c.ClosedAt < b4 ? 3 : c.ClosedAt < b5 ? 4 : c.ClosedAt < b6 ? 5 : 6)
            .Select(g => new { Bucket = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return Enumerable.Range(0, TrendMonths + 1).Select(i => new FiledMonth(
            filed.FirstOrDefault(r => r.Bucket == i)?.Filed ?? 0,
            filed.FirstOrDefault(r => r.Bucket == i)?.Resolved ?? 0,
            unanswered.FirstOrDefault(r => r.Bucket == i)?.Count ?? 0)).ToArray();
    }

    /// <summary>The survey answers given in the range, with their case's dimensions (a few per case at most).</summary>
    private static async Task<List<AnswerRow>> LoadAnswersAsync(
        MesaDbContext db, ReportScope scope, DateTimeOffset[] starts, CancellationToken cancellationToken)
    {
        DateTimeOffset first = starts[0], end = starts[^1];
        var rows = await db.SurveyResponses.AsNoTracking()
            .Where(r => r.AnsweredAt >= first && r.AnsweredAt < end)
            .Join(Scoped(db, scope), r => r.CaseId, c => c.Id, (r, c) => new
            {
                r.AnsweredAt,
                r.Satisfied,
                r.Rating,
                r.Timeliness,
                r.Courtesy,
                r.Comment,
                c.Number,
                c.Subject,
                c.Kind,
                c.CategoryId,
                c.Channel,
                c.Priority,
                c.Level,
                c.AssigneeId,
                c.AssignedGroupId,
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new AnswerRow(
                Array.FindLastIndex(starts, s => r.AnsweredAt >= s), r.AnsweredAt, r.Satisfied, r.Rating, r.Timeliness, r.Courtesy, r.Comment,
                r.Number, r.Subject, new CubeRow(r.Kind, r.CategoryId, r.Channel, r.Priority, r.Level, r.AssigneeId, r.AssignedGroupId)))
            .ToList();
    }

    private static List<DimensionSpec> Dimensions(ReportCategories categories, Func<Guid?, string> nameOf, Func<int?, string> groupName) =>
    [
        new(ReportDimension.Kind, r => new(r.Kind.ToString(), ReportFormat.Label(r.Kind), null, (int)r.Kind, 0)),
        new(ReportDimension.CategoryGroup, r =>
        {
            var group = categories.GroupOf(r.CategoryId);
            return new(group.Id.ToString(CultureInfo.InvariantCulture), group.Name, null, group.SortOrder, 0);
        }),
        new(ReportDimension.Category, r =>
        {
            var group = categories.GroupOf(r.CategoryId);
            var own = categories.IsGroup(r.CategoryId) ? -1 : categories.SortOrderOf(r.CategoryId);
            return new(r.CategoryId.ToString(CultureInfo.InvariantCulture), categories.NameOf(r.CategoryId), group.Name, group.SortOrder, own);
        }),
        new(ReportDimension.Channel, r => new(r.Channel.ToString(), ReportFormat.Label(r.Channel), null, (int)r.Channel, 0)),
        new(ReportDimension.Priority, r => new(r.Priority.ToString(), ReportFormat.Label(r.Priority), null, (int)r.Priority, 0)),
        new(ReportDimension.Level, r => new(r.Level.ToString(CultureInfo.InvariantCulture), ReportFormat.LevelLabel(r.Level), null, r.Level, 0)),
        new(ReportDimension.TechnicianGroup, r => new(
            r.GroupId?.ToString(CultureInfo.InvariantCulture) ?? "", groupName(r.GroupId), null, r.GroupId is null ? 1 : 0, 0)),
        new(ReportDimension.Technician, r => new(
            r.AssigneeId?.ToString() ?? "", nameOf(r.AssigneeId), null, r.AssigneeId is null ? 1 : 0, 0)),
    ];

    private static Breakdown<T> RollUp<T>(
        List<CubeRow> cube, DimensionSpec spec, Func<CubeRow, T> value, Func<T, T, T> add, Func<T, bool> shown)
    {
        var comparer = StringComparer.Create(ReportFormat.Culture, CompareOptions.IgnoreCase);
        var rows = cube
            .Select(r => (Key: spec.KeyOf(r), Value: value(r)))
            .GroupBy(x => x.Key.Key)
            .Select(g => (g.First().Key, Value: g.Select(x => x.Value).Aggregate(add)))
            .Where(x => shown(x.Value))
            .OrderBy(x => x.Key.Order).ThenBy(x => x.Key.SubOrder).ThenBy(x => x.Key.Label, comparer)
            .Select(x => new BreakdownRow<T>(x.Key.Key, x.Key.Label, x.Key.Group, x.Value))
            .ToList();
        return new Breakdown<T>(spec.Dimension, rows);
    }

    /// <summary>The dimensions of a case (or of a group of cases in the cube) and what is summed over them.</summary>
    private sealed record CubeRow(
        CaseKind Kind, int CategoryId, CaseChannel Channel, CasePriority Priority, int Level, Guid? AssigneeId, int? GroupId)
    {
        public VolumeCounts Volume { get; init; } = VolumeCounts.None;

        public OutcomeCounts Outcomes { get; init; } = OutcomeCounts.None;

        public IndicatorValue? Indicator { get; init; }

        public ScoreAverages? Scores { get; init; }
    }

    private sealed record OutcomeCounts(int Satisfied, int NoAnswer, int NewCaseRequired, int NoFurtherSolution, int AwaitingAnswer, int AwaitingDecision)
    {
        public static OutcomeCounts None { get; } = new(0, 0, 0, 0, 0, 0);
    }

    private sealed record AttendedRow(int Month, bool Specialised, CubeRow Dims, IndicatorValue? Resolution);

    private sealed record AnswerRow(
        int Month, DateTimeOffset AnsweredAt, bool Satisfied, int Rating, int Timeliness, int Courtesy, string? Comment,
        string Number, string Subject, CubeRow Dims);

    private sealed record FiledMonth(int Filed, int Resolved, int Unanswered);

    private readonly record struct DimensionKey(string Key, string Label, string? Group, int Order, int SubOrder);

    private sealed record DimensionSpec(ReportDimension Dimension, Func<CubeRow, DimensionKey> KeyOf);

    private sealed record BreachCandidate(Guid CaseId, BreachKind Kind, DateTimeOffset DueAt, DateTimeOffset? DoneAt, TimeSpan Overrun);

    private sealed record BreachDetail(Guid Id, string Number, string Subject, int CategoryId, CasePriority Priority, Guid? AssigneeId);

    private sealed record ClockResults(
        IndicatorValue[] Specialised, IndicatorValue[] AllLevels, IndicatorValue[] Attention, List<AttendedRow> Attended,
        TimeStatistics TimeToAttend, TimeStatistics TimeToResolve, int AttentionBreaches, int ResolutionBreaches,
        IReadOnlyList<BreachCandidate> Breaches);

    private sealed record HistoryResults(EscalationSummary Escalations, int Novedades, int Reopened);
}
