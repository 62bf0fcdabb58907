using MesaServicio.Core.Cases;
using MesaServicio.Core.Priority;

namespace MesaServicio.Core.Reports;

/// <summary>
/// The coordinator's monthly results (issue #6): one computation that the screen, the PDF and the e-mail
/// all read. "The month" is the cases <em>filed</em> in the local month; states and ANS readings are as
/// of <see cref="AsOf"/>, the instant the report was computed.
/// </summary>
/// <param name="Month">The month covered.</param>
/// <param name="From">Start of the month (local midnight), UTC.</param>
/// <param name="To">Start of the next month (local midnight), UTC; the interval is <c>[From, To)</c>.</param>
/// <param name="AsOf">When the figures were read: open cases, pending attention and running clocks are as of this instant.</param>
/// <param name="Totals">Filed, resolved, rejected by reason and still open.</param>
/// <param name="Volumes">The same volumes by kind, category group, sub-category, channel, priority, level and technician.</param>
/// <param name="Indicator7">Indicator 7 overall (see <see cref="IndicatorValue"/> for its definition).</param>
/// <param name="Indicator7By">Indicator 7 by category group, sub-category, priority, level and technician.</param>
/// <param name="Breaches">ANS breaches: counts, and the worst of them listed.</param>
/// <param name="TimeToAttend">Business time from reception to the first action, over the attended cases.</param>
/// <param name="TimeToResolve">Business time from reception to resolution minus paused time, over the resolved cases.</param>
/// <param name="Escalations">Escalations by path.</param>
/// <param name="Survey">Satisfaction survey and novedades.</param>
/// <param name="Trend">The six previous months and this one, oldest first.</param>
public sealed record MonthlyReport(
    YearMonth Month,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset AsOf,
    VolumeCounts Totals,
    IReadOnlyList<Breakdown<VolumeCounts>> Volumes,
    IndicatorValue Indicator7,
    IReadOnlyList<Breakdown<IndicatorValue>> Indicator7By,
    BreachSummary Breaches,
    TimeStatistics TimeToAttend,
    TimeStatistics TimeToResolve,
    EscalationSummary Escalations,
    SurveySummary Survey,
    IReadOnlyList<MonthTrend> Trend)
{
    /// <summary>The breakdown of volumes by <paramref name="dimension"/>.</summary>
    public Breakdown<VolumeCounts> VolumesBy(ReportDimension dimension) => Volumes.Single(b => b.Dimension == dimension);

    /// <summary>The breakdown of indicator 7 by <paramref name="dimension"/>.</summary>
    public Breakdown<IndicatorValue> Indicator7ByDimension(ReportDimension dimension) => Indicator7By.Single(b => b.Dimension == dimension);
}

/// <summary>What a figure is broken down by.</summary>
public enum ReportDimension
{
    Kind = 1,

    /// <summary>The top-level group of the procedure (the root of the category tree).</summary>
    CategoryGroup = 2,

    /// <summary>The case's own (sub-)category.</summary>
    Category = 3,
    Channel = 4,
    Priority = 5,

    /// <summary>The case's support level when the report is computed.</summary>
    Level = 6,

    /// <summary>The case's assignee when the report is computed.</summary>
    Technician = 7,
}

/// <summary>One row of a breakdown: a stable key (enum name, id), a Spanish label, the group it belongs to (sub-categories), and the figures.</summary>
public sealed record BreakdownRow<T>(string Key, string Label, string? Group, T Value);

/// <summary>A figure broken down by one dimension, rows in the order a reader expects (enum order, the coordinator's category order, names).</summary>
public sealed record Breakdown<T>(ReportDimension Dimension, IReadOnlyList<BreakdownRow<T>> Rows);

/// <summary>Rejected cases by reason (activity 3).</summary>
public sealed record RejectionCounts(int InsufficientInformation, int OutOfScope, int Duplicate)
{
    public static RejectionCounts None { get; } = new(0, 0, 0);

    public int Total => InsufficientInformation + OutOfScope + Duplicate;

    public int For(RejectionReason reason) => reason switch
    {
        RejectionReason.InsufficientInformation => InsufficientInformation,
        RejectionReason.OutOfScope => OutOfScope,
        RejectionReason.Duplicate => Duplicate,
        _ => 0,
    };

    public static RejectionCounts operator +(RejectionCounts a, RejectionCounts b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.InsufficientInformation + b.InsufficientInformation, a.OutOfScope + b.OutOfScope, a.Duplicate + b.Duplicate);
    }
}

/// <summary>
/// Volumes of the month's cases: filed; resolved (a solution is recorded now: resolved, or closed after a
/// resolution); rejected (rejected now, or closed after a rejection), by reason; still open
/// (<see cref="Case.IsOpenStatus"/>). A case reopened after a novedad counts as open again.
/// </summary>
public sealed record VolumeCounts(int Filed, int Resolved, RejectionCounts Rejected, int Open)
{
    public static VolumeCounts None { get; } = new(0, 0, RejectionCounts.None, 0);

    public static VolumeCounts operator +(VolumeCounts a, VolumeCounts b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.Filed + b.Filed, a.Resolved + b.Resolved, a.Rejected + b.Rejected, a.Open + b.Open);
    }
}

/// <summary>
/// Indicator 7, "Atención oportuna de incidencias y peticiones nivel especializado": cases attended within
/// ANS ÷ cases with an ANS, as a percentage. A case has an ANS when it has an attention due instant. It is
/// attended within ANS when its first action came at or before that instant. A case not attended and past
/// due counts in the denominator as not within. A case not attended and not yet due is <see cref="Pending"/>:
/// its outcome is not known yet, so it is left out of both terms (see docs/decisions/0005).
/// </summary>
/// <param name="Measured">Cases with an ANS whose outcome is known: the denominator.</param>
/// <param name="Within">Cases attended at or before their attention due instant: the numerator.</param>
/// <param name="Pending">Cases with an ANS, not attended, not yet due: not counted.</param>
public sealed record IndicatorValue(int Measured, int Within, int Pending)
{
    public static IndicatorValue None { get; } = new(0, 0, 0);

