namespace MesaServicio.Core.Calendar;

/// <summary>The calendar in force for new computations (configuration today; the coordinator's settings later).</summary>
public interface IBusinessCalendarProvider
{
    BusinessCalendar Current { get; }
}

/// <summary>A provider that always returns the same calendar.</summary>
public sealed class FixedBusinessCalendarProvider(BusinessCalendar calendar) : IBusinessCalendarProvider
{
    public BusinessCalendar Current { get; } = calendar;
}
