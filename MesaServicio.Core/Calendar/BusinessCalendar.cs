using System.Collections.Frozen;
using System.Collections.ObjectModel;

namespace MesaServicio.Core.Calendar;

/// <summary>
/// Business calendar of the entity: time zone, weekly business hours, Colombian national holidays
/// and extra non-working days. Computes ANS due dates ("tiempo hábil") and business time elapsed.
/// Immutable and thread-safe.
/// </summary>
/// <remarks>
/// <para>A business day is a day of the week with business hours that is not a national holiday
/// (when enabled) nor an extra non-working day. Business time is measured on the local wall clock
/// within the ranges of business days. Inputs may carry any UTC offset; outputs carry the calendar
/// zone's local offset.</para>
/// <para>Supported range: local days <see cref="MinSupportedDay"/>..<see cref="MaxSupportedDay"/>.
/// Instants outside it throw <see cref="ArgumentOutOfRangeException"/>.</para>
/// <para>Performance: on first use a day index over the whole supported range is built (about 80,000
/// days, around 1.3 MB). Afterwards <see cref="BusinessTimeBetween"/> is O(1), and
/// <see cref="AddBusinessTime"/> and <see cref="EndOfNthBusinessDayAfter"/> are an exponential
/// search from the start day; none of the three allocates or calls <see cref="TimeZoneInfo"/>.</para>
/// </remarks>
public sealed partial class BusinessCalendar
{
    private const long TicksPerDay = TimeSpan.TicksPerDay;

    private static readonly Lazy<BusinessCalendar> ColombiaDefaultInstance = new(CreateColombiaDefault);

    private static readonly string[] SpanishDayNames =
        ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"];

    private readonly DaySchedule[] _schedules;
    private readonly FrozenSet<DateOnly> _extraNonWorkingDays;
    private readonly Lazy<DayIndex> _index;

    /// <summary>Creates a calendar.</summary>
    /// <param name="timeZone">Time zone of the entity (for example America/Bogota).</param>
    /// <param name="weeklyHours">Business hours per day of the week: zero or more sorted, non-overlapping
    /// ranges. Days that are missing or have no ranges are non-working days.</param>
    /// <param name="nationalHolidays">Whether the national holidays of Colombia are non-working days.</param>
    /// <param name="extraNonWorkingDays">Additional non-working days of the entity.</param>
    /// <exception cref="ArgumentException">A range is empty or inverted, ranges are unsorted or overlap,
    /// or there is no business day in the week.</exception>
    public BusinessCalendar(
        TimeZoneInfo timeZone,
        IReadOnlyDictionary<DayOfWeek, IReadOnlyList<BusinessHours>> weeklyHours,
        bool nationalHolidays,
        IEnumerable<DateOnly> extraNonWorkingDays)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(weeklyHours);
        ArgumentNullException.ThrowIfNull(extraNonWorkingDays);

        var hours = new BusinessHours[7][];
        for (var d = 0; d < 7; d++)
        {
            hours[d] = [];
        }

        foreach (var (day, ranges) in weeklyHours)
        {
            if (!Enum.IsDefined(day))
            {
                throw new ArgumentException($"El día de la semana {(int)day} no es válido.", nameof(weeklyHours));
            }

            hours[(int)day] = Validate(day, ranges);
        }

        if (hours.All(h => h.Length == 0))
        {
            throw new ArgumentException("El calendario debe tener al menos un día hábil en la semana.", nameof(weeklyHours));
        }

