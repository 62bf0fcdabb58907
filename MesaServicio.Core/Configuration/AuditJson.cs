using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using MesaServicio.Core.Calendar;

namespace MesaServicio.Core.Configuration;

/// <summary>The compact JSON of the configuration audit's "before" and "after" (accents kept readable).</summary>
public static class AuditJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = false,
    };

    /// <summary>The value as compact JSON; null stays null (nothing before a creation, nothing after a removal).</summary>
    public static string? Of(object? value) => value is null ? null : JsonSerializer.Serialize(value, Options);

    /// <summary>A week of business hours as <c>{"Monday":"08:00-12:00, 13:00-17:00", …}</c> (days without hours omitted).</summary>
    public static IReadOnlyDictionary<string, string> Week(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<BusinessHours>> week)
    {
        ArgumentNullException.ThrowIfNull(week);
        return week.Where(d => d.Value.Count > 0).OrderBy(d => ((int)d.Key + 6) % 7)
            .ToDictionary(d => d.Key.ToString(), d => string.Join(", ", d.Value.Select(r => r.ToString())));
    }

    /// <summary>A day as <c>yyyy-MM-dd</c>.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
