namespace MesaServicio.Core.Calendar;

/// <summary>
/// National holidays of Colombia ("festivos"), computed from the rules of Ley 51 de 1983
/// (Ley Emiliani) and the Gregorian Easter date. No table of dates is used, so every year in
/// <see cref="MinYear"/>..<see cref="MaxYear"/> is supported.
/// </summary>
/// <remarks>
/// <para>Fixed days that are never moved: 1 January, 1 May, 20 July, 7 August, 8 December, 25 December.</para>
/// <para>Days moved to the following Monday when they do not fall on a Monday: 6 January, 19 March,
/// 29 June, 15 August, 12 October, 1 November, 11 November.</para>
/// <para>Easter-based: Holy Thursday and Good Friday (not moved); Ascension (Easter + 43, a Monday),
/// Corpus Christi (Easter + 64) and Sacred Heart (Easter + 71).</para>
/// <para>Two holidays may fall on the same date (then it is listed once) and a holiday may fall on a
/// weekend (it is still listed). Results are cached per year; all members are thread-safe.</para>
/// </remarks>
public static class ColombianHolidays
{
    /// <summary>First supported year (Ley 51 de 1983 applies from 1984).</summary>
    public const int MinYear = 1984;

    /// <summary>Last supported year.</summary>
    public const int MaxYear = 2200;

    private static readonly YearHolidays?[] Cache = new YearHolidays?[MaxYear - MinYear + 1];

    /// <summary>
    /// Sorted, distinct national holidays of <paramref name="year"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 1984–2200.</exception>
    public static IReadOnlyList<DateOnly> For(int year) => Get(year).Dates;

    /// <summary>Whether <paramref name="date"/> is a national holiday of Colombia.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 1984–2200.</exception>
    public static bool IsHoliday(DateOnly date) => NameOf(date) is not null;

    /// <summary>
    /// Spanish name of the holiday on <paramref name="date"/> (names joined with " / " when two
    /// holidays coincide), or <see langword="null"/> when the date is not a national holiday.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 1984–2200.</exception>
    public static string? NameOf(DateOnly date)
    {
        var holidays = Get(date.Year);
        var index = BinarySearch(holidays.Dates, date);
        return index >= 0 ? holidays.Names[index] : null;
    }

    /// <summary>
    /// The holidays on <paramref name="date"/> with the rule that makes each one (empty when it is not a holiday):
    /// what an explanation of a due time cites.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 1984–2200.</exception>
    public static IReadOnlyList<HolidayDetail> DetailsOf(DateOnly date)
    {
        var holidays = Get(date.Year);
        var index = BinarySearch(holidays.Dates, date);
        return index >= 0 ? holidays.Details[index] : [];
    }

