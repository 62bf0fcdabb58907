using MesaServicio.Core.Calendar;
using MesaServicio.Core.Common;
using MesaServicio.Core.Security;

namespace MesaServicio.Core.Configuration.Calendar;

/// <summary>
/// The week's business hours, one text per day as a person writes them: ranges <c>HH:mm-HH:mm</c> separated by
/// commas (<c>"08:00-12:00, 13:00-17:00"</c>); empty or absent = a non-working day.
/// </summary>
public sealed record SetBusinessHoursCommand(IReadOnlyDictionary<DayOfWeek, string?> Week);

/// <summary>
/// Replaces the business hours (coordinator only), audited, and rebuilds the calendar in force: new cases and every
/// computation from now on use it; existing cases keep their due instants.
/// </summary>
public sealed class SetBusinessHours(ConfigurationChangeRunner runner, StoredBusinessCalendarProvider calendars)
{
    public async Task<bool> HandleAsync(SetBusinessHoursCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var changed = await runner.ExecuteAsync(user, async (db, ct) =>
        {
            var week = Parse(command.Week);
            var settings = await CalendarRules.LoadAsync(db, ct).ConfigureAwait(false);
            var before = AuditJson.Week(settings.Hours());
            var after = AuditJson.Week(week);
            if (before.Count == after.Count && before.All(d => after.TryGetValue(d.Key, out var v) && v == d.Value))
            {
                return null;
            }

            try
            {
                settings.SetHours(week);
            }
            catch (ArgumentException ex)
            {
                throw new DomainException(DomainRules.ConfigCalendarInvalid, CalendarRules.MessageOf(ex));
            }

            return new ConfigurationEdit(ConfigurationAreas.BusinessHours, "Horario hábil de la semana", AuditJson.Of(before), AuditJson.Of(after));
        }, cancellationToken).ConfigureAwait(false);
        if (changed)
        {
            await calendars.ReloadAsync(cancellationToken).ConfigureAwait(false);
        }

        return changed;
    }

    /// <summary>The texts as ranges per day; a day whose text is not a list of valid ranges is refused, in Spanish.</summary>
    public static IReadOnlyDictionary<DayOfWeek, IReadOnlyList<BusinessHours>> Parse(IReadOnlyDictionary<DayOfWeek, string?> week)
    {
        ArgumentNullException.ThrowIfNull(week);
        var result = new Dictionary<DayOfWeek, IReadOnlyList<BusinessHours>>();
        foreach (var (day, text) in week)
        {
            if (!Enum.IsDefined(day) || string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            try
            {
                result[day] = text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(BusinessHours.Parse).OrderBy(r => r.Start).ToList();
            }
            catch (ArgumentException)
            {
                throw new DomainException(DomainRules.ConfigCalendarHoursInvalid, CalendarRules.DayName(day));
            }
        }

        return result;
    }
}
