using MesaServicio.Core.Cases;
using MesaServicio.Core.Priority;

namespace MesaServicio.Core.Reports;

/// <summary>
/// The month's results (issues #6 and #15): one computation that the screen, the PDF, the CSV and the e-mail all
/// read. Two populations, each table saying which: <em>volumes</em> (and the survey's outcomes, escalations) are
/// the cases <em>filed</em> (radicados) in the local month; <em>compliance</em> (indicator 7, first-attention
/// compliance, times, breaches) is the cases <em>attended</em> in the month (procedure activity 7: a solution or a
/// rejection registered in it, plus open cases whose due time passed in it; see <see cref="IndicatorValue"/>).
/// Survey scores are the answers given in the month. Readings are as of <see cref="AsOf"/>.
/// </summary>
/// <param name="Month">The month covered.</param>
/// <param name="From">Start of the month (local midnight), UTC.</param>
/// <param name="To">Start of the next month (local midnight), UTC; the interval is <c>[From, To)</c>.</param>
/// <param name="AsOf">When the figures were read: open cases, pending attention and running clocks are as of this instant.</param>
/// <param name="Scope">Whose cases: the whole desk, one technician's or one group's ("Mis resultados").</param>
/// <param name="Totals">Filed, resolved, rejected by reason and still open.</param>
/// <param name="Volumes">The same volumes by kind, category group, sub-category, channel, priority, level and technician.</param>
/// <param name="Indicator7">Indicator 7 on the specialised level (PRODUCT.md), over the cases attended in the month.</param>
/// <param name="Indicator7By">Indicator 7 (specialised level) by category group, sub-category, priority, level, technician group and technician.</param>
/// <param name="Indicator7AllLevels">The same figure over every level, first-level help desk included.</param>
/// <param name="AttentionCompliance">First-attention compliance: the attention ANS over every level, by the same month rule.</param>
/// <param name="Indicator7Target">The coordinator's target (meta) for indicator 7, a percentage.</param>
/// <param name="Breaches">ANS breaches of the cases attended in the month: counts, and the worst of them listed.</param>
/// <param name="TimeToAttend">Business time from reception to the first action, over the cases first attended in the month.</param>
/// <param name="TimeToResolve">Business time from reception to resolution minus paused time, over the cases resolved in the month.</param>
/// <param name="Escalations">Escalations of the month's filed cases, by path.</param>
/// <param name="Survey">The survey's outcomes of the month's filed cases, and novedades.</param>
/// <param name="Scores">The survey's three 1–5 scores of the answers given in the month.</param>
/// <param name="ScoresBy">The scores by category group, sub-category, technician group and technician.</param>
/// <param name="LowScores">Answers of the month with a score of 2 or less, for follow-up.</param>
/// <param name="Trend">The six previous months and this one, oldest first.</param>
/// <param name="ImprovementActions">The improvement actions opened, due and done in the month (the desk's report only).</param>
/// <param name="LegalTerms">
/// PQRS answered within their legal term (Ley 1755 de 2015, art. 14) over the PQRS attended in the month, and the breaches;
/// null in a month frozen before the figure existed (its stored JSON has no such member).
/// </param>
/// <param name="Problems">Problem management in the month (the desk's report only); null in a person's report and in months frozen before it existed.</param>
/// <param name="Knowledge">
/// The knowledge base in the month: articles used, cases avoided (the desk's report only; null for one person's or group's
/// results and in a month frozen before the figure existed).
/// </param>
/// <param name="SiteVisits">
/// Site visits done in the month, by dependencia, with their business time; null in a month frozen before the figure existed.
/// </param>
public sealed record MonthlyReport(
    YearMonth Month,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset AsOf,
    ReportScope Scope,
    VolumeCounts Totals,
    IReadOnlyList<Breakdown<VolumeCounts>> Volumes,
    IndicatorValue Indicator7,
    IReadOnlyList<Breakdown<IndicatorValue>> Indicator7By,
    IndicatorValue Indicator7AllLevels,
    IndicatorValue AttentionCompliance,
    decimal Indicator7Target,
    BreachSummary Breaches,
    TimeStatistics TimeToAttend,
    TimeStatistics TimeToResolve,
    EscalationSummary Escalations,
    SurveySummary Survey,
    SurveyScores Scores,
    IReadOnlyList<Breakdown<ScoreAverages>> ScoresBy,
    IReadOnlyList<LowScore> LowScores,
    IReadOnlyList<MonthTrend> Trend,
    ReportImprovementActions ImprovementActions,
    ReportLegalTerms? LegalTerms = null,
    ReportProblems? Problems = null,
    Knowledge.ReportKnowledge? Knowledge = null,
    ReportSiteVisits? SiteVisits = null)
{
    /// <summary>The breakdown of volumes by <paramref name="dimension"/>.</summary>
    public Breakdown<VolumeCounts> VolumesBy(ReportDimension dimension) => Volumes.Single(b => b.Dimension == dimension);

    /// <summary>The breakdown of indicator 7 by <paramref name="dimension"/>.</summary>
    public Breakdown<IndicatorValue> Indicator7ByDimension(ReportDimension dimension) => Indicator7By.Single(b => b.Dimension == dimension);

    /// <summary>The breakdown of the survey scores by <paramref name="dimension"/>.</summary>
    public Breakdown<ScoreAverages> ScoresByDimension(ReportDimension dimension) => ScoresBy.Single(b => b.Dimension == dimension);

    /// <summary>Indicator 7's traffic light against <see cref="Indicator7Target"/>.</summary>
    public TrafficLight Indicator7Light => TrafficLights.For(Indicator7.Percent, Indicator7Target);
}