    /// <summary>
    /// Gregorian Easter Sunday of <paramref name="year"/> (anonymous Gregorian algorithm,
    /// a.k.a. Meeus/Jones/Butcher). Valid for any Gregorian year; no range check.
    /// </summary>
    public static DateOnly EasterSunday(int year)
    {
        if (year is < 1583 or > 9999)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year,
                "El cálculo de la Pascua solo está definido para años gregorianos (1583–9999).");
        }

        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var n = h + l - (7 * m) + 114;
        return new DateOnly(year, n / 31, (n % 31) + 1);
    }

    private static YearHolidays Get(int year)
    {
        if (year is < MinYear or > MaxYear)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year,
                $"Los festivos de Colombia solo se calculan para los años {MinYear}–{MaxYear}.");
        }

        var slot = year - MinYear;
        var cached = Volatile.Read(ref Cache[slot]);
        if (cached is not null)
        {
            return cached;
        }

        // Computing twice under a race is harmless: both results are equal and immutable.
        var computed = Compute(year);
        return Interlocked.CompareExchange(ref Cache[slot], computed, null) ?? computed;
    }

    private static YearHolidays Compute(int year)
    {
        var easter = EasterSunday(year);
        var all = new List<HolidayDetail>(18)
        {
            Fixed(new DateOnly(year, 1, 1), "Año Nuevo"),
            Moved(new DateOnly(year, 1, 6), "Día de los Reyes Magos"),
            Moved(new DateOnly(year, 3, 19), "Día de San José"),
            new(easter.AddDays(-3), "Jueves Santo", HolidayRule.Easter, null),
            new(easter.AddDays(-2), "Viernes Santo", HolidayRule.Easter, null),
            Fixed(new DateOnly(year, 5, 1), "Día del Trabajo"),
            Moved(easter.AddDays(39), "Ascensión del Señor"),
            Moved(easter.AddDays(60), "Corpus Christi"),
            Moved(easter.AddDays(68), "Sagrado Corazón de Jesús"),
            Moved(new DateOnly(year, 6, 29), "San Pedro y San Pablo"),
            Fixed(new DateOnly(year, 7, 20), "Día de la Independencia"),
            Fixed(new DateOnly(year, 8, 7), "Batalla de Boyacá"),
            Moved(new DateOnly(year, 8, 15), "La Asunción de la Virgen"),
            Moved(new DateOnly(year, 10, 12), "Día de la Raza"),
            Moved(new DateOnly(year, 11, 1), "Día de Todos los Santos"),
            Moved(new DateOnly(year, 11, 11), "Independencia de Cartagena"),
            Fixed(new DateOnly(year, 12, 8), "Día de la Inmaculada Concepción"),
            Fixed(new DateOnly(year, 12, 25), "Navidad"),
        };

        var grouped = all
            .GroupBy(h => h.Date)
            .OrderBy(g => g.Key)
            .ToArray();
        var dates = Array.AsReadOnly(grouped.Select(g => g.Key).ToArray());
        var names = grouped.Select(g => string.Join(" / ", g.Select(h => h.Name))).ToArray();
        var details = grouped.Select(g => (IReadOnlyList<HolidayDetail>)g.ToArray()).ToArray();
        return new YearHolidays(dates, names, details);

        static HolidayDetail Fixed(DateOnly date, string name) => new(date, name, HolidayRule.Fixed, null);

        // Ley 51 de 1983, art. 1: these feasts, when they do not fall on a Monday, are moved to the next Monday.
        static HolidayDetail Moved(DateOnly feast, string name)
        {
            var monday = NextMonday(feast);
            return new HolidayDetail(monday, name, HolidayRule.MovedToMonday, monday == feast ? null : feast);
        }
    }

    /// <summary>The date itself when it is a Monday, otherwise the following Monday.</summary>
    private static DateOnly NextMonday(DateOnly date)
    {
        var daysAhead = ((int)DayOfWeek.Monday - (int)date.DayOfWeek + 7) % 7;
        return date.AddDays(daysAhead);
    }

    private static int BinarySearch(IReadOnlyList<DateOnly> dates, DateOnly date)
    {
        int lo = 0, hi = dates.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var cmp = dates[mid].CompareTo(date);
            if (cmp == 0)
            {
                return mid;
            }

            if (cmp < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }

    private sealed record YearHolidays(IReadOnlyList<DateOnly> Dates, string[] Names, IReadOnlyList<HolidayDetail>[] Details);
}

/// <summary>Which rule of Ley 51 de 1983 (art. 1, which rewrote art. 177 of the Código Sustantivo del Trabajo) makes a holiday.</summary>
public enum HolidayRule
{
    /// <summary>A fixed date, kept wherever it falls (1 January, 1 May, 20 July, 7 August, 8 and 25 December).</summary>
    Fixed = 1,

    /// <summary>A feast moved to the following Monday when it does not fall on one ("Ley Emiliani").</summary>
    MovedToMonday = 2,

    /// <summary>Holy Thursday and Good Friday: set by Easter, never moved.</summary>
    Easter = 3,
}

/// <summary>One national holiday: its observed date, name, rule and, when it was moved, the feast's own date.</summary>
public sealed record HolidayDetail(DateOnly Date, string Name, HolidayRule Rule, DateOnly? MovedFrom);
