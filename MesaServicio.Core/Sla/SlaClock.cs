using MesaServicio.Core.Calendar;

namespace MesaServicio.Core.Sla;

/// <summary>Where a case stands against one ANS target.</summary>
public enum SlaState
{
    /// <summary>The case has no such target.</summary>
    None = 0,

    /// <summary>Running (or paused) with less than 75 % of the target used.</summary>
    OnTrack = 1,

    /// <summary>Running (or paused) with at least 75 % used: the assignee and the lead are warned.</summary>
    AtRisk = 2,

    /// <summary>100 % used before the target was met, or met late.</summary>
    Breached = 3,

    /// <summary>Met within the target.</summary>
    Met = 4,
}

/// <summary>One ANS clock read at an instant.</summary>
/// <param name="State">On track, at risk, breached, met, or none.</param>
/// <param name="Target">The target in business time.</param>
/// <param name="Elapsed">Business time counted so far (pauses excluded).</param>
/// <param name="DueAt">When the target falls due; null while the clock is paused by a pause that started before it.</param>
/// <param name="Paused">The clock is stopped for now (waiting on the requester) and will resume.</param>
/// <param name="Completed">The clock stopped for good: attended, or resolved / rejected.</param>
public readonly record struct SlaReading(
    SlaState State, TimeSpan Target, TimeSpan Elapsed, DateTimeOffset? DueAt, bool Paused, bool Completed)
{
    /// <summary>A reading for a case without this target.</summary>
    public static SlaReading NotApplicable { get; } = new(SlaState.None, TimeSpan.Zero, TimeSpan.Zero, null, false, false);

    /// <summary>Share of the target used (1.0 = 100 %).</summary>
    public double Fraction => Target <= TimeSpan.Zero ? 0 : Elapsed / Target;

    /// <summary>Business time left; negative once breached.</summary>
    public TimeSpan Remaining => Target - Elapsed;
}

/// <summary>
/// The facts of a case that its ANS depends on, as the case's transitions record them: received at, the
/// snapshot of the policy it was filed under (due instants and targets), its first action, and the
/// resolution clock's pauses (business time already paused, and the open pause if any).
/// </summary>
public readonly record struct SlaFacts(
    DateTimeOffset ReceivedAt,
    DateTimeOffset? AttendDueAt,
    TimeSpan? AttendTarget,
    DateTimeOffset? FirstActionAt,
    DateTimeOffset? ResolveBaseDueAt,
    TimeSpan? ResolveTarget,
    TimeSpan PausedBusinessTime,
    DateTimeOffset? PausedSince,
    bool ResolutionStopped);

/// <summary>
/// Pure ANS arithmetic: readings are a function of the case's facts, the business calendar and "now".
/// Core never reads the wall clock; callers pass <see cref="TimeProvider.GetUtcNow"/>.
/// </summary>
public static class SlaClock
{
    /// <summary>Share of a target at which a case is "at risk".</summary>
    public const double AtRiskThreshold = 0.75;

    /// <summary>Time to attend: from reception to the assignee's first action.</summary>
    public static SlaReading Attention(in SlaFacts facts, BusinessCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (facts.AttendDueAt is not { } due || facts.AttendTarget is not { } target)
        {
            return SlaReading.NotApplicable;
        }

        var end = facts.FirstActionAt ?? now;
        var elapsed = AttentionElapsed(facts, calendar, now);
        var completed = facts.FirstActionAt is not null;
        return new SlaReading(StateOf(elapsed, target, completed, end <= due), target, elapsed, due, false, completed);
    }

    /// <summary>Time to resolve: from reception to resolution, not counting the time spent waiting on the requester.</summary>
    public static SlaReading Resolution(in SlaFacts facts, BusinessCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (facts.ResolveBaseDueAt is not { } baseDue || facts.ResolveTarget is not { } target)
        {
            return SlaReading.NotApplicable;
        }

        var elapsed = ResolutionElapsed(facts, calendar, facts.PausedSince ?? now);
        var paused = facts.PausedSince is not null && !facts.ResolutionStopped;
        var completed = facts.ResolutionStopped;
        DateTimeOffset? due = calendar.AddBusinessTime(baseDue, facts.PausedBusinessTime);
        if (paused && facts.PausedSince < due)
        {
            // A pause that starts before the due time moves it by its business time: unknown until the pause ends. One that
            // starts at or after it does not move it (see Case.MoveTo), so that due time stands, as the explanation shows it.
            due = null;
        }

        return new SlaReading(StateOf(elapsed, target, completed, elapsed <= target), target, elapsed, due, paused, completed);
    }

    /// <summary>
    /// Business time the attention clock has counted: from reception to the first action, or to <paramref name="now"/>
    /// while there is none. The case page, the board and the monthly report's times all read it here.
    /// </summary>
    public static TimeSpan AttentionElapsed(in SlaFacts facts, BusinessCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.BusinessTimeBetween(facts.ReceivedAt, facts.FirstActionAt ?? now);
    }

    /// <summary>
    /// Business time the resolution clock has counted from reception up to <paramref name="end"/> (the open pause's
    /// start, the resolution, or now), not counting the closed pauses; never negative.
    /// </summary>
    public static TimeSpan ResolutionElapsed(in SlaFacts facts, BusinessCalendar calendar, DateTimeOffset end)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var elapsed = calendar.BusinessTimeBetween(facts.ReceivedAt, end) - facts.PausedBusinessTime;
        return elapsed < TimeSpan.Zero ? TimeSpan.Zero : elapsed;
    }

    /// <summary>
    /// The clock that matters now, for a chip or a list: attention until the first action, then resolution.
    /// </summary>
    public static SlaReading Current(in SlaFacts facts, BusinessCalendar calendar, DateTimeOffset now)
    {
        var attention = Attention(facts, calendar, now);
        if (attention.State != SlaState.None && !attention.Completed)
        {
            return attention;
        }

        var resolution = Resolution(facts, calendar, now);
        return resolution.State == SlaState.None ? attention : resolution;
    }

    private static SlaState StateOf(TimeSpan elapsed, TimeSpan target, bool completed, bool completedInTime)
    {
        if (completed)
        {
            return completedInTime ? SlaState.Met : SlaState.Breached;
        }

        if (elapsed >= target)
        {
            return SlaState.Breached;
        }

        return elapsed >= target * AtRiskThreshold ? SlaState.AtRisk : SlaState.OnTrack;
    }
}
