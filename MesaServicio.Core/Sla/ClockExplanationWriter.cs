using System.Globalization;
using System.Resources;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Common;

namespace MesaServicio.Core.Sla;

/// <summary>What one line of a clock's explanation is about.</summary>
public enum ClockLineKind
{
    /// <summary>Business time counted towards the target.</summary>
    Counted = 1,

    /// <summary>Time not counted: outside hours, a weekend, a holiday, an entity's day, the day of radicación.</summary>
    Skipped = 2,

    /// <summary>The clock stood still.</summary>
    Paused = 3,
}

/// <summary>
/// One line of an explanation. For staff a row: <c>Date</c>, <c>Range</c> (from–to), <c>Hours</c> counted (empty when
/// none) and <c>Text</c> (what was done with the span and why). In plain words only <c>Text</c>, a whole sentence.
/// </summary>
public sealed record ClockLine(ClockLineKind Kind, DateOnly Day, string Date, string Range, string Hours, string Text);

/// <summary>A fact of an explanation: a label (empty in plain words) and its text.</summary>
public sealed record ClockFact(string Label, string Text);

/// <summary>The lines <c>[Start, End)</c> a long explanation folds away: <c>Days</c> business days counted in them.</summary>
public sealed record ClockFold(int Start, int End, int Days)
{
    public static ClockFold None { get; } = new(0, 0, 0);

    /// <summary>Whether there is anything to fold.</summary>
    public bool Folds => End > Start;
}

/// <summary>One clock's explanation in words: its title, its facts (start, target, hours), its lines, the recomputations and its outcome.</summary>
public sealed record ClockExplanationText(
    ClockKind Kind,
    string Title,
    IReadOnlyList<ClockFact> Facts,
    IReadOnlyList<ClockLine> Lines,
    ClockFold Fold,
    IReadOnlyList<string> Recomputations,
    IReadOnlyList<ClockFact> Outcome);

/// <summary>
/// Puts a <see cref="ClockExplanation"/> in Spanish (es-CO) words from <c>Resources/ClockTexts.resx</c>, once for the
/// case page and the case file's PDF alike. Staff read every span as a row (date, from–to, hours, why); the requester
/// reads sentences, without the nights and off-hours between business days (noise to her) but with the weekends,
/// holidays, the entity's days and the pauses. Holidays carry their name and their rule of the Ley 51 de 1983.
/// </summary>
public static class ClockExplanationWriter
{
    /// <summary>An explanation counting business time on this many days or more folds its middle days away.</summary>
    public const int FoldFromDays = 4;

    private static readonly ResourceManager Resources =
        new("MesaServicio.Core.Resources.ClockTexts", typeof(ClockExplanationWriter).Assembly);

    private static CultureInfo Culture => DomainMessages.Culture;

    /// <summary>"Cómo se calculó el ANS".</summary>
    public static string SectionTitle => Text("Section.Title");

    /// <summary>One sentence on what the clocks count.</summary>
    public static string SectionIntro => Text("Section.Intro");

    /// <summary>A text of <c>ClockTexts.resx</c> (column headings, labels).</summary>
    public static string Text(string key, params object[] args)
    {
        var text = Resources.GetString(key, Culture) ?? throw new InvalidOperationException("Missing clock text " + key);
        text = args.Length == 0 ? text : string.Format(Culture, text, args);

        // A sentence ending in "p. m." takes no second period.
        return text.EndsWith("..", StringComparison.Ordinal) ? text[..^1] : text;
    }

    /// <summary>"… 9 días hábiles más …".</summary>
    public static string FoldLabel(int days) => days == 1 ? Text("Fold.Day") : Text("Fold.Days", days);

    /// <summary>Business time as "8 h", "8 h 30 min", "45 min" (rounded to the minute).</summary>
    public static string Duration(TimeSpan span)
    {
        var minutes = span <= TimeSpan.Zero ? 0 : (long)Math.Round(span.TotalMinutes, MidpointRounding.AwayFromZero);
        var hours = minutes / 60;
        var rest = minutes % 60;
        return hours == 0 ? Text("Duration.Minutes", rest)
            : rest == 0 ? Text("Duration.Hours", hours)
            : Text("Duration.HoursMinutes", hours, rest);
    }

