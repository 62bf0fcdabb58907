using MesaServicio.Core.Calendar;
using MesaServicio.Core.Common;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Configuration.Calendar;

public sealed record RemoveNonWorkingDayCommand(DateOnly Day);

/// <summary>
/// Withdraws an extra non-working day (coordinator only), audited with what it was, and rebuilds the calendar in
/// force. The day becomes a business day again for new computations.
/// </summary>
public sealed class RemoveNonWorkingDay(ConfigurationChangeRunner runner, StoredBusinessCalendarProvider calendars)
{
    public async Task<bool> HandleAsync(RemoveNonWorkingDayCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var changed = await runner.ExecuteAsync(user, async (db, ct) =>
        {
            var day = await db.NonWorkingDays.SingleOrDefaultAsync(d => d.Day == command.Day, ct).ConfigureAwait(false)
                ?? throw new DomainException(DomainRules.ConfigCalendarDayNotDeclared, CalendarRules.LongDate(command.Day));
            var settings = await CalendarRules.LoadAsync(db, ct).ConfigureAwait(false);
            settings.Touch();
            db.NonWorkingDays.Remove(day);
            return new ConfigurationEdit(
                ConfigurationAreas.NonWorkingDay, $"Día no hábil {CalendarRules.LongDate(command.Day)}",
                AuditJson.Of(new { day = AuditJson.Day(day.Day), description = day.Description }), null);
        }, cancellationToken).ConfigureAwait(false);
        if (changed)
        {
            await calendars.ReloadAsync(cancellationToken).ConfigureAwait(false);
        }

        return changed;
    }
}