    /// <summary>Cases with an attention ANS, measured or pending.</summary>
    public int WithAns => Measured + Pending;

    /// <summary>Measured cases not attended in time (late, or past due and still not attended).</summary>
    public int NotWithin => Measured - Within;

    /// <summary>The indicator, 0–100; null when no case was measured.</summary>
    public double? Percent => Measured == 0 ? null : 100.0 * Within / Measured;

    public static IndicatorValue operator +(IndicatorValue a, IndicatorValue b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.Measured + b.Measured, a.Within + b.Within, a.Pending + b.Pending);
    }
}

/// <summary>Which ANS clock a breach is on.</summary>
public enum BreachKind
{
    /// <summary>Attended after its attention due instant, or past due and not attended yet.</summary>
    Attention = 1,

    /// <summary>Resolution clock (pauses excluded) beyond its target: resolved late, or still running past it.</summary>
    Resolution = 2,
}

/// <summary>One ANS breach, as listed for the coordinator.</summary>
/// <param name="Kind">Attention or resolution.</param>
/// <param name="Number">The case number.</param>
/// <param name="Subject">The case's subject.</param>
/// <param name="Category">Its (sub-)category's name.</param>
/// <param name="Priority">Its priority.</param>
/// <param name="Assignee">Its assignee's name now ("Sin asignar" when none).</param>
/// <param name="DueAt">When the clock fell due (for resolution: the base due instant moved by the paused time).</param>
/// <param name="DoneAt">When it was attended (attention) or resolved / rejected (resolution); null while not done.</param>
/// <param name="Overrun">Business time beyond the target (as of the report for clocks still running).</param>
public sealed record SlaBreach(
    BreachKind Kind,
    string Number,
    string Subject,
    string Category,
    CasePriority Priority,
    string Assignee,
    DateTimeOffset DueAt,
    DateTimeOffset? DoneAt,
    TimeSpan Overrun);

/// <summary>
/// ANS breaches of the month: all are counted; at most <see cref="ListLimit"/> of each kind are listed,
/// the largest overruns first chosen and then shown in case-number order (the CSV has every case).
/// </summary>
public sealed record BreachSummary(
    int AttentionCount,
    int ResolutionCount,
    int ListLimit,
    IReadOnlyList<SlaBreach> Attention,
    IReadOnlyList<SlaBreach> Resolution);

/// <summary>Mean and 90th percentile (nearest rank) of a business-time duration; null when <see cref="Count"/> is zero.</summary>
public sealed record TimeStatistics(int Count, TimeSpan? Mean, TimeSpan? Percentile90)
{
    public static TimeStatistics None { get; } = new(0, null, null);
}

/// <summary>Where escalations went.</summary>
public enum EscalationPath
{
    /// <summary>From level 1 to level 2.</summary>
    Level1To2 = 1,

    /// <summary>From level 2 to level 3.</summary>
    Level2To3 = 2,

    /// <summary>To the technical lead of another category.</summary>
    OtherCategoryLead = 3,
}

/// <summary>Escalations along one path; for <see cref="EscalationPath.OtherCategoryLead"/> one row per target category.</summary>
public sealed record EscalationCount(EscalationPath Path, int? TargetCategoryId, string Label, int Count);

/// <summary>Escalations of the month's cases (history entries), and how many cases were escalated at least once.</summary>
public sealed record EscalationSummary(int Total, int CasesEscalated, IReadOnlyList<EscalationCount> Paths)
{
    public int On(EscalationPath path) => Paths.Where(p => p.Path == path).Sum(p => p.Count);
}

/// <summary>
/// The satisfaction survey (activity 6) of the month's cases, per case and by its final outcome. A case
/// closed satisfied, or closed after a novedad (a "no"), answered; closed without answer did not.
/// Novedades are history entries: each ends reopened, closed (new case required / no further solution) or
/// still awaiting the technician's decision.
/// </summary>
public sealed record SurveySummary(
    int Closed,
    int Satisfied,
    int NoAnswer,
    int NewCaseRequired,
    int NoFurtherSolution,
    int AwaitingAnswer,
    int Novedades,
    int Reopened,
    int AwaitingDecision)
{
    public static SurveySummary None { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Closed cases whose requester answered the survey.</summary>
    public int Answered => Satisfied + NewCaseRequired + NoFurtherSolution;

    /// <summary>Answered ÷ closed, 0–100; null when nothing closed.</summary>
    public double? ResponseRate => Closed == 0 ? null : 100.0 * Answered / Closed;

    /// <summary>Satisfied ÷ answered, 0–100; null when nobody answered.</summary>
    public double? SatisfiedPercent => Answered == 0 ? null : 100.0 * Satisfied / Answered;
}

/// <summary>One month of the trend: the same definitions as the month itself.</summary>
/// <param name="Month">The month.</param>
/// <param name="Filed">Cases filed in it.</param>
/// <param name="Resolved">Of those, resolved.</param>
/// <param name="Indicator7">Indicator 7 of its cases.</param>
/// <param name="Answered">Closed cases whose requester answered the survey.</param>
/// <param name="Satisfied">Of those, closed satisfied.</param>
public sealed record MonthTrend(YearMonth Month, int Filed, int Resolved, IndicatorValue Indicator7, int Answered, int Satisfied)
{
    public double? Indicator7Percent => Indicator7.Percent;

    public double? SatisfiedPercent => Answered == 0 ? null : 100.0 * Satisfied / Answered;
}