    /// <summary>"Día de la Raza, festivo trasladado por la Ley 51 de 1983".</summary>
    public static string Holiday(HolidayDetail holiday)
    {
        ArgumentNullException.ThrowIfNull(holiday);
        var rule = Text("Rule." + holiday.Rule);
        if (holiday.Rule == HolidayRule.MovedToMonday && holiday.MovedFrom is { } feast)
        {
            rule = Text("Rule.MovedFrom", rule, DayMonth(feast));
        }

        return Text("Holiday", holiday.Name, rule);
    }

    /// <summary>The calendar's business hours: "lunes a viernes, 8:00 a. m. a 5:00 p. m.".</summary>
    public static string BusinessHours(BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        DayOfWeek[] week = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];
        var groups = new List<(DayOfWeek First, DayOfWeek Last, int Count, IReadOnlyList<BusinessHours> Hours)>();
        foreach (var day in week)
        {
            var hours = calendar.WeeklyHours.TryGetValue(day, out var h) ? h : [];
            if (hours.Count == 0)
            {
                continue;
            }

            if (groups.Count > 0 && groups[^1] is var last && NextDay(last.Last) == day && last.Hours.SequenceEqual(hours))
            {
                groups[^1] = (last.First, day, last.Count + 1, last.Hours);
            }
            else
            {
                groups.Add((day, day, 1, hours));
            }
        }

        return string.Join(Text("Join.Groups"), groups.Select(g =>
        {
            var days = g.Count switch
            {
                1 => DayName(g.First),
                2 => DayName(g.First) + Text("Join.Names") + DayName(g.Last),
                _ => Text("Hours.Days", DayName(g.First), DayName(g.Last)),
            };
            var ranges = string.Join(Text("Join.Names"), g.Hours.Select(r => Text("Hours.Range", Time(r.Start), Time(r.End))));
            return Text("Hours.Group", days, ranges);
        }));

