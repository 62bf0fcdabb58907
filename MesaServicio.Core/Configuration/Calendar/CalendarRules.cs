using MesaServicio.Core.Calendar;
using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Configuration.Calendar;

/// <summary>Shared by the calendar use cases.</summary>
internal static class CalendarRules
{
    /// <summary>The settings row (seeded at start-up, so always there once the database is initialised).</summary>
    public static async Task<CalendarSettings> LoadAsync(MesaDbContext db, CancellationToken cancellationToken) =>
        await db.CalendarSettings.Include(s => s.WeeklyHours).SingleAsync(s => s.Id == CalendarSettings.SingletonId, cancellationToken)
            .ConfigureAwait(false);

    /// <summary>"lunes".</summary>
    public static string DayName(DayOfWeek day) => DomainMessages.Culture.DateTimeFormat.GetDayName(day);

    /// <summary>"jueves 24 de diciembre de 2026".</summary>
    public static string LongDate(DateOnly day) => day.ToString("dddd d 'de' MMMM 'de' yyyy", DomainMessages.Culture);

    /// <summary>An <see cref="ArgumentException"/>'s Spanish message without the parameter name .NET appends.</summary>
    public static string MessageOf(ArgumentException exception) =>
        exception.ParamName is { } name ? exception.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : exception.Message;
}
