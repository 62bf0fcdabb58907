using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace MesaServicio.Core.Reports.Closing;

/// <summary>
/// A <see cref="MonthlyReport"/> as JSON and back (System.Text.Json), for the frozen months. Only the records' own
/// values are written: figures derived from them (percentages, traffic lights, totals of a breakdown) are computed
/// again on reading, by the same code, so a stored report reads exactly as it did. Enumerations are written by name
/// and months as <c>yyyy-MM</c>, so the text stays readable for an auditor and survives renumbering.
/// </summary>
public static class MonthlyReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { WithoutDerivedValues } },
        Converters = { new JsonStringEnumConverter(), new YearMonthConverter() },
        WriteIndented = false,
    };

    public static string Serialize(MonthlyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, Options);
    }

    public static MonthlyReport Deserialize(string json)
    {
        ArgumentException.ThrowIfNullOrEmpty(json);
        return JsonSerializer.Deserialize<MonthlyReport>(json, Options)
            ?? throw new JsonException("A stored month's report is empty.");
    }

    /// <summary>Leaves out what has no setter: values derived from the others (a record's own values are init-only).</summary>
    private static void WithoutDerivedValues(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            if (info.Properties[i].Set is null)
            {
                info.Properties.RemoveAt(i);
            }
        }
    }

    /// <summary><see cref="YearMonth"/> as <c>"2026-11"</c>.</summary>
    private sealed class YearMonthConverter : JsonConverter<YearMonth>
    {
        public override YearMonth Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            YearMonth.TryParse(reader.GetString(), out var month) ? month : throw new JsonException("Not a month (yyyy-MM).");

        public override void Write(Utf8JsonWriter writer, YearMonth value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(value.ToString());
        }
    }
}
