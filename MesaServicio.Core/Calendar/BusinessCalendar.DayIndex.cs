using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MesaServicio.Core.Calendar;

public sealed partial class BusinessCalendar
{
    /// <summary>
    /// Precomputed index over every local day of the supported range, built once per calendar on first
    /// use (thread-safe through <see cref="Lazy{T}"/>; immutable afterwards).
    /// </summary>
    /// <remarks>
    /// <para><b>Cumulative sums.</b> For each local day <c>d</c>, <see cref="CumulativeTicks"/>[d] is the
    /// business time before that day and <see cref="CumulativeDays"/>[d] the number of business days
    /// before it (both arrays have one extra entry for the end of the range). Business time between two
    /// wall-clock points is the difference of two lookups; a due date is a search in a sorted array.</para>
    /// <para><b>Time zone.</b> Every operation needs two conversions (the input instant to local wall time,
    /// the resulting wall time back to an instant). One <see cref="TimeZoneInfo.ConvertTime(DateTimeOffset, TimeZoneInfo)"/>
    /// measured about 23 ns on the benchmark machine (.NET 10), a third of a whole AddBusinessTime, and the
    /// local-to-UTC direction throws for skipped wall times. So the index caches the zone's UTC offset
    /// transitions instead: the transitions inside the range are found once by sampling the offset every
    /// day and bisecting to the exact tick where it changes, and each UTC day and each local day stores
    /// how many transitions precede it. A conversion is then one array read plus, on the rare day with a
    /// transition, one comparison; it stays exact for zones with daylight saving time on the days they
    /// change (America/Bogota itself had DST in 1992–1993). Sampling assumes a zone never changes its
    /// offset twice within 24 hours, which holds for every zone in the IANA database since 1984.
    /// See docs/PERFORMANCE.md.</para>
    /// <para><b>Wall-clock semantics.</b> Business time is measured on the local wall clock. Instants are
    /// mapped to an "effective wall time" that never goes backwards: when clocks are set forward the
    /// skipped wall times are counted as if they happened at the transition instant; when clocks are set
    /// back, the repeated wall times are counted once and the wall clock is considered stopped until it
    /// catches up. Conversely a wall time is mapped to the earliest instant that reaches it. With typical
    /// office hours (transitions happen at night) this equals elapsed time.</para>
    /// </remarks>
    private sealed class DayIndex
    {
        private readonly DaySchedule[] _schedules;
        private readonly long _baseWall;
        private readonly long _endWall;
        private readonly long _utcBase;
        private readonly long _utcEnd;
        private readonly int _baseDayOfWeek;

        // Offset transitions, sorted: instant (UTC ticks), wall time at which it happens
        // (instant + offset before), offsets before and after (ticks).
        private readonly long[] _transitionUtc;
        private readonly long[] _transitionWall;
        private readonly long[] _offsetAfter;
        private readonly long _initialOffset;

        // Number of transitions strictly before the start of each UTC day / local day.
        private readonly ushort[] _transitionsBeforeUtcDay;
        private readonly ushort[] _transitionsBeforeLocalDay;

        public DayIndex(BusinessCalendar calendar)
        {
            _schedules = calendar._schedules;
            _baseWall = MinSupportedDay.ToDateTime(TimeOnly.MinValue).Ticks;
            var dayCount = MaxSupportedDay.DayNumber - MinSupportedDay.DayNumber + 1;
            _endWall = _baseWall + (dayCount * TicksPerDay);

            // UTC offsets are within ±14 h, so one extra day on each side covers every local day.
            _utcBase = _baseWall - TicksPerDay;
            _utcEnd = _endWall + TicksPerDay;
            _baseDayOfWeek = (int)MinSupportedDay.DayOfWeek;

            CumulativeTicks = new long[dayCount + 1];
            CumulativeDays = new int[dayCount + 1];
            for (var d = 0; d < dayCount; d++)
            {
                var date = DateOnly.FromDayNumber(MinSupportedDay.DayNumber + d);
                var business = calendar.IsBusinessDay(date);
                CumulativeTicks[d + 1] = CumulativeTicks[d] + (business ? _schedules[(int)date.DayOfWeek].Total : 0);
                CumulativeDays[d + 1] = CumulativeDays[d] + (business ? 1 : 0);
            }

            var transitions = FindTransitions(calendar.TimeZone, _utcBase - TicksPerDay, _utcEnd + TicksPerDay, out _initialOffset);
            _transitionUtc = transitions.Select(t => t.Utc).ToArray();
            _transitionWall = transitions.Select(t => t.Utc + t.Before).ToArray();
            _offsetAfter = transitions.Select(t => t.After).ToArray();

            _transitionsBeforeUtcDay = new ushort[dayCount + 2];
            for (int u = 0, k = 0; u < _transitionsBeforeUtcDay.Length; u++)
            {
                var dayStart = _utcBase + (u * TicksPerDay);
                while (k < _transitionUtc.Length && _transitionUtc[k] < dayStart)
                {
                    k++;
                }

                _transitionsBeforeUtcDay[u] = checked((ushort)k);
            }

            _transitionsBeforeLocalDay = new ushort[dayCount];
            for (int d = 0, k = 0; d < dayCount; d++)
            {
                var dayStart = _baseWall + (d * TicksPerDay);
                while (k < _transitionWall.Length && _transitionWall[k] < dayStart)
                {
                    k++;
                }

                _transitionsBeforeLocalDay[d] = checked((ushort)k);
            }
        }

