using System.Globalization;

namespace MesaServicio.Web.Components.Cases.Dialogs;

/// <summary>The visit dialogs' date ("2026-03-20", from a native date input) and time ("16:00") fields, read as Bogotá time.</summary>
internal static class VisitFields
{
    public static string Day(DateTime local) => local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Time(DateTime local) => local.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The local instant, or null with the field's Spanish error set.</summary>
    public static DateTime? Read(string? day, string? time, string what, out string? dayError, out string? timeError)
    {
        dayError = null;
        timeError = null;
        DateOnly d = default;
        TimeOnly t = default;
        if (string.IsNullOrWhiteSpace(day) || !DateOnly.TryParseExact(day.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out d))
        {
            dayError = $"Elija la fecha {what}.";
        }

        if (string.IsNullOrWhiteSpace(time)
            || !TimeOnly.TryParseExact(time.Trim(), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out t))
        {
            timeError = $"Escriba la hora {what} (por ejemplo, 9:30 a. m.).";
        }

        return dayError is null && timeError is null ? d.ToDateTime(t) : null;
    }
}