/// <summary>Whose cases a report covers.</summary>
/// <param name="AssigneeId">Only the cases assigned to this person (now); null = any.</param>
/// <param name="GroupId">Only the cases of this technician group (now); null = any.</param>
public sealed record ReportScope(Guid? AssigneeId, int? GroupId)
{
    /// <summary>The whole desk.</summary>
    public static ReportScope All { get; } = new(null, null);

    public bool IsAll => AssigneeId is null && GroupId is null;
}

/// <summary>A figure against its target.</summary>
public enum TrafficLight
{
    /// <summary>Nothing measured.</summary>
    None = 0,

    /// <summary>At or above the target.</summary>
    Green = 1,

    /// <summary>Below the target by less than <see cref="ReportSettings.AmberBand"/> points.</summary>
    Amber = 2,

    /// <summary>Further below.</summary>
    Red = 3,
}

/// <summary>Reads a percentage against a target.</summary>
public static class TrafficLights
{
    public static TrafficLight For(double? percent, decimal target) => percent switch
    {
        null => TrafficLight.None,
        { } p when p + 1e-9 >= (double)target => TrafficLight.Green,
        { } p when p + 1e-9 >= (double)(target - ReportSettings.AmberBand) => TrafficLight.Amber,
        _ => TrafficLight.Red,
    };
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

    /// <summary>The technician group the case is in when the report is computed.</summary>
    TechnicianGroup = 8,
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
/// A compliance figure over the cases <em>attended in the month</em> (procedure activity 7). For indicator 7 the
/// clock is the resolution ANS: a case is timely when its solution or rejection was registered within the target,
/// pauses excluded. A case counts once, in one month: a timely case in the month it was attended; a late one in
/// the month its due time passed (whether it was attended later that month, in a later month, or not yet). A case
/// not attended whose due time is still ahead is <see cref="Pending"/> (its due time falls in the month, after the
/// reading): not counted. First-attention compliance reads the attention clock by the same rule. See
/// docs/decisions/0017-indicator-7.md.
/// </summary>
/// <param name="Measured">Cases attended in the month: the denominator.</param>
/// <param name="Within">Of those, timely: the numerator.</param>
/// <param name="Pending">Not attended, due later in the month: not counted yet.</param>
public sealed record IndicatorValue(int Measured, int Within, int Pending)
{
    public static IndicatorValue None { get; } = new(0, 0, 0);

