using System.Globalization;
using MesaServicio.Core.Calendar;

namespace MesaServicio.Core.Reports;

/// <summary>
/// A calendar month of the entity (its local time zone), e.g. November 2026. The monthly report covers
/// the cases <em>filed</em> in that local month.
/// </summary>
public readonly record struct YearMonth
{
    public YearMonth(int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        ArgumentOutOfRangeException.ThrowIfLessThan(year, BusinessCalendar.MinSupportedDay.Year);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, BusinessCalendar.MaxSupportedDay.Year);
        Year = year;
        Month = month;
    }

    public int Year { get; }

    public int Month { get; }

    /// <summary>The first local day of the month.</summary>
    public DateOnly FirstDay => new(Year, Month, 1);

    /// <summary>The last local day of the month.</summary>
    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    /// <summary>The month <paramref name="months"/> later (earlier when negative).</summary>
    public YearMonth AddMonths(int months)
    {
        var index = (Year * 12) + (Month - 1) + months;
        return new YearMonth(index / 12, (index % 12) + 1);
    }

    /// <summary>The local month that contains <paramref name="instant"/> on <paramref name="calendar"/>.</summary>
    public static YearMonth Containing(DateTimeOffset instant, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var local = calendar.ToLocal(instant);
        return new YearMonth(local.Year, local.Month);
    }

    /// <summary>
    /// The month as a half-open interval of instants <c>[From, To)</c>: from local midnight of its first day
    /// to local midnight of the next month's first day, both in UTC (as the database stores instants).
    /// </summary>
    public (DateTimeOffset From, DateTimeOffset To) Bounds(BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return (LocalMidnight(FirstDay, calendar.TimeZone), LocalMidnight(AddMonths(1).FirstDay, calendar.TimeZone));
    }

    /// <summary>Parses <c>yyyy-MM</c> (the form used in addresses, e.g. <c>/reportes/mensual?mes=2026-11</c>).</summary>
    public static bool TryParse(string? text, out YearMonth month)
    {
        month = default;
        if (text is not { Length: 7 } || text[4] != '-'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || m is < 1 or > 12
            || year < BusinessCalendar.MinSupportedDay.Year || year > BusinessCalendar.MaxSupportedDay.Year)
        {
            return false;
        }

        month = new YearMonth(year, m);
        return true;
    }

    /// <summary><c>yyyy-MM</c>, e.g. <c>2026-11</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");

    private static DateTimeOffset LocalMidnight(DateOnly day, TimeZoneInfo zone)
    {
        var wall = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(wall))
        {
            // Midnight skipped by a daylight-saving jump: the day starts at the first valid minute.
            wall = wall.AddHours(1);
        }

        return new DateTimeOffset(wall, zone.GetUtcOffset(wall)).ToUniversalTime();
    }
}
