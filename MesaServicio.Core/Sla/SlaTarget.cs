using MesaServicio.Core.Calendar;

namespace MesaServicio.Core.Sla;

/// <summary>How an ANS target is counted.</summary>
public enum SlaUnit
{
    /// <summary>Hours of business time.</summary>
    BusinessHours = 1,

    /// <summary>Until the close of business of the n-th business day after the day of reception.</summary>
    BusinessDays = 2,
}

/// <summary>One ANS target (to attend, or to resolve): an amount in business hours or business days.</summary>
public sealed record SlaTarget(int Amount, SlaUnit Unit)
{
    /// <summary>The instant the target falls due for something received at <paramref name="start"/>.</summary>
    public DateTimeOffset DueFrom(DateTimeOffset start, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return Unit switch
        {
            SlaUnit.BusinessHours => calendar.AddBusinessTime(start, TimeSpan.FromHours(Amount)),
            SlaUnit.BusinessDays => calendar.EndOfNthBusinessDayAfter(start, Amount),
            _ => throw new InvalidOperationException($"Unknown SLA unit {Unit}."),
        };
    }

    public static SlaTarget Hours(int amount) => new(amount, SlaUnit.BusinessHours);

    public static SlaTarget Days(int amount) => new(amount, SlaUnit.BusinessDays);
}