    /// <summary>Measured or pending.</summary>
    public int WithAns => Measured + Pending;

    /// <summary>Measured cases not timely (attended late, or past due and still not attended).</summary>
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

/// <summary>How many answers gave each score of one question, and their mean.</summary>
/// <param name="Distribution">Five counts: answers that gave 1, 2, 3, 4 and 5.</param>
public sealed record ScoreDistribution(IReadOnlyList<int> Distribution)
{
    public static ScoreDistribution Empty => new([0, 0, 0, 0, 0]);

    public int Count => Distribution.Sum();

    /// <summary>The mean score, 1–5; null without answers.</summary>
    public double? Mean => Count == 0 ? null : Distribution.Select((n, i) => (double)n * (i + 1)).Sum() / Count;

    /// <summary>Answers that gave <paramref name="score"/> (1–5).</summary>
    public int Of(int score) => Distribution[score - 1];
}

/// <summary>
/// The survey's scores of the answers given in the month (activity 6): the three 1–5 questions (overall rating,
/// oportunidad, trato digno), "¿La solución resolvió su necesidad?", and the response rate: answers ÷ (answers +
/// survey windows that closed in the month without an answer).
/// </summary>
public sealed record SurveyScores(
    int Answered, int Unanswered, int Satisfied, ScoreDistribution Rating, ScoreDistribution Timeliness, ScoreDistribution Courtesy)
{
    public static SurveyScores None => new(0, 0, 0, ScoreDistribution.Empty, ScoreDistribution.Empty, ScoreDistribution.Empty);

    /// <summary>Answers ÷ (answers + windows closed unanswered), 0–100; null when neither happened.</summary>
    public double? ResponseRate => Answered + Unanswered == 0 ? null : 100.0 * Answered / (Answered + Unanswered);

    /// <summary>"Sí" ÷ answers, 0–100; null without answers.</summary>
    public double? SatisfiedPercent => Answered == 0 ? null : 100.0 * Satisfied / Answered;
}

/// <summary>The scores of a breakdown row: how many answers and the sums of each question (means derived).</summary>
public sealed record ScoreAverages(int Count, int RatingSum, int TimelinessSum, int CourtesySum)
{
    public static ScoreAverages None { get; } = new(0, 0, 0, 0);

    public double? Rating => Count == 0 ? null : (double)RatingSum / Count;

    public double? Timeliness => Count == 0 ? null : (double)TimelinessSum / Count;

    public double? Courtesy => Count == 0 ? null : (double)CourtesySum / Count;

    public static ScoreAverages operator +(ScoreAverages a, ScoreAverages b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.Count + b.Count, a.RatingSum + b.RatingSum, a.TimelinessSum + b.TimelinessSum, a.CourtesySum + b.CourtesySum);
    }
}

/// <summary>An answer with a score of 2 or less, listed for follow-up (an improvement action may start from it).</summary>
public sealed record LowScore(
    string Number, string Subject, DateTimeOffset AnsweredAt, bool Satisfied, int Rating, int Timeliness, int Courtesy,
    string? Comment, string Category, string Technician);

/// <summary>One month of the trend: the same definitions as the month itself.</summary>
/// <param name="Month">The month.</param>
/// <param name="Filed">Cases filed in it.</param>
/// <param name="Resolved">Of those, resolved.</param>
/// <param name="Indicator7">Indicator 7 (specialised level) of the cases attended in it.</param>
/// <param name="Answered">Survey answers given in it.</param>
/// <param name="Satisfied">Of those, "sí".</param>
public sealed record MonthTrend(YearMonth Month, int Filed, int Resolved, IndicatorValue Indicator7, int Answered, int Satisfied)
{
    public double? Indicator7Percent => Indicator7.Percent;

    public double? SatisfiedPercent => Answered == 0 ? null : 100.0 * Satisfied / Answered;
}
