using System.Linq.Expressions;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Sla;
using Microsoft.EntityFrameworkCore.Query;

namespace MesaServicio.Core.Reports;

/// <summary>
/// The one rule of the month's compliance figures (issue #15), shared by <see cref="ComputeMonthlyReport"/> and
/// <see cref="MonthlyCasesCsv"/>: which cases may count in a range of months, whether a case is of the specialised level,
/// and, for each ANS clock, whether it was timely, late or is pending and at which instant it counts (a timely clock in
/// the month it was done, a late one in the month its due time passed, a pending one in the month it falls due).
/// </summary>
internal static class MonthlyCompliance
{
    /// <summary>
    /// The cases that may count in <c>[first, end)</c>: anything done in it, and anything not done (or done after the
    /// range began) whose due time may have fallen in it. Pauses only move a resolution due later, so "base due &lt; end" bounds it.
    /// </summary>
    internal static Expression<Func<Case, bool>> MayCountIn(DateTimeOffset first, DateTimeOffset end) =>
        c => c.ReceivedAt < end && (
            (c.FirstActionAt >= first && c.FirstActionAt < end)
            || (c.ResolvedAt >= first && c.ResolvedAt < end)
            || (c.RejectedAt >= first && c.RejectedAt < end)
            || (c.AttendDueAt < end && (c.FirstActionAt == null || c.FirstActionAt >= first))
            || (c.ResolveBaseDueAt < end && ((c.ResolvedAt == null && c.RejectedAt == null) || c.ResolvedAt >= first || c.RejectedAt >= first)));

    /// <summary>
    /// The PQRS whose legal term may count in <c>[from, to)</c>: answered in it (a timely answer is at or before the due
    /// instant, so that is at or after <paramref name="from"/>), or due in it. An index range on <c>LegalDueAt</c>.
    /// </summary>
    internal static Expression<Func<Case, bool>> LegalMayCountIn(DateTimeOffset from, DateTimeOffset to) =>
        c => c.LegalDueAt != null && c.LegalDueAt >= from
            && (c.LegalDueAt < to || (c.LegalAnsweredAt >= from && c.LegalAnsweredAt < to));

    /// <summary>
    /// The legal term of a PQRS (Ley 1755 de 2015, art. 14) by the same month rule: timely when answered at or before the
    /// due instant (counts when answered); late when answered after it or still unanswered past it (counts when it fell
    /// due); pending while unanswered and not yet due. Null without a legal term, and while suspended (art. 17): the term
    /// does not run then, and its due instant is set again when it restarts.
    /// </summary>
    internal static ClockCount? LegalTerm(DateTimeOffset? legalDue, DateTimeOffset? answeredAt, DateTimeOffset? suspendedSince, DateTimeOffset asOf)
    {
        if (legalDue is not { } due || (answeredAt is null && suspendedSince is not null))
        {
            return null;
        }

        if (answeredAt is { } answered && answered <= due)
        {
            return new ClockCount(ClockOutcome.Timely, answered, due, answered, TimeSpan.Zero, false);
        }

        return answeredAt is not null || asOf >= due
            ? new ClockCount(ClockOutcome.Late, due, due, answeredAt, TimeSpan.Zero, false)
            : new ClockCount(ClockOutcome.Pending, due, due, null, TimeSpan.Zero, false);
    }

    /// <summary>Business days after a legal term's due day up to the day of the answer, or of <paramref name="asOf"/> while unanswered.</summary>
    internal static int LegalDaysLate(DateTimeOffset due, DateTimeOffset? answeredAt, BusinessCalendar calendar, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var day = DateOnly.FromDateTime(calendar.ToLocal(answeredAt ?? asOf).DateTime);
        return calendar.BusinessDaysAfterUntil(due, day);
    }

    /// <summary>Either predicate, as one expression a query provider translates.</summary>
    internal static Expression<Func<Case, bool>> OrElse(Expression<Func<Case, bool>> left, Expression<Func<Case, bool>> right)
    {
        var right2 = ReplacingExpressionVisitor.Replace(right.Parameters[0], left.Parameters[0], right.Body);
        return Expression.Lambda<Func<Case, bool>>(Expression.OrElse(left.Body, right2), left.Parameters);
    }