        TimeZone = timeZone;
        NationalHolidays = nationalHolidays;
        _schedules = hours.Select(h => new DaySchedule(h)).ToArray();
        _extraNonWorkingDays = extraNonWorkingDays.ToFrozenSet();
        WeeklyHours = new ReadOnlyDictionary<DayOfWeek, IReadOnlyList<BusinessHours>>(
            Enumerable.Range(0, 7)
                .Where(d => hours[d].Length > 0)
                .ToDictionary(d => (DayOfWeek)d, d => (IReadOnlyList<BusinessHours>)Array.AsReadOnly(hours[d])));
        _index = new Lazy<DayIndex>(() => new DayIndex(this), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>First supported local day.</summary>
    public static DateOnly MinSupportedDay { get; } = new(ColombianHolidays.MinYear, 1, 1);

    /// <summary>Last supported local day.</summary>
    public static DateOnly MaxSupportedDay { get; } = new(ColombianHolidays.MaxYear, 12, 31);

    /// <summary>Time zone in which business hours and days are read.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>Whether the national holidays of Colombia are non-working days.</summary>
    public bool NationalHolidays { get; }

    /// <summary>Business hours per day of the week (days without hours are not listed).</summary>
    public IReadOnlyDictionary<DayOfWeek, IReadOnlyList<BusinessHours>> WeeklyHours { get; }

    /// <summary>Additional non-working days of the entity.</summary>
    public IReadOnlySet<DateOnly> ExtraNonWorkingDays => _extraNonWorkingDays;

    /// <summary>
    /// America/Bogota, Monday to Friday 08:00–17:00, national holidays, no extra non-working days.
    /// A single shared instance.
    /// </summary>
    public static BusinessCalendar ColombiaDefault() => ColombiaDefaultInstance.Value;

    /// <summary>Whether <paramref name="day"/> is a business day.</summary>
    /// <exception cref="ArgumentOutOfRangeException">National holidays are enabled and the year is outside 1984–2200.</exception>
    public bool IsBusinessDay(DateOnly day) =>
        _schedules[(int)day.DayOfWeek].Total > 0
        && !_extraNonWorkingDays.Contains(day)
        && !(NationalHolidays && ColombianHolidays.IsHoliday(day));

    /// <summary>The same instant expressed in the calendar's local time and offset.</summary>
    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);

