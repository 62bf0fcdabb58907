using System.Globalization;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using MesaServicio.Core.Sla;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Reports;

/// <summary>
/// Computes the coordinator's monthly results (issue #6) for the cases filed in a local month. Counts and
/// groupings run in the database (one GROUP BY over the month's cases, rolled up per dimension in
/// memory); business-time statistics and breaches stream a small projection of the ANS facts and never
/// load whole cases or their history. One context per call, no tracking.
/// </summary>
public sealed class ComputeMonthlyReport(
    IDbContextFactory<MesaDbContext> contextFactory,
    IBusinessCalendarProvider calendars,
    TimeProvider time,
    CaseGuard guard)
{
    /// <summary>How many months before the report's month the trend shows.</summary>
    public const int TrendMonths = 6;

    /// <summary>Breaches listed per kind by default (all are counted; the CSV has every case).</summary>
    public const int DefaultBreachListLimit = 200;

    private const string Unassigned = "Sin asignar";

    private static readonly CaseStatus[] OpenStatuses = Enum.GetValues<CaseStatus>().Where(Case.IsOpenStatus).ToArray();

    public Task<MonthlyReport> HandleAsync(YearMonth month, CancellationToken cancellationToken) =>
        HandleAsync(month, null, DefaultBreachListLimit, cancellationToken);

    /// <summary>
    /// Computes the report for <paramref name="user"/>: only the coordinator may read the monthly results
    /// (anyone else gets <see cref="Common.ForbiddenException"/>). The overloads without a user are for the desk
    /// itself (the scheduled e-mail) and tests.
    /// </summary>
    public Task<MonthlyReport> HandleAsync(YearMonth month, CurrentUser user, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        guard.Demand(user, GlobalOperation.Reports);
        return HandleAsync(month, progress, DefaultBreachListLimit, cancellationToken);
    }

    /// <summary>Computes the report of <paramref name="month"/> as of now.</summary>
    /// <param name="month">The local month whose filed cases are reported.</param>
    /// <param name="progress">Percent done, 0–100, for a screen that shows progress on a big month.</param>
    /// <param name="breachListLimit">How many breaches of each kind to list (the worst ones).</param>
    /// <param name="cancellationToken">Stops the computation between queries and while streaming.</param>
    public async Task<MonthlyReport> HandleAsync(
        YearMonth month, IProgress<int>? progress, int breachListLimit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(breachListLimit);
        var calendar = calendars.Current;
        var asOf = time.GetUtcNow().ToUniversalTime();
        var (from, to) = month.Bounds(calendar);

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var categories = await ReportCategories.LoadAsync(db, cancellationToken).ConfigureAwait(false);
        progress?.Report(5);

        var cube = await LoadCubeAsync(db, from, to, asOf, cancellationToken).ConfigureAwait(false);
        progress?.Report(30);

        var clocks = await ReadClocksAsync(db, from, to, asOf, calendar, breachListLimit, cancellationToken).ConfigureAwait(false);
        progress?.Report(65);

        var history = await LoadHistoryAsync(db, from, to, categories, cancellationToken).ConfigureAwait(false);
        progress?.Report(75);

        var previous = await LoadTrendAsync(db, month, calendar, asOf, cancellationToken).ConfigureAwait(false);
        progress?.Report(85);

        var breachDetails = await LoadBreachDetailsAsync(db, clocks.Breaches, cancellationToken).ConfigureAwait(false);
        var personIds = cube.Select(r => r.AssigneeId).Concat(breachDetails.Values.Select(d => d.AssigneeId))
            .OfType<Guid>().Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id))
            .Select(p => new { p.Id, p.DisplayName })
            .ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken).ConfigureAwait(false);
        string NameOf(Guid? id) => id is { } i && people.TryGetValue(i, out var name) ? name : Unassigned;

        var totals = cube.Aggregate(VolumeCounts.None, (sum, r) => sum + r.Volume);
        var indicator = cube.Aggregate(IndicatorValue.None, (sum, r) => sum + r.Indicator);
        var survey = new SurveySummary(
            Closed: cube.Sum(r => r.Satisfied + r.NoAnswer + r.NewCaseRequired + r.NoFurtherSolution),
            Satisfied: cube.Sum(r => r.Satisfied),
            NoAnswer: cube.Sum(r => r.NoAnswer),
            NewCaseRequired: cube.Sum(r => r.NewCaseRequired),
            NoFurtherSolution: cube.Sum(r => r.NoFurtherSolution),
            AwaitingAnswer: cube.Sum(r => r.AwaitingAnswer),
            Novedades: history.Novedades,
            Reopened: history.Reopened,
            AwaitingDecision: cube.Sum(r => r.AwaitingDecision));

        var dimensions = Dimensions(categories, NameOf);
        var volumes = dimensions.Select(d => RollUp(cube, d, r => r.Volume, (a, b) => a + b, v => v.Filed > 0)).ToList();
        var indicatorBy = dimensions.Where(d => d.Dimension != ReportDimension.Kind && d.Dimension != ReportDimension.Channel)
            .Select(d => RollUp(cube, d, r => r.Indicator, (a, b) => a + b, v => v.WithAns > 0)).ToList();

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

        var trend = previous.Append(new MonthTrend(month, totals.Filed, totals.Resolved, indicator, survey.Answered, survey.Satisfied)).ToList();
        progress?.Report(100);
        return new MonthlyReport(
            month, from, to, asOf, totals, volumes, indicator, indicatorBy, breaches,
            clocks.TimeToAttend, clocks.TimeToResolve, history.Escalations, survey, trend);
    }

    /// <summary>The month's cases: received in <c>[from, to)</c> (an index range on <c>ReceivedAt</c>).</summary>
    private static IQueryable<Case> InMonth(MesaDbContext db, DateTimeOffset from, DateTimeOffset to) =>
        db.Cases.AsNoTracking().Where(c => c.ReceivedAt >= from && c.ReceivedAt < to);

    /// <summary>
    /// Every count the report needs, grouped in SQL by every dimension at once: a few hundred rows at most
    /// (kinds × categories × channels × priorities × levels × assignees that actually occur).
    /// </summary>
    private static async Task<List<CubeRow>> LoadCubeAsync(
        MesaDbContext db, DateTimeOffset from, DateTimeOffset to, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var rows = await InMonth(db, from, to)
            .GroupBy(c => new { c.Kind, c.CategoryId, c.Channel, c.Priority, c.Level, c.AssigneeId })
            .Select(g => new
            {
                g.Key.Kind,
                g.Key.CategoryId,
                g.Key.Channel,
                g.Key.Priority,
                g.Key.Level,
                g.Key.AssigneeId,
                Filed = g.Count(),
                Resolved = g.Count(c => c.ResolvedAt != null),
                Insufficient = g.Count(c => c.RejectedAt != null && c.RejectionReason == RejectionReason.InsufficientInformation),
                OutOfScope = g.Count(c => c.RejectedAt != null && c.RejectionReason == RejectionReason.OutOfScope),
                Duplicate = g.Count(c => c.RejectedAt != null && c.RejectionReason == RejectionReason.Duplicate),
                Open = g.Count(c => EF.Constant(OpenStatuses).Contains(c.Status)), // IN (1, …, 6), not a json_each subquery per row
                Measured = g.Count(c => c.AttendDueAt != null && (c.FirstActionAt != null || c.AttendDueAt <= asOf)),
                Within = g.Count(c => c.AttendDueAt != null && c.FirstActionAt != null && c.FirstActionAt <= c.AttendDueAt),
                Pending = g.Count(c => c.AttendDueAt != null && c.FirstActionAt == null && c.AttendDueAt > asOf),
                Satisfied = g.Count(c => c.CloseOutcome == CloseOutcome.Satisfied),
                NoAnswer = g.Count(c => c.CloseOutcome == CloseOutcome.NoAnswer),
                NewCaseRequired = g.Count(c => c.CloseOutcome == CloseOutcome.NewCaseRequired),
                NoFurtherSolution = g.Count(c => c.CloseOutcome == CloseOutcome.NoFurtherSolution),
                AwaitingAnswer = g.Count(c => c.Status == CaseStatus.Resolved || c.Status == CaseStatus.Rejected),
                AwaitingDecision = g.Count(c => c.Status == CaseStatus.NovedadReported),
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        return rows.Select(r => new CubeRow(
            r.Kind, r.CategoryId, r.Channel, r.Priority, r.Level, r.AssigneeId,
            new VolumeCounts(r.Filed, r.Resolved, new RejectionCounts(r.Insufficient, r.OutOfScope, r.Duplicate), r.Open),
            new IndicatorValue(r.Measured, r.Within, r.Pending),
            r.Satisfied, r.NoAnswer, r.NewCaseRequired, r.NoFurtherSolution, r.AwaitingAnswer, r.AwaitingDecision)).ToList();
    }

    /// <summary>
    /// Streams the ANS facts of the month's cases (a dozen numbers per case) and reads each clock with the
    /// business calendar: times to attend and to resolve, breach counts, and the worst breaches (a bounded
    /// heap, so memory stays flat however many cases breach).
    /// </summary>
    private static async Task<ClockResults> ReadClocksAsync(
        MesaDbContext db, DateTimeOffset from, DateTimeOffset to, DateTimeOffset asOf, BusinessCalendar calendar,
        int breachListLimit, CancellationToken cancellationToken)
    {
        var attendTimes = new List<long>();
        var resolveTimes = new List<long>();
        var worstAttention = new PriorityQueue<BreachCandidate, long>();
        var worstResolution = new PriorityQueue<BreachCandidate, long>();
        int attentionBreaches = 0, resolutionBreaches = 0;

        var facts = InMonth(db, from, to).Select(c => new
        {
            c.Id,
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
            if (c.FirstActionAt is { } first)
            {
                attendTimes.Add(calendar.BusinessTimeBetween(c.ReceivedAt, first).Ticks);
            }

            if (c.ResolvedAt is { } resolved)
            {
                // The same arithmetic as SlaClock.Resolution: business time to resolution minus closed pauses.
                var elapsed = calendar.BusinessTimeBetween(c.ReceivedAt, resolved) - c.PausedBusinessTime;
                resolveTimes.Add(Math.Max(0, elapsed.Ticks));
            }

            if (c.AttendDueAt is { } attendDue && (c.FirstActionAt is { } done ? done > attendDue : asOf >= attendDue))
            {
                attentionBreaches++;
                var overrun = calendar.BusinessTimeBetween(attendDue, c.FirstActionAt ?? asOf);
                Keep(worstAttention, new BreachCandidate(c.Id, BreachKind.Attention, attendDue, c.FirstActionAt, overrun), breachListLimit);
            }

            if (c.ResolveBaseDueAt is not null && c.ResolveTarget is not null)
            {
                var stopped = Case.ResolutionStopsIn(c.Status);
                var slaFacts = new SlaFacts(c.ReceivedAt, c.AttendDueAt, c.AttendTarget, c.FirstActionAt, c.ResolveBaseDueAt,
                    c.ResolveTarget, c.PausedBusinessTime, c.PausedSince, stopped);
                var reading = SlaClock.Resolution(slaFacts, calendar, asOf);
                if (reading.State == SlaState.Breached)
                {
                    resolutionBreaches++;
                    var due = reading.DueAt ?? calendar.AddBusinessTime(c.ResolveBaseDueAt.Value, c.PausedBusinessTime);
                    var doneAt = stopped ? c.ResolvedAt ?? c.RejectedAt ?? c.PausedSince : null;
                    Keep(worstResolution, new BreachCandidate(c.Id, BreachKind.Resolution, due.ToUniversalTime(), doneAt, reading.Elapsed - reading.Target),
                        breachListLimit);
                }
            }
        }

        var listed = worstAttention.UnorderedItems.Select(i => i.Element)
            .Concat(worstResolution.UnorderedItems.Select(i => i.Element)).ToList();
        return new ClockResults(Statistics(attendTimes), Statistics(resolveTimes), attentionBreaches, resolutionBreaches, listed);
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
        MesaDbContext db, DateTimeOffset from, DateTimeOffset to, ReportCategories categories, CancellationToken cancellationToken)
    {
        // One pass over the history (it has no index by action): counted per case, action and value in SQL,
        // so "cases escalated" (distinct cases) comes from the same few rows.
        var month = InMonth(db, from, to);
        var rows = await db.CaseHistory.AsNoTracking()
            .Where(h => h.Action == CaseAction.Escalated || h.Action == CaseAction.NovedadReported || h.Action == CaseAction.Reopened)
            .Join(month, h => h.CaseId, c => c.Id, (h, c) => new { h.CaseId, h.Action, h.ToValue })
            .GroupBy(h => new { h.CaseId, h.Action, h.ToValue })
            .Select(g => new { g.Key.CaseId, g.Key.Action, g.Key.ToValue, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var casesEscalated = rows.Where(r => r.Action == CaseAction.Escalated).Select(r => r.CaseId).Distinct().Count();

        var paths = new Dictionary<(EscalationPath Path, int? Category), int>();
        foreach (var row in rows.Where(r => r.Action == CaseAction.Escalated))
        {
            if (ParseEscalation(row.ToValue) is { } key)
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

    /// <summary>Reads an escalation's target from its history value, <c>"{assigneeId};nivel:N"</c> or <c>"{assigneeId};categoria:ID"</c>.</summary>
    internal static (EscalationPath Path, int? Category)? ParseEscalation(string? toValue)
    {
        var separator = toValue?.IndexOf(';', StringComparison.Ordinal) ?? -1;
        if (separator < 0)
        {
            return null;
        }

        var target = toValue.AsSpan(separator + 1);
        if (target.StartsWith("nivel:", StringComparison.Ordinal)
            && int.TryParse(target["nivel:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var level))
        {
            return level switch
            {
                2 => (EscalationPath.Level1To2, null),
                3 => (EscalationPath.Level2To3, null),
                _ => null,
            };
        }

        if (target.StartsWith("categoria:", StringComparison.Ordinal)
            && int.TryParse(target["categoria:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var category))
        {
            return (EscalationPath.OtherCategoryLead, category);
        }

        return null;
    }

    /// <summary>The six months before <paramref name="month"/>, one GROUP BY over the range bucketed by month.</summary>
    private static async Task<List<MonthTrend>> LoadTrendAsync(
        MesaDbContext db, YearMonth month, BusinessCalendar calendar, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var months = Enumerable.Range(1, TrendMonths).Select(i => month.AddMonths(i - TrendMonths - 1)).ToArray();
        var starts = months.Select(m => m.Bounds(calendar).From).Append(month.Bounds(calendar).From).ToArray();
        DateTimeOffset b0 = starts[0], b1 = starts[1], b2 = starts[2], b3 = starts[3], b4 = starts[4], b5 = starts[5], b6 = starts[6];
        var rows = await InMonth(db, b0, b6)
            .GroupBy(c => c.ReceivedAt < b1 ? 0 : c.ReceivedAt < b2 ? 1 : c.ReceivedAt < b3 ? 2 : c.ReceivedAt < b4 ? 3 : c.ReceivedAt < b5 ? 4 : 5)
            .Select(g => new
            {
                Bucket = g.Key,
                Filed = g.Count(),
                Resolved = g.Count(c => c.ResolvedAt != null),
                Measured = g.Count(c => c.AttendDueAt != null && (c.FirstActionAt != null || c.AttendDueAt <= asOf)),
                Within = g.Count(c => c.AttendDueAt != null && c.FirstActionAt != null && c.FirstActionAt <= c.AttendDueAt),
                Pending = g.Count(c => c.AttendDueAt != null && c.FirstActionAt == null && c.AttendDueAt > asOf),
                Satisfied = g.Count(c => c.CloseOutcome == CloseOutcome.Satisfied),
                Answered = g.Count(c => c.CloseOutcome == CloseOutcome.Satisfied || c.CloseOutcome == CloseOutcome.NewCaseRequired
                    || c.CloseOutcome == CloseOutcome.NoFurtherSolution),
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        return months.Select((m, i) => rows.FirstOrDefault(r => r.Bucket == i) is { } r
                ? new MonthTrend(m, r.Filed, r.Resolved, new IndicatorValue(r.Measured, r.Within, r.Pending), r.Answered, r.Satisfied)
                : new MonthTrend(m, 0, 0, IndicatorValue.None, 0, 0))
            .ToList();
    }

    private static List<DimensionSpec> Dimensions(ReportCategories categories, Func<Guid?, string> nameOf)
    {
        var culture = ReportFormat.Culture;
        return
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
            new(ReportDimension.Technician, r => new(
                r.AssigneeId?.ToString() ?? "", nameOf(r.AssigneeId), null, r.AssigneeId is null ? 1 : 0, 0)),
        ];
    }

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

    private sealed record CubeRow(
        CaseKind Kind, int CategoryId, CaseChannel Channel, CasePriority Priority, int Level, Guid? AssigneeId,
        VolumeCounts Volume, IndicatorValue Indicator,
        int Satisfied, int NoAnswer, int NewCaseRequired, int NoFurtherSolution, int AwaitingAnswer, int AwaitingDecision);

    private readonly record struct DimensionKey(string Key, string Label, string? Group, int Order, int SubOrder);

    private sealed record DimensionSpec(ReportDimension Dimension, Func<CubeRow, DimensionKey> KeyOf);

    private sealed record BreachCandidate(Guid CaseId, BreachKind Kind, DateTimeOffset DueAt, DateTimeOffset? DoneAt, TimeSpan Overrun);

    private sealed record BreachDetail(Guid Id, string Number, string Subject, int CategoryId, CasePriority Priority, Guid? AssigneeId);

    private sealed record ClockResults(
        TimeStatistics TimeToAttend, TimeStatistics TimeToResolve, int AttentionBreaches, int ResolutionBreaches,
        IReadOnlyList<BreachCandidate> Breaches);

    private sealed record HistoryResults(EscalationSummary Escalations, int Novedades, int Reopened);
}
