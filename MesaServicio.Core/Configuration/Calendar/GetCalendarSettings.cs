using MesaServicio.Core.Calendar;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Configuration.Calendar;

/// <summary>An extra non-working day of the entity.</summary>
public sealed record NonWorkingDayView(DateOnly Day, string Description);

/// <summary>The calendar as the coordinator edits it: hours per day as text (<c>"08:00-12:00, 13:00-17:00"</c>), the extra days.</summary>
public sealed record CalendarSettingsView(
    string TimeZone, bool NationalHolidays, IReadOnlyDictionary<DayOfWeek, string> Hours, IReadOnlyList<NonWorkingDayView> NonWorkingDays);

/// <summary>Reads the stored calendar settings for the configuration page (coordinator only).</summary>
public sealed class GetCalendarSettings(IDbContextFactory<MesaDbContext> contextFactory, ConfigurationChangeRunner runner)
{
    public async Task<CalendarSettingsView> HandleAsync(CurrentUser user, CancellationToken cancellationToken)
    {
        runner.DemandCoordinator(user);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var settings = await db.CalendarSettings.AsNoTracking().Include(s => s.WeeklyHours)
            .SingleAsync(s => s.Id == CalendarSettings.SingletonId, cancellationToken).ConfigureAwait(false);
        var days = await db.NonWorkingDays.AsNoTracking().OrderBy(d => d.Day).Select(d => new NonWorkingDayView(d.Day, d.Description))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var hours = settings.Hours().ToDictionary(d => d.Key, d => string.Join(", ", d.Value.Select(r => r.ToString())));
        return new CalendarSettingsView(settings.TimeZone, settings.NationalHolidays, hours, days);
    }
}
