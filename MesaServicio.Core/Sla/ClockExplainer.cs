using System.Globalization;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;

namespace MesaServicio.Core.Sla;

/// <summary>
/// Explains a case's clocks ("Cómo se calculó el ANS"): walks the business calendar with
/// <see cref="BusinessCalendar.Walk"/> (the day index and hours the due times come from) between the clock's start
/// and its due time, lays the pauses its history records over it, and lists the recomputations. The due time is
/// found the way the case moves it (a pause that starts before the due time pushes it by the pause's business time),
/// so it equals the clock's; tests hold both to it.
/// </summary>
public static class ClockExplainer
{
    /// <summary>Explains the clocks of <paramref name="c"/> (loaded with its history) at <paramref name="now"/>.</summary>
    /// <param name="c">The case, with its history.</param>
    /// <param name="calendar">The calendar in force.</param>
    /// <param name="now">The instant of the reading.</param>
    /// <param name="nameOf">The display name of a history entry's actor (null for the desk itself).</param>
    /// <param name="entityDays">Descriptions of the entity's extra non-working days.</param>
    public static CaseClockExplanations Explain(
        Case c, BusinessCalendar calendar, DateTimeOffset now, Func<Guid?, string?> nameOf, IReadOnlyDictionary<DateOnly, string> entityDays)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(nameOf);
        ArgumentNullException.ThrowIfNull(entityDays);
        var history = c.History.OrderBy(h => h.At).ThenBy(h => h.Id).ToList();
        return new CaseClockExplanations(
            Attention(c, calendar, now, history, nameOf, entityDays),
            Resolution(c, calendar, now, history, nameOf, entityDays),
            Legal(c, calendar, now, history, nameOf, entityDays));
    }

    private static ClockExplanation? Attention(
        Case c, BusinessCalendar calendar, DateTimeOffset now, List<CaseHistoryEntry> history, Func<Guid?, string?> nameOf,
        IReadOnlyDictionary<DateOnly, string> entityDays)
    {
        if (c.AttendDueAt is not { } due || c.AttendTarget is not { } target)
        {
            return null;
        }

        var reading = SlaClock.Attention(c.SlaFacts, calendar, now);
        var spans = new List<ExplainedSpan>();
        AddWalk(spans, calendar, c.ReceivedAt, due, entityDays);
        return new ClockExplanation(
            ClockKind.Attention, calendar.ToLocal(c.ReceivedAt), c.AttendTargetAmount, c.AttendTargetUnit, target, null, spans,
            SlaRecomputations(history, "atender", nameOf, calendar), calendar.ToLocal(due),
            c.FirstActionAt is { } first ? calendar.ToLocal(first) : null, reading.Elapsed, reading.Remaining, reading, default);
    }

    private static ClockExplanation? Resolution(
        Case c, BusinessCalendar calendar, DateTimeOffset now, List<CaseHistoryEntry> history, Func<Guid?, string?> nameOf,
        IReadOnlyDictionary<DateOnly, string> entityDays)
    {
        if (c.ResolveBaseDueAt is null || c.ResolveTarget is not { } target)
        {
            return null;
        }

        var reading = SlaClock.Resolution(c.SlaFacts, calendar, now);
        var pauses = Pauses(history, c.ReceivedAt);
        var spans = new List<ExplainedSpan>();
        var cursor = c.ReceivedAt;
        var remaining = target;
        DateTimeOffset? due = null;
        DateTimeOffset? stoppedAt = null;
        foreach (var pause in pauses)
        {
            var counted = calendar.BusinessTimeBetween(cursor, pause.From);
            if (counted >= remaining && remaining > TimeSpan.Zero)
            {
                // Due before this pause starts: a pause after the due time does not move it.
                break;
            }

            if (pause.To is null && pause.Reason is not PauseReason.WaitingOnRequester)
            {
                // Stopped for good (resolved, rejected, novedad): the due time is where the target would have ended.
                stoppedAt = pause.From;
                break;
            }

            AddWalk(spans, calendar, cursor, pause.From, entityDays);
            remaining -= counted;
            var to = pause.To ?? now;
            spans.Add(new ExplainedSpan(calendar.ToLocal(pause.From), calendar.ToLocal(to), ExplainedSpanKind.Paused, TimeSpan.Zero, [],
                PauseReason: pause.Reason, Open: pause.To is null));
            if (pause.To is null)
            {
                return new ClockExplanation(
                    ClockKind.Resolution, calendar.ToLocal(c.ReceivedAt), c.ResolveTargetAmount, c.ResolveTargetUnit, target, null, spans,
                    SlaRecomputations(history, "resolver", nameOf, calendar), null, null, reading.Elapsed, reading.Remaining, reading, default);
            }

            cursor = pause.To.Value;
        }

        due = remaining > TimeSpan.Zero ? calendar.AddBusinessTime(cursor, remaining) : calendar.ToLocal(cursor);
        AddWalk(spans, calendar, cursor, due.Value, entityDays);
        if (stoppedAt is null && c.PausedSince is { } since && Case.ResolutionStopsIn(c.Status))
        {
            stoppedAt = since;
        }

        return new ClockExplanation(
            ClockKind.Resolution, calendar.ToLocal(c.ReceivedAt), c.ResolveTargetAmount, c.ResolveTargetUnit, target, null, spans,
            SlaRecomputations(history, "resolver", nameOf, calendar), due, stoppedAt is { } s ? calendar.ToLocal(s) : null,
            reading.Elapsed, reading.Remaining, reading, default);
    }

    private static ClockExplanation? Legal(
        Case c, BusinessCalendar calendar, DateTimeOffset now, List<CaseHistoryEntry> history, Func<Guid?, string?> nameOf,
        IReadOnlyDictionary<DateOnly, string> entityDays)
    {
        var facts = c.LegalTermFacts;
        if (facts is not { StartedAt: { } start, Days: { } days, DueAt: { } due })
        {
            return null;
        }

        var reading = LegalTermClock.Read(facts, calendar, now);
        var nextDay = calendar.StartOfNextDay(start);

        // A question on the day of radicación (or of the restart) suspends the term before that day ends: the day's span stops there.
        var filingDayEnd = facts.SuspendedSince is { } early && early < nextDay ? calendar.ToLocal(early) : nextDay;
        var spans = new List<ExplainedSpan>
        {
            new(calendar.ToLocal(start), filingDayEnd, ExplainedSpanKind.FilingDay, TimeSpan.Zero, []),
        };
        DateTimeOffset? dueAt = calendar.ToLocal(due);
        if (facts.SuspendedSince is { } since)
        {
            AddWalk(spans, calendar, nextDay, since, entityDays);
            spans.Add(new ExplainedSpan(calendar.ToLocal(since), calendar.ToLocal(now), ExplainedSpanKind.Paused, TimeSpan.Zero, [],
                PauseReason: PauseReason.CompletionRequested, Open: true));
            dueAt = null;
        }
        else
        {
            AddWalk(spans, calendar, nextDay, due, entityDays);
        }

        var recomputations = history
            .Where(h => h.Action is CaseAction.LegalTermRestarted or CaseAction.LegalTermExtended)
            .Select(h => new ClockRecomputation(
                h.Action == CaseAction.LegalTermRestarted ? RecomputationKind.LegalTermRestarted : RecomputationKind.LegalTermExtended,
                calendar.ToLocal(h.At), nameOf(h.ActorId), h.Detail, ParseUtc(h.FromValue, calendar), ParseUtc(h.ToValue, calendar)))
            .ToList();
        var end = facts.AnsweredAt ?? facts.SuspendedSince ?? now;
        var target = calendar.BusinessTimeBetween(nextDay, due);
        var used = end <= nextDay ? TimeSpan.Zero : calendar.BusinessTimeBetween(nextDay, end);
        return new ClockExplanation(
            ClockKind.LegalTerm, calendar.ToLocal(start), days, SlaUnit.BusinessDays, target, days, spans, recomputations, dueAt,
            facts.AnsweredAt is { } answered ? calendar.ToLocal(answered) : null, used, target - used, default, reading);
    }

    /// <summary>Walks <c>[from, to)</c> and appends its spans, naming holidays and the entity's days.</summary>
    private static void AddWalk(
        List<ExplainedSpan> spans, BusinessCalendar calendar, DateTimeOffset from, DateTimeOffset to, IReadOnlyDictionary<DateOnly, string> entityDays)
    {
        foreach (var span in calendar.Walk(from, to))
        {
            var kind = span.Kind switch
            {
                CalendarSpanKind.Business => ExplainedSpanKind.Counted,
                CalendarSpanKind.OutsideHours => ExplainedSpanKind.OutsideHours,
                CalendarSpanKind.Weekend => ExplainedSpanKind.Weekend,
                CalendarSpanKind.Holiday => ExplainedSpanKind.Holiday,
                _ => ExplainedSpanKind.EntityNonWorkingDay,
            };
            var holidays = kind == ExplainedSpanKind.Holiday ? ColombianHolidays.DetailsOf(span.Day) : [];
            var note = kind == ExplainedSpanKind.EntityNonWorkingDay ? entityDays.GetValueOrDefault(span.Day) : null;
            spans.Add(new ExplainedSpan(span.From, span.To, kind, span.BusinessTime, holidays, note));
        }
    }

    /// <summary>The resolution clock's pauses, from the history's status changes, in order; the last may be open.</summary>
    private static List<(DateTimeOffset From, DateTimeOffset? To, PauseReason Reason)> Pauses(List<CaseHistoryEntry> history, DateTimeOffset receivedAt)
    {
        var pauses = new List<(DateTimeOffset From, DateTimeOffset? To, PauseReason Reason)>();
        var status = CaseStatus.New;
        (DateTimeOffset From, PauseReason Reason)? open = null;
        foreach (var entry in history)
        {
            if (entry.ToStatus is not { } to || entry.At < receivedAt)
            {
                continue;
            }

            var wasRunning = Runs(status);
            var runs = Runs(to);
            if (wasRunning && !runs)
            {
                open = (entry.At, ReasonOf(to));
            }
            else if (!wasRunning && runs && open is { } pause)
            {
                pauses.Add((pause.From, entry.At, pause.Reason));
                open = null;
            }

            status = to;
        }

        if (open is { } still)
        {
            pauses.Add((still.From, null, still.Reason));
        }

        return pauses;

        static bool Runs(CaseStatus status) => !(status is CaseStatus.WaitingOnRequester || Case.ResolutionStopsIn(status));

        static PauseReason ReasonOf(CaseStatus status) => status switch
        {
            CaseStatus.WaitingOnRequester => PauseReason.WaitingOnRequester,
            CaseStatus.Resolved => PauseReason.Resolved,
            CaseStatus.Rejected => PauseReason.Rejected,
            _ => PauseReason.NovedadReported,
        };
    }

    /// <summary>The coordinator's recomputations of one ANS clock (history values like <c>atender=…;resolver=…</c>).</summary>
    private static List<ClockRecomputation> SlaRecomputations(
        List<CaseHistoryEntry> history, string clock, Func<Guid?, string?> nameOf, BusinessCalendar calendar) =>
        history.Where(h => h.Action == CaseAction.SlaRecomputed)
            .Select(h => new ClockRecomputation(
                RecomputationKind.SlaRecomputed, calendar.ToLocal(h.At), nameOf(h.ActorId), h.Detail,
                ParseUtc(ValueOf(h.FromValue, clock), calendar), ParseUtc(ValueOf(h.ToValue, clock), calendar)))
            .ToList();

    private static string? ValueOf(string? summary, string clock) =>
        summary?.Split(';').Select(p => p.Split('=', 2)).Where(p => p.Length == 2 && p[0] == clock).Select(p => p[1]).FirstOrDefault();

    private static DateTimeOffset? ParseUtc(string? value, BusinessCalendar calendar) =>
        DateTimeOffset.TryParseExact(value, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? calendar.ToLocal(instant)
            : null;
}
