namespace MesaServicio.Core.Calendar;

/// <summary>
/// The calendar in force for new computations: the coordinator's settings in the database
/// (<see cref="StoredBusinessCalendarProvider"/>), seeded from appsettings on the first start.
/// </summary>
public interface IBusinessCalendarProvider
{
    BusinessCalendar Current { get; }
}

/// <summary>A provider that always returns the same calendar (tools and tests that need no database).</summary>
public sealed class FixedBusinessCalendarProvider(BusinessCalendar calendar) : IBusinessCalendarProvider
{
    public BusinessCalendar Current { get; } = calendar;
}

/// <summary>The calendar appsettings describe (<c>BusinessCalendar</c> section): seeds an empty database, nothing more.</summary>
public sealed record BusinessCalendarSeed(BusinessCalendarOptions Options);
