namespace MesaServicio.Core.Calendar;

/// <summary>
/// Bindable configuration of the <see cref="BusinessCalendar"/> (section <see cref="SectionName"/>).
/// </summary>
/// <example>
/// <code>
/// "BusinessCalendar": {
///   "TimeZone": "America/Bogota",
///   "WeeklyHours": {
///     "Monday": [ "08:00-12:00", "13:00-17:00" ],
///     "Saturday": [ "08:00-12:00" ]
///   },
///   "NationalHolidays": true,
///   "ExtraNonWorkingDays": [ "2026-12-24", "2026-12-31" ]
/// }
/// </code>
/// </example>
public sealed class BusinessCalendarOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "BusinessCalendar";

    /// <summary>Default business hours, used for Monday to Friday when <see cref="WeeklyHours"/> is empty.</summary>
    public const string DefaultHours = "08:00-17:00";

    /// <summary>IANA (or Windows) time zone id. Default America/Bogota.</summary>
    public string TimeZone { get; set; } = "America/Bogota";

    /// <summary>
    /// Business hours per day of the week, each range written <c>"HH:mm-HH:mm"</c>. When empty,
    /// Monday to Friday <see cref="DefaultHours"/> applies; when any day is configured the configuration
    /// replaces that default completely (days not listed are non-working days).
    /// </summary>
    /// <remarks>
    /// The default is applied at <see cref="Build"/> time rather than pre-filled here because the
    /// configuration binder appends array elements to pre-filled arrays instead of replacing them.
    /// </remarks>
    public Dictionary<DayOfWeek, string[]> WeeklyHours { get; set; } = [];

    /// <summary>Whether the national holidays of Colombia are non-working days. Default <see langword="true"/>.</summary>
    public bool NationalHolidays { get; set; } = true;

    /// <summary>Additional non-working days of the entity.</summary>
    public List<DateOnly> ExtraNonWorkingDays { get; set; } = [];

    /// <summary>Builds the calendar described by <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">Unknown time zone or invalid business hours.</exception>
    public static BusinessCalendar FromOptions(BusinessCalendarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Build();
    }

    /// <summary>Builds the calendar described by these options.</summary>
    /// <exception cref="ArgumentException">Unknown time zone or invalid business hours.</exception>
    public BusinessCalendar Build()
    {
        var zone = FindZone(TimeZone);
        var weekly = new Dictionary<DayOfWeek, IReadOnlyList<BusinessHours>>();
        if (WeeklyHours is null || WeeklyHours.Count == 0)
        {
            var office = new[] { BusinessHours.Parse(DefaultHours) };
            for (var day = DayOfWeek.Monday; day <= DayOfWeek.Friday; day++)
            {
                weekly[day] = office;
            }
        }
        else
        {
            foreach (var (day, ranges) in WeeklyHours)
            {
                weekly[day] = (ranges ?? []).Select(r => ParseRange(day, r)).ToArray();
            }
        }

        return new BusinessCalendar(zone, weekly, NationalHolidays, ExtraNonWorkingDays ?? []);
    }

    private static BusinessHours ParseRange(DayOfWeek day, string? range)
    {
        try
        {
            return BusinessHours.Parse(range ?? string.Empty);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException(
                $"{SectionName}:{nameof(WeeklyHours)}:{day}: {ex.Message}", nameof(WeeklyHours), ex);
        }
    }

    private static TimeZoneInfo FindZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new ArgumentException(
                $"{SectionName}:{nameof(TimeZone)}: la zona horaria es obligatoria (por ejemplo \"America/Bogota\").",
                nameof(TimeZone));
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException(
                $"{SectionName}:{nameof(TimeZone)}: la zona horaria \"{id}\" no existe en este sistema.",
                nameof(TimeZone), ex);
        }
    }
}
