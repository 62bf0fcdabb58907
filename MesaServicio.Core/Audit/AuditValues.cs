using System.Globalization;
using System.Resources;
using System.Text.Json;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Audit;

/// <summary>The names an audit page refers to by id (people, groups, categories, cases, API keys), looked up once per page.</summary>
public sealed record AuditNames(
    IReadOnlyDictionary<Guid, string> People,
    IReadOnlyDictionary<int, string> Groups,
    IReadOnlyDictionary<int, string> Categories,
    IReadOnlyDictionary<Guid, string> Cases,
    IReadOnlyDictionary<Guid, string> ApiKeys)
{
    /// <summary>No names known (every id reads "(no encontrado)").</summary>
    public static AuditNames Empty { get; } = new(
        new Dictionary<Guid, string>(), new Dictionary<int, string>(), new Dictionary<int, string>(),
        new Dictionary<Guid, string>(), new Dictionary<Guid, string>());
}

/// <summary>
/// The audit's "before → after" in Spanish words (procedure activity 8): a configuration change's stored JSON becomes
/// "campo: antes → después" for each field that changed, a case history line its state and values; enum values go
/// through the domain's Spanish labels, and ids of people, groups, categories, cases and API keys are replaced by their
/// names. What the stored rows hold is never changed: this only reads them.
/// </summary>
public static class AuditValues
{
    private const string Arrow = " → ";
    private const string Separator = "; ";

    private static readonly ResourceManager Texts = new("MesaServicio.Core.Resources.AuditTexts", typeof(AuditValues).Assembly);

    private static readonly TimeZoneInfo Bogota = TimeZoneInfo.FindSystemTimeZoneById("America/Bogota");