    /// <summary>
    /// The earliest instant at which <paramref name="duration"/> of business time has elapsed since
    /// <paramref name="start"/>. When the last business hour of a day completes the duration the
    /// result is that day's closing time (for example 17:00), not the next opening.
    /// A zero duration returns <paramref name="start"/> (in local offset).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The duration is negative, or the start or the
    /// result is outside the supported range.</exception>
    public DateTimeOffset AddBusinessTime(DateTimeOffset start, TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration,
                "La duración en tiempo hábil no puede ser negativa.");
        }

        var index = _index.Value;
        var wall = index.ToWall(start.UtcTicks, nameof(start));
        if (duration == TimeSpan.Zero)
        {
            return index.ToLocalOffset(start.UtcTicks);
        }

        var day = index.DayOf(wall);
        var elapsed = index.CumulativeAt(wall, day);
        if (duration.Ticks > index.TotalBusinessTicks - elapsed)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration,
                $"El resultado queda después del último día soportado ({MaxSupportedDay:yyyy-MM-dd}).");
        }

        var target = elapsed + duration.Ticks;
        var targetDay = FirstAtLeast(index.CumulativeTicks, target, day) - 1;
        var timeOfDay = _schedules[index.DayOfWeekOf(targetDay)]
            .TimeOfDayReaching(target - index.CumulativeTicks[targetDay]);
        return index.WallToLocalOffset(index.WallOf(targetDay, timeOfDay), targetDay);
    }

    /// <summary>
    /// Business time within <c>[from, to)</c>; zero when <paramref name="to"/> is not after
    /// <paramref name="from"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An instant is outside the supported range.</exception>
    public TimeSpan BusinessTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to.UtcTicks <= from.UtcTicks)
        {
            return TimeSpan.Zero;
        }

        var index = _index.Value;
        var fromWall = index.ToWall(from.UtcTicks, nameof(from));
        var toWall = index.ToWall(to.UtcTicks, nameof(to));
        return new TimeSpan(
            index.CumulativeAt(toWall, index.DayOf(toWall)) - index.CumulativeAt(fromWall, index.DayOf(fromWall)));
    }

    /// <summary>
    /// Close of business (end of the last range) of the <paramref name="n"/>-th business day strictly
    /// after the local day containing <paramref name="instant"/>. This is how "n días hábiles" and
    /// "un día posterior al recibido" are counted: the day of reception never counts, whatever the hour.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 1, or the
    /// instant or the result is outside the supported range.</exception>
    public DateTimeOffset EndOfNthBusinessDayAfter(DateTimeOffset instant, int n)
    {
        if (n < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "El número de días hábiles debe ser al menos 1.");
        }

        var index = _index.Value;
        var day = index.DayOf(index.ToWall(instant.UtcTicks, nameof(instant)));
        var countBefore = index.CumulativeDays[day + 1];
        if (n > index.CumulativeDays[^1] - countBefore)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n,
                $"El resultado queda después del último día soportado ({MaxSupportedDay:yyyy-MM-dd}).");
        }

        var targetDay = FirstAtLeast(index.CumulativeDays, countBefore + n, day + 1) - 1;
        var close = _schedules[index.DayOfWeekOf(targetDay)].Close;
        return index.WallToLocalOffset(index.WallOf(targetDay, close), targetDay);
    }

    /// <summary>
    /// Smallest index <c>j &gt; lo</c> with <c>values[j] &gt;= target</c>, where <c>values</c> is
    /// non-decreasing, <c>values[lo] &lt; target</c> and <c>values[^1] &gt;= target</c>.
    /// Exponential search from <paramref name="lo"/>: O(log k) where k is the distance found, so short
    /// durations (the common case) touch only a few cache lines.
    /// </summary>
    private static int FirstAtLeast<T>(T[] values, T target, int lo)
        where T : struct, System.Numerics.IComparisonOperators<T, T, bool>
    {
        var last = values.Length - 1;
        var step = 1;
        var hi = lo + 1;
        while (values[hi] < target)
        {
            lo = hi;
            step <<= 1;
            hi = Math.Min(lo + step, last);
        }

        while (hi - lo > 1)
        {
            var mid = (lo + hi) >>> 1;
            if (values[mid] < target)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return hi;
    }

    private static BusinessHours[] Validate(DayOfWeek day, IReadOnlyList<BusinessHours>? ranges)
    {
        if (ranges is null || ranges.Count == 0)
        {
            return [];
        }

        var result = ranges.ToArray();
        for (var i = 0; i < result.Length; i++)
        {
            var range = result[i];
            if (range.Start >= range.End)
            {
                throw new ArgumentException(
                    $"El horario {range} del {SpanishDayNames[(int)day]} no es válido: la hora de inicio debe ser anterior a la hora de fin.",
                    "weeklyHours");
            }

            if (i > 0 && result[i - 1].End > range.Start)
            {
                throw new ArgumentException(
                    $"Los horarios del {SpanishDayNames[(int)day]} deben estar en orden y sin superponerse: {result[i - 1]} y {range}.",
                    "weeklyHours");
            }
        }

        return result;
    }

    private static BusinessCalendar CreateColombiaDefault()
    {
        IReadOnlyList<BusinessHours> office = [new BusinessHours(new TimeOnly(8, 0), new TimeOnly(17, 0))];
        var weekly = new Dictionary<DayOfWeek, IReadOnlyList<BusinessHours>>
        {
            [DayOfWeek.Monday] = office,
            [DayOfWeek.Tuesday] = office,
            [DayOfWeek.Wednesday] = office,
            [DayOfWeek.Thursday] = office,
            [DayOfWeek.Friday] = office,
        };
        return new BusinessCalendar(TimeZoneInfo.FindSystemTimeZoneById("America/Bogota"), weekly, true, []);
    }

    /// <summary>Business ranges of one day of the week, as ticks since local midnight.</summary>
    private sealed class DaySchedule
    {
        private readonly long[] _starts;
        private readonly long[] _ends;

        public DaySchedule(BusinessHours[] ranges)
        {
            _starts = ranges.Select(r => r.Start.Ticks).ToArray();
            _ends = ranges.Select(r => r.End.Ticks).ToArray();
            Total = ranges.Sum(r => r.Duration.Ticks);
            Close = ranges.Length > 0 ? _ends[^1] : 0;
        }

        /// <summary>Business ticks in the whole day.</summary>
        public long Total { get; }

        /// <summary>End of the last range, in ticks since midnight.</summary>
        public long Close { get; }

        /// <summary>Number of ranges in the day.</summary>
        public int RangeCount => _starts.Length;

        /// <summary>Start of range <paramref name="range"/>, in ticks since midnight.</summary>
        public long StartOf(int range) => _starts[range];

        /// <summary>End of range <paramref name="range"/>, in ticks since midnight.</summary>
        public long EndOf(int range) => _ends[range];

        /// <summary>Business ticks in <c>[00:00, timeOfDay)</c>.</summary>
        public long TicksUntil(long timeOfDay)
        {
            long sum = 0;
            var starts = _starts;
            var ends = _ends;
            for (var i = 0; i < starts.Length && timeOfDay > starts[i]; i++)
            {
                sum += Math.Min(timeOfDay, ends[i]) - starts[i];
            }

            return sum;
        }

        /// <summary>The earliest time of day at which <paramref name="ticks"/> (0 &lt; ticks &lt;= Total) business ticks have elapsed.</summary>
        public long TimeOfDayReaching(long ticks)
        {
            var starts = _starts;
            var ends = _ends;
            for (var i = 0; i < starts.Length; i++)
            {
                var length = ends[i] - starts[i];
                if (ticks <= length)
                {
                    return starts[i] + ticks;
                }

                ticks -= length;
            }

            return Close;
        }
    }
}
