using MesaServicio.Core.Calendar;

namespace MesaServicio.Core.Sla;

/// <summary>Which clock an explanation is about.</summary>
public enum ClockKind
{
    /// <summary>ANS to attend: reception → first action.</summary>
    Attention = 1,

    /// <summary>ANS to resolve: reception → solution or rejection, without the time waiting on the requester.</summary>
    Resolution = 2,

    /// <summary>The PQRS legal term (Ley 1755 de 2015, art. 14).</summary>
    LegalTerm = 3,
}

/// <summary>Why a span of an explanation counts or not.</summary>
public enum ExplainedSpanKind
{
    /// <summary>Business time counted towards the target.</summary>
    Counted = 1,

    /// <summary>A business day outside its hours.</summary>
    OutsideHours = 2,

    /// <summary>A day of the week without business hours.</summary>
    Weekend = 3,

    /// <summary>A national holiday (see <see cref="ExplainedSpan.Holidays"/>).</summary>
    Holiday = 4,

    /// <summary>An extra non-working day of the entity (see <see cref="ExplainedSpan.Note"/>).</summary>
    EntityNonWorkingDay = 5,

    /// <summary>The clock was paused (see <see cref="ExplainedSpan.PauseReason"/>).</summary>
    Paused = 6,

    /// <summary>The rest of the day of radicación: a legal term counts from the next day.</summary>
    FilingDay = 7,
}

/// <summary>Why a clock stood still.</summary>
public enum PauseReason
{
    /// <summary>The desk asked the requester and waited on her answer.</summary>
    WaitingOnRequester = 1,

    /// <summary>Resolved, until it was reopened.</summary>
    Resolved = 2,

    /// <summary>Rejected, until it was reopened.</summary>
    Rejected = 3,

    /// <summary>A novedad was reported, until the technician reopened the case.</summary>
    NovedadReported = 4,

    /// <summary>A request for completion suspended a legal term (art. 17).</summary>
    CompletionRequested = 5,
}

/// <summary>One span of an explanation, <c>[From, To)</c> in the calendar's local offset.</summary>
/// <remarks><c>BusinessTime</c>: business time counted (zero unless counted). <c>Holidays</c>: the day's holidays. <c>Note</c>: the
/// entity's description of its non-working day. <c>PauseReason</c>: why the clock stood still. <c>Open</c>: a pause still going on.</remarks>
public sealed record ExplainedSpan(
    DateTimeOffset From, DateTimeOffset To, ExplainedSpanKind Kind, TimeSpan BusinessTime,
    IReadOnlyList<HolidayDetail> Holidays, string? Note = null, PauseReason? PauseReason = null, bool Open = false)
{
    /// <summary>The local day the span starts on.</summary>
    public DateOnly Day => DateOnly.FromDateTime(From.DateTime);
}

/// <summary>What changed a clock's due time after it started: who, when, why, and the due times before and after.</summary>
public enum RecomputationKind
{
    /// <summary>The coordinator recomputed the ANS under the policy and calendar in force.</summary>
    SlaRecomputed = 1,

    /// <summary>The requester completed the petition: the legal term started again (art. 17).</summary>
    LegalTermRestarted = 2,

    /// <summary>The legal term was extended (art. 14, parágrafo).</summary>
    LegalTermExtended = 3,
}

/// <summary>One recomputation of a clock's due time.</summary>
public sealed record ClockRecomputation(
    RecomputationKind Kind, DateTimeOffset At, string? ActorName, string? Reason, DateTimeOffset? OldDueAt, DateTimeOffset? NewDueAt);

/// <summary>
/// How one clock's due time was computed: its start, target, every span from the start to the due time (counted,
/// skipped and why, paused and why), the recomputations, the due time and, for a running clock, the time used and left.
/// The counted spans add up to <see cref="TargetTime"/> (for a legal term: they fall on <see cref="TargetDays"/> days).
/// </summary>
/// <remarks><c>Reading</c> is the clock read at the same instant with <see cref="SlaClock"/> (the hour clocks); <c>Legal</c> the
/// legal term read at the same instant (<see cref="ClockKind.LegalTerm"/>).</remarks>
public sealed record ClockExplanation(
    ClockKind Kind,
    DateTimeOffset Start,
    int? TargetAmount,
    SlaUnit? TargetUnit,
    TimeSpan TargetTime,
    int? TargetDays,
    IReadOnlyList<ExplainedSpan> Spans,
    IReadOnlyList<ClockRecomputation> Recomputations,
    DateTimeOffset? DueAt,
    DateTimeOffset? StoppedAt,
    TimeSpan Used,
    TimeSpan Left,
    SlaReading Reading,
    LegalTermReading Legal)
{
    /// <summary>Business time of the counted spans.</summary>
    public TimeSpan Counted => new(Spans.Where(s => s.Kind == ExplainedSpanKind.Counted).Sum(s => s.BusinessTime.Ticks));

    /// <summary>The distinct days on which business time was counted.</summary>
    public int CountedDays => Spans.Where(s => s.Kind == ExplainedSpanKind.Counted).Select(s => s.Day).Distinct().Count();

    /// <summary>The clock is paused or suspended now (no due time until it runs again).</summary>
    public bool Paused => Spans.Count > 0 && Spans[^1] is { Kind: ExplainedSpanKind.Paused, Open: true };
}

/// <summary>The explanations of a case's clocks (null where the case has no such clock).</summary>
public sealed record CaseClockExplanations(ClockExplanation? Attention, ClockExplanation? Resolution, ClockExplanation? LegalTerm)
{
    public static CaseClockExplanations None { get; } = new(null, null, null);

    public IEnumerable<ClockExplanation> All => new[] { Attention, Resolution, LegalTerm }.OfType<ClockExplanation>();
}