        /// <summary>Business ticks before each local day; the last entry is the total.</summary>
        public long[] CumulativeTicks { get; }

        /// <summary>Business days before each local day; the last entry is the total.</summary>
        public int[] CumulativeDays { get; }

        public long TotalBusinessTicks => CumulativeTicks[^1];

        public int DayOf(long wall) => (int)((wall - _baseWall) / TicksPerDay);

        public int DayOfWeekOf(int day) => (_baseDayOfWeek + day) % 7;

        public long WallOf(int day, long timeOfDay) => _baseWall + (day * TicksPerDay) + timeOfDay;

        /// <summary>Business ticks from the start of the range to <paramref name="wall"/> (in day <paramref name="day"/>).</summary>
        public long CumulativeAt(long wall, int day)
        {
            var before = CumulativeTicks[day];
            return CumulativeDays[day + 1] == CumulativeDays[day]
                ? before
                : before + _schedules[DayOfWeekOf(day)].TicksUntil(wall - _baseWall - (day * TicksPerDay));
        }

        /// <summary>Effective local wall time (ticks) of a UTC instant; see the class remarks.</summary>
        public long ToWall(long utc, string paramName)
        {
            if (utc < _utcBase || utc >= _utcEnd)
            {
                ThrowOutOfRange(utc, paramName);
            }

            var k = (int)_transitionsBeforeUtcDay[(int)((utc - _utcBase) / TicksPerDay)];
            var transitions = _transitionUtc;
            while (k < transitions.Length && transitions[k] <= utc)
            {
                k++;
            }

            var wall = k == 0 ? utc + _initialOffset : Math.Max(utc + _offsetAfter[k - 1], _transitionWall[k - 1]);
            if (wall < _baseWall || wall >= _endWall)
            {
                ThrowOutOfRange(utc, paramName);
            }

            return wall;
        }

        /// <summary>The instant as a <see cref="DateTimeOffset"/> with the zone's offset at that instant.</summary>
        public DateTimeOffset ToLocalOffset(long utc)
        {
            var k = (int)_transitionsBeforeUtcDay[(int)((utc - _utcBase) / TicksPerDay)];
            var transitions = _transitionUtc;
            while (k < transitions.Length && transitions[k] <= utc)
            {
                k++;
            }

            var offset = k == 0 ? _initialOffset : _offsetAfter[k - 1];
            return new DateTimeOffset(utc + offset, new TimeSpan(offset));
        }

        /// <summary>The earliest instant whose effective wall time is <paramref name="wall"/>, in local offset.</summary>
        public DateTimeOffset WallToLocalOffset(long wall, int day)
        {
            var k = (int)_transitionsBeforeLocalDay[day];
            var walls = _transitionWall;
            while (k < walls.Length && walls[k] < wall)
            {
                k++;
            }

            var utc = k == 0 ? wall - _initialOffset : Math.Max(wall - _offsetAfter[k - 1], _transitionUtc[k - 1]);
            return ToLocalOffset(utc);
        }

        private static List<(long Utc, long Before, long After)> FindTransitions(
            TimeZoneInfo zone, long fromUtc, long toUtc, out long initialOffset)
        {
            long OffsetAt(long utc) => zone.GetUtcOffset(new DateTime(utc, DateTimeKind.Utc)).Ticks;

            var transitions = new List<(long Utc, long Before, long After)>();
            initialOffset = OffsetAt(fromUtc);
            var previous = initialOffset;
            for (var t = fromUtc + TicksPerDay; t <= toUtc; t += TicksPerDay)
            {
                var current = OffsetAt(t);
                if (current == previous)
                {
                    continue;
                }

                // Bisect (t - 1 day, t] for the first tick with the new offset.
                long lo = t - TicksPerDay, hi = t;
                while (hi - lo > 1)
                {
                    var mid = lo + ((hi - lo) / 2);
                    if (OffsetAt(mid) == previous)
                    {
                        lo = mid;
                    }
                    else
                    {
                        hi = mid;
                    }
                }

                transitions.Add((hi, previous, current));
                previous = current;
            }

            return transitions;
        }

        [DoesNotReturn]
        private static void ThrowOutOfRange(long utc, string paramName)
        {
            var instant = new DateTime(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            throw new ArgumentOutOfRangeException(paramName,
                $"El instante {instant} está fuera del rango soportado por el calendario " +
                $"({MinSupportedDay:yyyy-MM-dd} a {MaxSupportedDay:yyyy-MM-dd}, hora local).");
        }
    }
}
