namespace MesaServicio.Core.Calendar;

/// <summary>Why a span of time is, or is not, business time.</summary>
public enum CalendarSpanKind
{
    /// <summary>Business time: a business day within its business hours.</summary>
    Business = 1,

    /// <summary>A business day, outside its business hours (before opening, at lunch, after closing).</summary>
    OutsideHours = 2,

    /// <summary>A day of the week without business hours (Saturday, Sunday).</summary>
    Weekend = 3,

    /// <summary>A national holiday of Colombia (see <see cref="ColombianHolidays"/>).</summary>
    Holiday = 4,

    /// <summary>An extra non-working day declared by the entity.</summary>
    EntityNonWorkingDay = 5,
}

/// <summary>
/// One span of a walk over the calendar: <c>[From, To)</c> in the calendar's local offset, its kind and the business
/// time it holds (its length for <see cref="CalendarSpanKind.Business"/>, zero otherwise). A skipped day is
/// one span from its midnight (or the walk's start) to the next midnight (or the walk's end); consecutive days
/// of the same kind and holiday stay separate, so each can be named.
/// </summary>
public readonly record struct CalendarSpan(DateTimeOffset From, DateTimeOffset To, CalendarSpanKind Kind, TimeSpan BusinessTime)
{
    /// <summary>The local day the span starts on.</summary>
    public DateOnly Day => DateOnly.FromDateTime(From.DateTime);
}

public sealed partial class BusinessCalendar
{
    /// <summary>
    /// The spans that make up <c>[from, to)</c>: each business window counted (a business day's range of hours,
    /// clipped to the interval) and each span skipped, with why: outside business hours, a weekend day, a national
    /// holiday, an extra non-working day of the entity. The spans are contiguous, in order, and cover the interval;
    /// the business time of the <see cref="CalendarSpanKind.Business"/> spans adds up to
    /// <see cref="BusinessTimeBetween"/> exactly, because both read the same day index and the same hours.
    /// Empty when <paramref name="to"/> is not after <paramref name="from"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An instant is outside the supported range.</exception>
    public IReadOnlyList<CalendarSpan> Walk(DateTimeOffset from, DateTimeOffset to)
    {
        if (to.UtcTicks <= from.UtcTicks)
        {
            return [];
        }

        var index = _index.Value;
        var fromWall = index.ToWall(from.UtcTicks, nameof(from));
        var toWall = index.ToWall(to.UtcTicks, nameof(to));
        var spans = new List<CalendarSpan>();
        var firstDay = index.DayOf(fromWall);
        var lastDay = index.DayOf(toWall);
        var cursor = fromWall;
        var cursorKind = (CalendarSpanKind)0;
        var cursorStart = fromWall;

        void Emit(long end, CalendarSpanKind kind, int day)
        {
            if (end <= cursor)
            {
                return;
            }

            // Off-hours spans run on across midnight into the next business day's opening (one night, one span);
            // every other kind starts a span of its own.
            if (cursorKind == kind && kind == CalendarSpanKind.OutsideHours)
            {
                cursor = end;
                return;
            }

            Flush(day);
            cursorKind = kind;
            cursorStart = cursor;
            cursor = end;
        }

        void Flush(int day)
        {
            if (cursorKind == 0 || cursorStart >= cursor)
            {
                return;
            }

            var fromInstant = index.WallToLocalOffset(cursorStart, index.DayOf(cursorStart));
            var toInstant = cursor == toWall ? index.ToLocalOffset(to.UtcTicks) : index.WallToLocalOffset(cursor, Math.Min(index.DayOf(cursor), day));
            var business = cursorKind == CalendarSpanKind.Business ? new TimeSpan(cursor - cursorStart) : TimeSpan.Zero;
            spans.Add(new CalendarSpan(fromInstant, toInstant, cursorKind, business));
        }

        for (var day = firstDay; day <= lastDay; day++)
        {
            var dayStart = index.WallOf(day, 0);
            var dayEnd = Math.Min(dayStart + TicksPerDay, toWall);
            var date = DateOnly.FromDayNumber(MinSupportedDay.DayNumber + day);
            var kind = NonBusinessKindOf(date);
            if (kind is { } skipped)
            {
                Emit(dayEnd, skipped, day);
                continue;
            }

            var schedule = _schedules[index.DayOfWeekOf(day)];
            for (var r = 0; r < schedule.RangeCount; r++)
            {
                var start = Math.Max(dayStart + schedule.StartOf(r), cursor);
                var end = Math.Min(dayStart + schedule.EndOf(r), dayEnd);
                if (end <= start)
                {
                    continue;
                }

                Emit(start, CalendarSpanKind.OutsideHours, day);
                Emit(end, CalendarSpanKind.Business, day);
            }

            Emit(dayEnd, CalendarSpanKind.OutsideHours, day);
        }

        Flush(lastDay);
        return spans;
    }

    /// <summary>The local midnight that ends the local day containing <paramref name="instant"/>, in local offset.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The instant or the next day is outside the supported range.</exception>
    public DateTimeOffset StartOfNextDay(DateTimeOffset instant)
    {
        var index = _index.Value;
        var day = index.DayOf(index.ToWall(instant.UtcTicks, nameof(instant))) + 1;
        if (day >= index.CumulativeDays.Length - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(instant), instant,
                $"El día siguiente queda después del último día soportado ({MaxSupportedDay:yyyy-MM-dd}).");
        }

        return index.WallToLocalOffset(index.WallOf(day, 0), day);
    }

    /// <summary>Number of business days in the local days after the one containing <paramref name="instant"/>, up to and including <paramref name="lastDay"/>.</summary>
    public int BusinessDaysAfterUntil(DateTimeOffset instant, DateOnly lastDay)
    {
        var index = _index.Value;
        var day = index.DayOf(index.ToWall(instant.UtcTicks, nameof(instant)));
        var last = lastDay.DayNumber - MinSupportedDay.DayNumber;
        if (last < 0 || last >= index.CumulativeDays.Length - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(lastDay), lastDay, "El día está fuera del rango soportado por el calendario.");
        }

        return last <= day ? 0 : index.CumulativeDays[last + 1] - index.CumulativeDays[day + 1];
    }

    /// <summary>Why <paramref name="day"/> is not a business day, or null when it is one.</summary>
    public CalendarSpanKind? NonBusinessKindOf(DateOnly day)
    {
        if (NationalHolidays && ColombianHolidays.IsHoliday(day))
        {
            return CalendarSpanKind.Holiday;
        }

        if (_extraNonWorkingDays.Contains(day))
        {
            return CalendarSpanKind.EntityNonWorkingDay;
        }

        return _schedules[(int)day.DayOfWeek].Total == 0 ? CalendarSpanKind.Weekend : null;
    }
}