    /// <summary>Indicator 7's population: level 2 or above, or a category of a group marked specialised.</summary>
    internal static bool IsSpecialised(int level, int categoryId, ReportCategories categories) =>
        level >= 2 || categories.IsSpecialised(categoryId);

    /// <summary>First attention: timely when the first action came at or before the due instant; null without an attention ANS.</summary>
    internal static ClockCount? Attention(
        DateTimeOffset? attendDue, DateTimeOffset? firstActionAt, BusinessCalendar calendar, DateTimeOffset asOf)
    {
        if (attendDue is not { } due)
        {
            return null;
        }

        if (firstActionAt is { } done && done <= due)
        {
            return new ClockCount(ClockOutcome.Timely, done, due, done, TimeSpan.Zero, false);
        }

        return firstActionAt is not null || asOf >= due
            ? new ClockCount(ClockOutcome.Late, due, due, firstActionAt, calendar.BusinessTimeBetween(due, firstActionAt ?? asOf), false)
            : new ClockCount(ClockOutcome.Pending, due, due, null, TimeSpan.Zero, false);
    }

    /// <summary>
    /// Resolution (indicator 7): timely when the solution or rejection came within the target, pauses excluded (the same
    /// reading as the case page, <see cref="SlaClock.Resolution"/>); null without a resolution ANS.
    /// </summary>
    internal static ClockCount? Resolution(in SlaFacts facts, DateTimeOffset? resolvedAt, DateTimeOffset? rejectedAt, BusinessCalendar calendar, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (facts.ResolveBaseDueAt is not { } baseDue || facts.ResolveTarget is null)
        {
            return null;
        }

        var stopped = facts.ResolutionStopped;
        var reading = SlaClock.Resolution(facts, calendar, asOf);

        // A case waiting on the requester has no due time yet: were she to answer now, the rest of its target would run
        // from now, so it is pending after the reading (never "due later" in a month already over). One that was already
        // late when it paused fell due before the pause.
        var waiting = reading.DueAt is null && reading.Paused && reading.State != SlaState.Breached;
        var due = (reading.DueAt
            ?? (waiting
                ? calendar.AddBusinessTime(asOf, reading.Target - reading.Elapsed)
                : calendar.AddBusinessTime(baseDue, facts.PausedBusinessTime))).ToUniversalTime();
        var doneAt = stopped ? resolvedAt ?? rejectedAt ?? facts.PausedSince : null;
        if (reading.State == SlaState.Breached)
        {
            return new ClockCount(ClockOutcome.Late, due, due, doneAt, reading.Elapsed - reading.Target, waiting);
        }

        return stopped
            ? new ClockCount(ClockOutcome.Timely, doneAt ?? due, due, doneAt, TimeSpan.Zero, waiting)
            : new ClockCount(ClockOutcome.Pending, due, due, null, TimeSpan.Zero, waiting);
    }
}

/// <summary>How a clock ended, or that it has not yet.</summary>
internal enum ClockOutcome
{
    Timely = 1,
    Late = 2,
    Pending = 3,
}

/// <summary>
/// One ANS clock of a case as the month's figures read it: its outcome, the instant that decides its month, its due
/// instant (for a case waiting on the requester, the one it would have were she to answer at the reading:
/// <see cref="Waiting"/>), when it was done, and by how much business time it overran.
/// </summary>
internal readonly record struct ClockCount(
    ClockOutcome Outcome, DateTimeOffset CountsAt, DateTimeOffset DueAt, DateTimeOffset? DoneAt, TimeSpan Overrun, bool Waiting)
{
    /// <summary>Its contribution to an <see cref="IndicatorValue"/>.</summary>
    public IndicatorValue Value => Outcome switch
    {
        ClockOutcome.Timely => new(1, 1, 0),
        ClockOutcome.Late => new(1, 0, 0),
        _ => new(0, 0, 1),
    };

    /// <summary>Whether it counts in <c>[from, to)</c>.</summary>
    public bool CountsIn(DateTimeOffset from, DateTimeOffset to) => CountsAt >= from && CountsAt < to;
}