    /// <summary>Fields that name what changed rather than a value of it (shown only if they change).</summary>
    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal) { "id", "label" };

    /// <summary>Keys whose number is a category's id, or a group's.</summary>
    private static readonly HashSet<string> CategoryKeys = new(StringComparer.Ordinal) { "categoryId", "parentId" };

    /// <summary>Loads, in one query per table, the names every entry of the page refers to.</summary>
    public static async Task<AuditNames> NamesAsync(MesaDbContext db, IReadOnlyCollection<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entries);
        var guids = new HashSet<Guid>();
        var groups = new HashSet<int>();
        var categories = new HashSet<int>();
        foreach (var entry in entries)
        {
            if (entry.Source == AuditSource.Configuration)
            {
                foreach (var json in new[] { entry.Before, entry.After })
                {
                    if (Parse(json) is { } element)
                    {
                        Collect(element, null, guids, groups, categories);
                    }
                }
            }
            else
            {
                CollectCase(entry, guids, groups, categories);
            }
        }

        if (guids.Count == 0 && groups.Count == 0 && categories.Count == 0)
        {
            return AuditNames.Empty;
        }

        var ids = guids.ToList();
        var groupIds = groups.ToList();
        var categoryIds = categories.ToList();
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken).ConfigureAwait(false);
        var cases = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Number, cancellationToken).ConfigureAwait(false);
        var keys = await db.ApiKeys.AsNoTracking().Where(k => ids.Contains(k.Id))
            .ToDictionaryAsync(k => k.Id, k => k.Name, cancellationToken).ConfigureAwait(false);
        var groupNames = await db.TechnicianGroups.AsNoTracking().Where(g => groupIds.Contains(g.Id))
            .ToDictionaryAsync(g => g.Id, g => g.Name, cancellationToken).ConfigureAwait(false);
        var categoryNames = await db.Categories.AsNoTracking().Where(c => categoryIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken).ConfigureAwait(false);
        return new AuditNames(people, groupNames, categoryNames, cases, keys);
    }

    /// <summary>The entry's before → after in Spanish, e.g. "nombre: Redes → Redes y wifi" or "estado: Asignado → En análisis".</summary>
    public static string Describe(AuditEntry entry, AuditNames names)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(names);
        return entry.Source == AuditSource.Configuration ? DescribeConfiguration(entry, names) : DescribeCase(entry, names);
    }

    private static string DescribeConfiguration(AuditEntry entry, AuditNames names)
    {
        var before = Parse(entry.Before);
        var after = Parse(entry.After);
        if (before is null && after is null)
        {
            // Not JSON (or nothing at all): the stored text as it is.
            return entry.Before is null && entry.After is null ? "" : $"{entry.Before ?? Text("Value.None")}{Arrow}{entry.After ?? Text("Value.None")}";
        }

        if (before is { ValueKind: not JsonValueKind.Object } || after is { ValueKind: not JsonValueKind.Object })
        {
            return $"{Value(null, before, names)}{Arrow}{Value(null, after, names)}";
        }

        var beforeFields = Fields(before);
        var afterFields = Fields(after);
        var keys = afterFields.Keys.Concat(beforeFields.Keys).Distinct(StringComparer.Ordinal).ToList();
        var parts = new List<string>();
        foreach (var key in keys)
        {
            // The routing audit keeps both the id and the name: the name says it.
            if ((key == "groupId" && keys.Contains("group")) || (key == "technicalLeadId" && keys.Contains("technicalLead")))
            {
                continue;
            }

            var fromText = Value(key, beforeFields.TryGetValue(key, out var from) ? from : null, names);
            var toText = Value(key, afterFields.TryGetValue(key, out var to) ? to : null, names);
            if (Hidden.Contains(key) || fromText == toText)
            {
                continue;
            }

            parts.Add($"{FieldLabel(key)}: {fromText}{Arrow}{toText}");
        }

        return parts.Count == 0 ? Text("Value.NoChange") : string.Join(Separator, parts);
    }

    private static string DescribeCase(AuditEntry entry, AuditNames names)
    {
        var parts = new List<string>();
        if (entry.ToStatus is { } to && entry.FromStatus != to)
        {
            parts.Add($"{Text("Case.Status")}: {(entry.FromStatus is { } from ? Status(from) : Text("Value.None"))}{Arrow}{Status(to)}");
        }

        var value = entry.After;
        switch (entry.Action)
        {
            case CaseAction.Registered when Enum.TryParse<CaseChannel>(value, out var channel):
                parts.Add($"{Text("Case.Channel")}: {DomainMessages.Get("Channel." + channel)}");
                break;
            case CaseAction.Assigned:
                parts.Add($"{Text("Case.Assignee")}: {Person(entry.Before, names)}{Arrow}{Person(value, names)}");
                break;
            case CaseAction.LeftUnassigned when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var group):
                parts.Add($"{Text("Case.Group")}: {string.Format(DomainMessages.Culture, Text("Case.Unassigned"), names.Groups.GetValueOrDefault(group) ?? Text("Value.Unknown"))}");
                break;
            case CaseAction.Escalated when value is not null:
                parts.Add($"{Text("Case.Assignee")}: {Person(entry.Before, names)}{Arrow}{Person(value, names)}");
                if (entry.EscalatedToLevel is { } level)
                {
                    parts.Add($"{Text("Case.Level")}: {level.ToString(CultureInfo.InvariantCulture)}");
                }
                else if (entry.EscalatedToCategoryId is { } category)
                {
                    parts.Add($"{Text("Case.Category")}: {Category(category, names)}");
                }

                break;
            case CaseAction.Rejected when value is not null:
                var rejection = value.Split(':', 2);
                parts.Add($"{Text("Case.Reason")}: {Text("Rejection." + rejection[0], rejection[0])}");
                if (rejection.Length > 1 && Guid.TryParse(rejection[1], out var original))
                {
                    parts.Add($"{Text("Case.DuplicateOf")}: {names.Cases.GetValueOrDefault(original) ?? Text("Value.Unknown")}");
                }

                break;
            case CaseAction.Closed when value is not null:
                parts.Add($"{Text("Case.Outcome")}: {Text("Outcome." + value, value)}");
                break;
            case CaseAction.SurveyAnswered when value?.Split(';') is [var satisfied, var rating, var timeliness, var courtesy]:
                parts.Add($"{Text("Case.Satisfied")}: {Text(satisfied == "Satisfied" ? "Value.Yes" : "Value.No")}");
                parts.Add($"{Text("Case.Rating")}: {rating}");
                parts.Add($"{Text("Case.Timeliness")}: {timeliness}");
                parts.Add($"{Text("Case.Courtesy")}: {courtesy}");
                break;
            case CaseAction.SurveyInvited or CaseAction.SurveyReminded when value is not null:
                parts.Add($"{Text("Case.Round")} {value}");
                break;
            case CaseAction.SlaAtRisk or CaseAction.SlaBreached when Enum.TryParse<Sla.SlaTargetKind>(value, out var clock):
                parts.Add($"{Text("Case.Target")} {Notifications.NoticeComposer.TargetName(clock)}");
                break;
            case CaseAction.SlaRecomputed:
                var dues = Dues(entry.Before);
                var now = Dues(value);
                foreach (var (key, label) in new[] { ("atender", "Case.Attend"), ("resolver", "Case.Resolve") })
                {
                    parts.Add($"{Text(label)}: {dues.GetValueOrDefault(key) ?? Text("Value.None")}{Arrow}{now.GetValueOrDefault(key) ?? Text("Value.None")}");
                }

                break;
            case CaseAction.LegalTermSuspended:
                parts.Add($"{Text("Case.LegalDue")}: {string.Format(DomainMessages.Culture, Text("Case.LegalSuspended"), Scalar(value, names))}");
                break;
            case CaseAction.LegalTermRestarted or CaseAction.LegalTermExtended:
                parts.Add($"{Text("Case.LegalDue")}: {Scalar(entry.Before, names)}{Arrow}{Scalar(value, names)}");
                break;
            case CaseAction.LegalTermAtRisk or CaseAction.LegalTermBreached:
                parts.Add($"{Text("Case.LegalDue")}: {Scalar(value, names)}");
                break;
            case CaseAction.Commented or CaseAction.InternalNoteAdded or CaseAction.AttachmentAdded:
                // The value is the message's or the file's id: the detail column says what was written or attached.
                break;
            default:
                if (entry.Before is not null || value is not null)
                {
                    parts.Add($"{Scalar(entry.Before, names)}{Arrow}{Scalar(value, names)}");
                }

                break;
        }

        return string.Join(Separator, parts);
    }

    /// <summary>"atender=2026-03-02T15:00:00Z;resolver=sin ANS" as local times.</summary>
    private static Dictionary<string, string> Dues(string? summary)
    {
        var dues = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in (summary ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Split('=', 2) is [var key, var instant])
            {
                dues[key] = DateTimeOffset.TryParse(instant, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                    ? Local(at)
                    : Text("Value.NoSla");
            }
        }

        return dues;
    }

    private static void CollectCase(AuditEntry entry, HashSet<Guid> guids, HashSet<int> groups, HashSet<int> categories)
    {
        foreach (var piece in new[] { entry.Before, entry.After }.OfType<string>().SelectMany(v => v.Split(';', ':')))
        {
            if (Guid.TryParse(piece, out var id))
            {
                guids.Add(id);
            }
        }

        if (entry.Action == CaseAction.LeftUnassigned && int.TryParse(entry.After, NumberStyles.Integer, CultureInfo.InvariantCulture, out var group))
        {
            groups.Add(group);
        }

        if (entry.Action == CaseAction.Escalated && entry.EscalatedToCategoryId is { } categoryId)
        {
            categories.Add(categoryId);
        }
    }

    private static void Collect(JsonElement element, string? key, HashSet<Guid> guids, HashSet<int> groups, HashSet<int> categories)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, property.Name, guids, groups, categories);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, key, guids, groups, categories);
                }

                break;
            case JsonValueKind.String when Guid.TryParse(element.GetString(), out var id):
                guids.Add(id);
                break;
            case JsonValueKind.Number when element.TryGetInt32(out var number) && key is not null:
                if (key == "groupId")
                {
                    groups.Add(number);
                }
                else if (CategoryKeys.Contains(key))
                {
                    categories.Add(number);
                }

                break;
        }
    }

    /// <summary>One value in words; <paramref name="key"/> says what it is (null for the whole document).</summary>
    private static string Value(string? key, JsonElement? value, AuditNames names)
    {
        if (value is not { } element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return Text("Value.None");
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.True:
                return Text("Value.Yes");
            case JsonValueKind.False:
                return Text("Value.No");
            case JsonValueKind.Number when element.TryGetInt32(out var number):
                return key switch
                {
                    "groupId" => names.Groups.GetValueOrDefault(number) ?? Text("Value.Unknown"),
                    _ when key is not null && CategoryKeys.Contains(key) => names.Categories.GetValueOrDefault(number) ?? Text("Value.Unknown"),
                    _ => number.ToString(DomainMessages.Culture),
                };
            case JsonValueKind.Number:
                return element.GetDecimal().ToString(DomainMessages.Culture);
            case JsonValueKind.Array:
                var items = element.EnumerateArray().Select(i => Value(key, i, names)).ToList();
                return items.Count == 0 ? Text("Value.Empty") : string.Join(", ", items);
            case JsonValueKind.Object:
                return string.Join(Separator, element.EnumerateObject().Select(p =>
                    Enum.TryParse<DayOfWeek>(p.Name, out var day)
                        ? $"{DomainMessages.Culture.DateTimeFormat.GetDayName(day)} {Value(null, p.Value, names)}"
                        : $"{FieldLabel(p.Name)}: {Value(p.Name, p.Value, names)}"));
            default:
                var text = element.GetString() ?? "";
                return key switch
                {
                    "kind" when DomainMessages.Has("Kind." + text) => DomainMessages.Get("Kind." + text),
                    "priority" when DomainMessages.Has("Priority." + text) => DomainMessages.Get("Priority." + text),
                    "impact" => Text("Impact." + text, text),
                    "urgency" => Text("Urgency." + text, text),
                    _ => Scalar(text, names),
                };
        }
    }

    /// <summary>A plain stored value: an id as its name, a day or an instant in Colombian format, anything else as it is.</summary>
    private static string Scalar(string? text, AuditNames names)
    {
        if (text is null)
        {
            return Text("Value.None");
        }

        if (Guid.TryParse(text, out var id))
        {
            return names.People.GetValueOrDefault(id) ?? names.Cases.GetValueOrDefault(id) ?? names.ApiKeys.GetValueOrDefault(id) ?? Text("Value.Unknown");
        }

        if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day.ToString("dd/MM/yyyy", DomainMessages.Culture);
        }

        if (text.Length > 10 && text[10] == 'T'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return Local(instant);
        }

        return text;
    }

    private static string Person(string? id, AuditNames names) =>
        id is null ? Text("Value.None") : Guid.TryParse(id, out var g) ? names.People.GetValueOrDefault(g) ?? Text("Value.Unknown") : id;

    private static string Category(int id, AuditNames names) => names.Categories.GetValueOrDefault(id) ?? Text("Value.Unknown");

    private static string Status(CaseStatus status) => DomainMessages.Get("Status." + status);

    private static string Local(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Bogota).ToString("dd/MM/yyyy h:mm tt", DomainMessages.Culture);

    private static string FieldLabel(string key) => Text("Field." + key, key);

    private static Dictionary<string, JsonElement> Fields(JsonElement? document) =>
        document is { ValueKind: JsonValueKind.Object } o
            ? o.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal)
            : new Dictionary<string, JsonElement>(StringComparer.Ordinal);

    private static JsonElement? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Text(string key, string? fallback = null) =>
        Texts.GetString(key, DomainMessages.Culture) ?? fallback ?? key;
}