        static DayOfWeek NextDay(DayOfWeek day) => (DayOfWeek)(((int)day + 1) % 7);
    }

    /// <summary>Puts <paramref name="explanation"/> in words: as rows for staff, or as sentences for the requester (<paramref name="plain"/>).</summary>
    public static ClockExplanationText Write(ClockExplanation explanation, BusinessCalendar calendar, bool plain)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        ArgumentNullException.ThrowIfNull(calendar);
        var e = explanation;
        var lines = plain ? PlainLines(e) : StaffLines(e);
        return new ClockExplanationText(
            e.Kind, Title(e), plain ? PlainFacts(e, calendar) : StaffFacts(e, calendar), lines, FoldOf(lines),
            [.. e.Recomputations.Select(Recomputation)], plain ? PlainOutcome(e) : StaffOutcome(e));
    }

    /// <summary>The clock's heading; a personal-data request's term is Ley 1581's, not Ley 1755's.</summary>
    private static string Title(ClockExplanation e) =>
        e.Kind == ClockKind.LegalTerm && LegalTermClock.IsPersonalData(e.Legal.Modality)
            ? Text("Clock.LegalTerm.PersonalData")
            : Text("Clock." + e.Kind);

    private static List<ClockFact> StaffFacts(ClockExplanation e, BusinessCalendar calendar)
    {
        var target = Target(e, calendar);
        return
        [
            new(Text("Label.Start"), Text("Start." + e.Kind, DateTime(e.Start))),
            new(Text("Label.Target"), e.Kind == ClockKind.LegalTerm ? Text("Target.LegalFilingDay", target) : target),
            new(Text("Label.Hours"), BusinessHours(calendar)),
        ];
    }

    private static List<ClockFact> PlainFacts(ClockExplanation e, BusinessCalendar calendar) =>
    [
        new("", Text("Plain.Start." + e.Kind, LongDate(e.Start), Time(e.Start))),
        new("", e.Kind == ClockKind.LegalTerm
            ? Text("Plain.TargetLegal", Target(e, calendar))
            : Text("Plain.Target", Target(e, calendar), BusinessHours(calendar))),
    ];

    private static string Target(ClockExplanation e, BusinessCalendar calendar)
    {
        if (e.Kind == ClockKind.LegalTerm)
        {
            var days = e.TargetDays ?? e.TargetAmount ?? 0;
            var modality = Text("Modality." + (Enum.IsDefined(e.Legal.Modality) ? e.Legal.Modality : PqrsModality.Peticion));
            return e.Legal.InitialDays > 0 && e.Legal.InitialDays != days
                ? Text("Target.LegalExtended", days, modality, e.Legal.InitialDays)
                : Text("Target.Legal", days, modality);
        }

        return (e.TargetAmount, e.TargetUnit) switch
        {
            (1, SlaUnit.BusinessHours) => Text("Target.Hour"),
            ({ } hours, SlaUnit.BusinessHours) => Text("Target.Hours", hours),
            (1, SlaUnit.BusinessDays) when !EndsADay(e, calendar) => Text("Target.DaysAsTime", 1, Duration(e.TargetTime)),
            (1, SlaUnit.BusinessDays) => Text("Target.Day"),
            ({ } days, SlaUnit.BusinessDays) when !EndsADay(e, calendar) => Text("Target.DaysAsTime", days, Duration(e.TargetTime)),
            ({ } days, SlaUnit.BusinessDays) => Text("Target.Days", days, Ordinal(days)),
            _ => Text("Target.Time", Duration(e.TargetTime)),
        };
    }

    /// <summary>
    /// Whether the due time is the close of a business day: only then does "vence al cierre del n-ésimo día hábil" hold
    /// (a target in days counted as business time from the reception instant ends within a day).
    /// </summary>
    private static bool EndsADay(ClockExplanation e, BusinessCalendar calendar) =>
        e.DueAt is not { } due
        || (calendar.WeeklyHours.TryGetValue(due.DayOfWeek, out var hours) && hours.Count > 0
            && TimeOnly.FromDateTime(due.DateTime) == hours.Max(h => h.End));

    private static List<ClockLine> StaffLines(ClockExplanation e) =>
    [
        .. e.Spans.Select(s => new ClockLine(
            KindOf(s.Kind), s.Day, LongDate(s.From), Range(s), s.Kind == ExplainedSpanKind.Counted ? Duration(s.BusinessTime) : "", Why(s))),
    ];

    private static string Why(ExplainedSpan s) => s.Kind switch
    {
        ExplainedSpanKind.Counted => Text("Why.Counted"),
        ExplainedSpanKind.OutsideHours => Text("Why.OutsideHours"),
        ExplainedSpanKind.Weekend => Text("Why.Weekend"),
        ExplainedSpanKind.Holiday => Text("Why.Holiday", string.Join(Text("Join.Names"), s.Holidays.Select(Holiday))),
        ExplainedSpanKind.EntityNonWorkingDay => s.Note is { Length: > 0 } note ? Text("Why.Entity", note) : Text("Why.EntityNoNote"),
        ExplainedSpanKind.FilingDay => Text("Why.FilingDay"),
        _ => Text("Why.Paused", Text("Pause." + (s.PauseReason ?? PauseReason.WaitingOnRequester))),
    };

    private static string Range(ExplainedSpan s)
    {
        var from = s.From.DateTime;
        var to = s.To.DateTime;
        if (s.Open)
        {
            return Text("Range.Open", Time(s.From));
        }

        var toMidnight = to.TimeOfDay == TimeSpan.Zero && to.Date == from.Date.AddDays(1);
        if (toMidnight)
        {
            return from.TimeOfDay == TimeSpan.Zero ? Text("Range.WholeDay") : Text("Range.ToMidnight", Time(s.From));
        }

        if (to.Date == from.Date)
        {
            return from.TimeOfDay == TimeSpan.Zero ? Text("Range.FromMidnight", Time(s.To)) : Text("Range.Same", Time(s.From), Time(s.To));
        }

        return Text("Range.OtherDay", Time(s.From), Time(s.To), DayMonth(DateOnly.FromDateTime(to)));
    }

    private static List<ClockLine> PlainLines(ClockExplanation e)
    {
        var lines = new List<ClockLine>();
        var spans = e.Spans;
        for (var i = 0; i < spans.Count; i++)
        {
            var s = spans[i];
            switch (s.Kind)
            {
                case ExplainedSpanKind.OutsideHours:
                    // Nights and hours between business days are noise in plain words: the counted windows say them.
                    continue;
                case ExplainedSpanKind.Counted:
                    lines.Add(Plain(ClockLineKind.Counted, s, s.To.Date == s.From.Date
                        ? Text("Plain.Counted", LongDate(s.From), Time(s.From), Time(s.To), Duration(s.BusinessTime))
                        : Text("Plain.CountedAcross", LongDate(s.From), Time(s.From), LongDate(s.To), Time(s.To), Duration(s.BusinessTime))));
                    continue;
                case ExplainedSpanKind.FilingDay:
                    lines.Add(Plain(ClockLineKind.Skipped, s, Text("Plain.FilingDay", LongDate(s.From))));
                    continue;
                case ExplainedSpanKind.Paused:
                    var reason = Text("PlainPause." + (s.PauseReason ?? PauseReason.WaitingOnRequester));
                    lines.Add(Plain(ClockLineKind.Paused, s, s.Open
                        ? Text("Plain.PausedOpen", LongDate(s.From), Time(s.From), reason)
                        : Text("Plain.Paused", LongDate(s.From), Time(s.From), LongDate(s.To), Time(s.To), reason)));
                    continue;
            }

            // Consecutive skipped days of one kind (and one note) read as one sentence: "No se cuentan el sábado 4 y el domingo 5 de abril".
            var group = new List<ExplainedSpan> { s };
            while (i + 1 < spans.Count && spans[i + 1] is var next && next.Kind == s.Kind && next.Note == s.Note)
            {
                group.Add(next);
                i++;
            }

            var days = group.Select(g => g.Day).Distinct().ToList();
            var why = s.Kind switch
            {
                ExplainedSpanKind.Weekend => Text("Plain.Weekend"),
                ExplainedSpanKind.Holiday => Text(days.Count == 1 ? "Plain.Holiday" : "Plain.Holidays",
                    string.Join(Text("Join.Names"), group.SelectMany(g => g.Holidays).Select(h => h.Name).Distinct())),
                _ => s.Note is { Length: > 0 } note ? Text("Plain.Entity", note) : Text("Plain.EntityNoNote"),
            };
            lines.Add(Plain(ClockLineKind.Skipped, s, Text(days.Count == 1 ? "Plain.Skipped" : "Plain.SkippedMany", Days(days), why)));
        }

        return lines;

        static ClockLine Plain(ClockLineKind kind, ExplainedSpan s, string text) => new(kind, s.Day, "", "", "", text);
    }

    /// <summary>Folds the lines between the first and the last day with counted time, when enough days count.</summary>
    private static ClockFold FoldOf(List<ClockLine> lines)
    {
        var days = lines.Where(l => l.Kind == ClockLineKind.Counted).Select(l => l.Day).Distinct().Order().ToList();
        if (days.Count < FoldFromDays)
        {
            return ClockFold.None;
        }

        var start = lines.FindLastIndex(l => l.Kind == ClockLineKind.Counted && l.Day == days[0]) + 1;
        var end = lines.FindIndex(l => l.Kind == ClockLineKind.Counted && l.Day == days[^1]);
        return end > start ? new ClockFold(start, end, days.Count - 2) : ClockFold.None;
    }

    private static string Recomputation(ClockRecomputation r)
    {
        var text = Text("Recompute." + r.Kind, DateTime(r.At));
        if (r.ActorName is { Length: > 0 } actor && r.Kind != RecomputationKind.LegalTermRestarted)
        {
            text += Text("Recompute.By", actor);
        }

        if (r.Reason is { Length: > 0 } reason)
        {
            text += Text("Recompute.Reason", reason);
        }

        return text + (r is { OldDueAt: { } old, NewDueAt: { } @new } ? Text("Recompute.Change", DateTime(old), DateTime(@new)) : Text("Recompute.End"));
    }

    private static List<ClockFact> StaffOutcome(ClockExplanation e) =>
    [
        new(Text("Label.Due"), e.DueAt is { } due ? DateTime(due) : Text("Due.Paused")),
        new(Text("Label.State"), State(e)),
    ];

    private static List<ClockFact> PlainOutcome(ClockExplanation e) =>
    [
        new("", e.DueAt is { } due ? Text("Plain.Due", DateTime(due)) : Text("Plain.DuePaused")),
        new("", e.StoppedAt is not null ? State(e) + "."
            : e.Paused ? Text("Plain.PausedState", Duration(e.Used), Duration(e.Left))
            : e.Left >= TimeSpan.Zero ? Text("Plain.Running", Duration(e.Used), Duration(e.Left))
            : Text("Plain.Overdue", Duration(e.Used), Duration(-e.Left))),
    ];

    private static string State(ClockExplanation e)
    {
        if (e.StoppedAt is { } stopped)
        {
            var within = e.DueAt is not { } due || stopped <= due;
            var scope = e.Kind == ClockKind.LegalTerm ? "Legal" : "Sla";
            return Text("Stopped." + e.Kind, DateTime(stopped), Text((within ? "Within." : "Outside.") + scope));
        }

        return e.Paused ? Text("State.Paused", Duration(e.Used), Duration(e.Left))
            : e.Left >= TimeSpan.Zero ? Text("State.Running", Duration(e.Used), Duration(e.Left))
            : Text("State.Overdue", Duration(e.Used), Duration(-e.Left));
    }

    private static ClockLineKind KindOf(ExplainedSpanKind kind) => kind switch
    {
        ExplainedSpanKind.Counted => ClockLineKind.Counted,
        ExplainedSpanKind.Paused => ClockLineKind.Paused,
        _ => ClockLineKind.Skipped,
    };

    /// <summary>"jueves 2 y el viernes 3 de abril de 2026": the month and year said once when the days share them.</summary>
    private static string Days(List<DateOnly> days)
    {
        var sameMonth = days.All(d => d.Year == days[^1].Year && d.Month == days[^1].Month);
        var sameYear = days.All(d => d.Year == days[^1].Year);
        var names = days.Select((d, i) => i == days.Count - 1 ? LongDate(d)
            : sameMonth ? d.ToString(Text("Date.DayOnly"), Culture)
            : sameYear ? DayMonth(d)
            : LongDate(d)).ToList();
        return names.Count == 1 ? names[0] : string.Join(Text("Join.Comma"), names.Take(names.Count - 1)) + Text("Join.And") + names[^1];
    }

    /// <summary>"3.er", "2.º": the Spanish ordinal abbreviation (primer and tercer, and their compounds, take ".er").</summary>
    private static string Ordinal(int n) =>
        n.ToString(Culture) + ((n % 10 is 1 or 3) && n % 100 != 11 ? ".er" : ".º");

    private static string DayName(DayOfWeek day) => Culture.DateTimeFormat.GetDayName(day);

    private static string LongDate(DateTimeOffset instant) => LongDate(DateOnly.FromDateTime(instant.DateTime));

    private static string LongDate(DateOnly day) => day.ToString(Text("Date.Long"), Culture);

    private static string DayMonth(DateOnly day) => day.ToString(Text("Date.DayMonth"), Culture);

    private static string Time(DateTimeOffset instant) => instant.ToString(Text("Date.Time"), Culture);

    private static string Time(TimeOnly time) => time.ToString(Text("Date.Time"), Culture);

    /// <summary>"jueves 2 de abril de 2026, 4:00 p. m." (the instant already in the calendar's local offset).</summary>
    private static string DateTime(DateTimeOffset instant) => Text("DateTime", LongDate(instant), Time(instant));
}
