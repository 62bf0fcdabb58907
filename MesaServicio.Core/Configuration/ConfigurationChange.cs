namespace MesaServicio.Core.Configuration;

/// <summary>
/// One audited change to the desk's configuration (procedure activity 8): who, when, what, and the value before
/// and after (as short JSON documents), with the reason when one is required (e.g. recomputing the ANS of
/// existing cases). Append-only evidence: never modified nor deleted.
/// </summary>
public sealed class ConfigurationChange
{
    private ConfigurationChange()
    {
        Area = "";
        Subject = "";
    }

    public ConfigurationChange(DateTimeOffset at, Guid? actorId, string area, string subject, string? before, string? after, string? reason)
    {
        At = at.ToUniversalTime();
        ActorId = actorId;
        Area = area;
        Subject = subject;
        Before = before;
        After = after;
        Reason = reason;
    }

    public long Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>The coordinator (null for the desk itself, e.g. seeding).</summary>
    public Guid? ActorId { get; private set; }

    /// <summary>What part of the configuration, e.g. <c>Categoria</c>, <c>ANS</c>, <c>ClaveApi</c> (see <see cref="ConfigurationAreas"/>).</summary>
    public string Area { get; private set; }

    /// <summary>Which item, e.g. the category id or the key's name.</summary>
    public string Subject { get; private set; }

    public string? Before { get; private set; }

    public string? After { get; private set; }

    public string? Reason { get; private set; }
}

/// <summary>The areas of the configuration audit (stable identifiers, shown through Spanish labels).</summary>
public static class ConfigurationAreas
{
    public const string Category = "Category";
    public const string Group = "Group";
    public const string Routing = "Routing";
    public const string SlaPolicy = "SlaPolicy";
    public const string BusinessHours = "BusinessHours";
    public const string NonWorkingDay = "NonWorkingDay";
    public const string PriorityMatrix = "PriorityMatrix";
    public const string ApiKey = "ApiKey";
    public const string SlaRecompute = "SlaRecompute";

    /// <summary>A month's results closed again by the coordinator (issue #15).</summary>
    public const string MonthClosure = "MonthClosure";

    /// <summary>Improvement actions (procedure activity 6): created, moved, followed up, reassigned, rescheduled.</summary>
    public const string ImprovementAction = "ImprovementAction";

    /// <summary>Indicator 7's target and the category groups of the specialised level.</summary>
    public const string Indicators = "Indicators";

    /// <summary>The privacy notice (Ley 1581 de 2012): a new version published.</summary>
    public const string PrivacyNotice = "PrivacyNotice";

    /// <summary>A person anonymised by the coordinator (Ley 1581 de 2012), with the reason; the row names the person by id only.</summary>
    public const string PersonalData = "PersonalData";

    /// <summary>A category group's retention (Ley 594 de 2000): years after closing and what the disposition does with personal data.</summary>
    public const string Retention = "Retention";
}
