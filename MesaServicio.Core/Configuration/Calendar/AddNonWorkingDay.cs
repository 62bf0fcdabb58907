using MesaServicio.Core.Calendar;
using MesaServicio.Core.Common;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Configuration.Calendar;

public sealed record AddNonWorkingDayCommand(DateOnly Day, string Description);

/// <summary>
/// Declares an extra non-working day of the entity (coordinator only), audited, and rebuilds the calendar in force:
/// new cases and every computation from now on skip it; existing cases keep their due instants.
/// </summary>
public sealed class AddNonWorkingDay(ConfigurationChangeRunner runner, StoredBusinessCalendarProvider calendars)
{
    public async Task<bool> HandleAsync(AddNonWorkingDayCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var changed = await runner.ExecuteAsync(user, async (db, ct) =>
        {
            var description = ConfigurationText.Name(command.Description, NonWorkingDay.DescriptionMaxLength,
                DomainRules.ConfigCalendarDescriptionRequired, DomainRules.ConfigCalendarDescriptionTooLong);
            if (command.Day < BusinessCalendar.MinSupportedDay || command.Day > BusinessCalendar.MaxSupportedDay)
            {
                throw new DomainException(DomainRules.ConfigCalendarDayOutOfRange,
                    CalendarRules.LongDate(BusinessCalendar.MinSupportedDay), CalendarRules.LongDate(BusinessCalendar.MaxSupportedDay));
            }

            if (await db.NonWorkingDays.AnyAsync(d => d.Day == command.Day, ct).ConfigureAwait(false))
            {
                throw new DomainException(DomainRules.ConfigCalendarDayAlreadyDeclared, CalendarRules.LongDate(command.Day));
            }

            var settings = await CalendarRules.LoadAsync(db, ct).ConfigureAwait(false);
            settings.Touch();
            db.NonWorkingDays.Add(new NonWorkingDay(command.Day, description));
            return new ConfigurationEdit(
                ConfigurationAreas.NonWorkingDay, $"Día no hábil {CalendarRules.LongDate(command.Day)}", null,
                AuditJson.Of(new { day = AuditJson.Day(command.Day), description }));
        }, cancellationToken).ConfigureAwait(false);
        if (changed)
        {
            await calendars.ReloadAsync(cancellationToken).ConfigureAwait(false);
        }

        return changed;
    }
}
