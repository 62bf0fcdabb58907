namespace MesaServicio.Core.Cases;

/// <summary>
/// One line of a case's append-only history (procedure activity 8): who, when (UTC), what, from → to.
/// Entries are never changed or deleted; the persistence layer refuses to.
/// </summary>
public sealed class CaseHistoryEntry
{
    private CaseHistoryEntry()
    {
    }

    internal CaseHistoryEntry(
        Guid caseId, DateTimeOffset at, Guid? actorId, CaseAction action, CaseStatus? fromStatus, CaseStatus? toStatus,
        string? fromValue, string? toValue, string? detail, int? escalatedToLevel = null, int? escalatedToCategoryId = null)
    {
        CaseId = caseId;
        At = at.ToUniversalTime();
        ActorId = actorId;
        Action = action;
        FromStatus = fromStatus;
        ToStatus = toStatus;
        FromValue = fromValue;
        ToValue = toValue;
        Detail = detail;
        EscalatedToLevel = escalatedToLevel;
        EscalatedToCategoryId = escalatedToCategoryId;
    }

    public long Id { get; private set; }

    public Guid CaseId { get; private set; }

    /// <summary>When, in UTC.</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>The person who acted; null for the desk itself.</summary>
    public Guid? ActorId { get; private set; }

    public CaseAction Action { get; private set; }

    public CaseStatus? FromStatus { get; private set; }

    public CaseStatus? ToStatus { get; private set; }

    /// <summary>The value before (e.g. the previous assignee's id), when the action changes one.</summary>
    public string? FromValue { get; private set; }

    /// <summary>The value after (e.g. the new assignee's id).</summary>
    public string? ToValue { get; private set; }

    /// <summary>The text the actor wrote (reason, solution, note), when the action asks for one.</summary>
    public string? Detail { get; private set; }

    /// <summary>For an escalation to the next level, the level reached (2 or 3); otherwise null.</summary>
    public int? EscalatedToLevel { get; private set; }

    /// <summary>For an escalation to another category's technical lead, that category; otherwise null.</summary>
    public int? EscalatedToCategoryId { get; private set; }
}
