namespace MesaServicio.Core.Calendar;

/// <summary>
/// The business calendar as the coordinator keeps it in the database (one row): the time zone, whether the
/// national holidays count, and the business hours of each day of the week. The entity's extra non-working days
/// are <see cref="NonWorkingDay"/> rows. The first start seeds it from <see cref="BusinessCalendarOptions"/>
/// (appsettings); from then on the database is what counts. National holidays are never stored: they are
/// computed (<see cref="ColombianHolidays"/>).
/// </summary>
public sealed class CalendarSettings
{
    /// <summary>The id of the one row.</summary>
    public const int SingletonId = 1;

    private readonly List<WeeklyHoursRange> _weeklyHours = [];

    private CalendarSettings()
    {
        TimeZone = "";
    }

    private CalendarSettings(string timeZone, bool nationalHolidays)
    {
        Id = SingletonId;
        TimeZone = timeZone;
        NationalHolidays = nationalHolidays;
    }

    public int Id { get; private set; }

    /// <summary>IANA (or Windows) time zone id, e.g. America/Bogota.</summary>
    public string TimeZone { get; private set; }

    /// <summary>Whether the national holidays of Colombia are non-working days.</summary>
    public bool NationalHolidays { get; private set; }

    /// <summary>
    /// Incremented by every change to the calendar (hours or non-working days): the providers of other instances
    /// compare it to know when to rebuild, and it guards concurrent edits.
    /// </summary>
    public int Version { get; private set; }

    public IReadOnlyList<WeeklyHoursRange> WeeklyHours => _weeklyHours;

    /// <summary>The settings the configuration describes (used once, to seed an empty database).</summary>
    /// <exception cref="ArgumentException">The configuration does not describe a valid calendar.</exception>
    public static CalendarSettings FromOptions(BusinessCalendarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var calendar = options.Build();
        var settings = new CalendarSettings(options.TimeZone, calendar.NationalHolidays);
        foreach (var (day, ranges) in calendar.WeeklyHours)
        {
            settings._weeklyHours.AddRange(ranges.Select(r => new WeeklyHoursRange(day, r.Start, r.End)));
        }

        return settings;
    }

    /// <summary>Business hours per day of the week (days without hours are absent).</summary>
    public IReadOnlyDictionary<DayOfWeek, IReadOnlyList<BusinessHours>> Hours() =>
        _weeklyHours.GroupBy(r => r.Day).ToDictionary(
            g => g.Key, g => (IReadOnlyList<BusinessHours>)g.OrderBy(r => r.Start).Select(r => r.ToBusinessHours()).ToList());

    /// <summary>
    /// Replaces the week's business hours. The calendar they make is built first, so that invalid hours (overlapping,
    /// or a week without a business day) are refused before anything changes.
    /// </summary>
    /// <exception cref="ArgumentException">The hours do not make a valid calendar (Spanish message).</exception>
    public void SetHours(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<BusinessHours>> week)
    {
        ArgumentNullException.ThrowIfNull(week);
        var sorted = week.Where(d => d.Value is { Count: > 0 })
            .ToDictionary(d => d.Key, d => (IReadOnlyList<BusinessHours>)d.Value.OrderBy(r => r.Start).ToList());
        _ = new BusinessCalendar(FindZone(), sorted, NationalHolidays, []);
        _weeklyHours.Clear();
        foreach (var (day, ranges) in sorted.OrderBy(d => d.Key))
        {
            _weeklyHours.AddRange(ranges.Select(r => new WeeklyHoursRange(day, r.Start, r.End)));
        }

        Touch();
    }

    /// <summary>Marks a change of the calendar (a non-working day added or removed also changes it).</summary>
    public void Touch() => Version++;

    /// <summary>The calendar these settings and <paramref name="extraNonWorkingDays"/> make.</summary>
    public BusinessCalendar Build(IEnumerable<DateOnly> extraNonWorkingDays) =>
        new(FindZone(), Hours(), NationalHolidays, extraNonWorkingDays);

    private TimeZoneInfo FindZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}

/// <summary>One range of business hours of one day of the week, <c>[Start, End)</c> in local time.</summary>
public sealed class WeeklyHoursRange
{
    private WeeklyHoursRange()
    {
    }

    internal WeeklyHoursRange(DayOfWeek day, TimeOnly start, TimeOnly end)
    {
        Day = day;
        Start = start;
        End = end;
    }

    public int Id { get; private set; }

    public DayOfWeek Day { get; private set; }

    public TimeOnly Start { get; private set; }

    public TimeOnly End { get; private set; }

    public BusinessHours ToBusinessHours() => new(Start, End);
}

/// <summary>An extra non-working day the entity declares (e.g. a day of institutional inventory), with its reason.</summary>
public sealed class NonWorkingDay
{
    /// <summary>Longest description accepted.</summary>
    public const int DescriptionMaxLength = 200;

    private NonWorkingDay()
    {
        Description = "";
    }

    public NonWorkingDay(DateOnly day, string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        Day = day;
        Description = description.Trim();
    }

    public DateOnly Day { get; private set; }

    public string Description { get; private set; }
}
