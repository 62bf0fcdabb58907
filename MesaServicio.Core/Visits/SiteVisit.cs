namespace MesaServicio.Core.Visits;

/// <summary>Where a site visit stands.</summary>
public enum SiteVisitStatus
{
    /// <summary>Planned (possibly rescheduled), not done yet.</summary>
    Planned = 1,

    /// <summary>Done: who went, when it started and ended, the findings.</summary>
    Done = 2,

    /// <summary>Cancelled with a reason.</summary>
    Cancelled = 3,
}

/// <summary>
/// A visit of the desk's staff to a dependencia about a case (procedure activity 4: "si se requiere realiza visita a la
/// dependencia"). Planned, then rescheduled, cancelled or done; changed only through the case (<c>Case.Visits.cs</c>), which
/// records history and tells the requester. Never deleted.
/// </summary>
public sealed class SiteVisit
{
    /// <summary>Longest dependencia name accepted.</summary>
    public const int DependencyMaxLength = 200;

    /// <summary>Longest purpose, preparation, reason or findings accepted.</summary>
    public const int TextMaxLength = 4_000;

    /// <summary>Most people on one visit.</summary>
    public const int MaxStaff = 10;

    private SiteVisit()
    {
        Dependency = "";
        Purpose = "";
    }

    internal SiteVisit(
        Guid caseId, string dependency, DateTimeOffset scheduledAt, IReadOnlyList<Guid> staffIds, string purpose, string? preparation,
        Guid? plannedById, DateTimeOffset plannedAt)
    {
        Id = Guid.CreateVersion7(plannedAt);
        CaseId = caseId;
        Dependency = dependency;
        ScheduledAt = scheduledAt.ToUniversalTime();
        StaffIdList = [.. staffIds];
        Purpose = purpose;
        Preparation = preparation;
        PlannedById = plannedById;
        PlannedAt = plannedAt.ToUniversalTime();
        Status = SiteVisitStatus.Planned;
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    /// <summary>The dependencia visited (by default the requester's).</summary>
    public string Dependency { get; private set; }

    /// <summary>When the visit is planned, UTC (the last date if it was rescheduled).</summary>
    public DateTimeOffset ScheduledAt { get; private set; }

    /// <summary>Who is planned to go (staff people's ids).</summary>
    public IReadOnlyList<Guid> StaffIds => StaffIdList;

    /// <summary>What the visit is for.</summary>
    public string Purpose { get; private set; }

    /// <summary>What the requester should prepare (told to her), when the desk said something.</summary>
    public string? Preparation { get; private set; }

    public Guid? PlannedById { get; private set; }

    public DateTimeOffset PlannedAt { get; private set; }

    public SiteVisitStatus Status { get; private set; }

    /// <summary>How many times the visit was moved.</summary>
    public int RescheduleCount { get; private set; }

    /// <summary>Why it was cancelled.</summary>
    public string? CancelReason { get; private set; }

    /// <summary>Who went (staff people's ids), once done.</summary>
    public IReadOnlyList<Guid> AttendeeIds => AttendeeIdList;

    /// <summary>When the visit began, UTC.</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>When the visit ended, UTC.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Business time between start and end, by the entity's business calendar.</summary>
    public TimeSpan? BusinessTime { get; private set; }

    /// <summary>What was found and done: public, the requester reads it in the conversation.</summary>
    public string? Findings { get; private set; }

    /// <summary>Stored: who is planned to go (a JSON array in SQLite, uuid[] in PostgreSQL).</summary>
    private List<Guid> StaffIdList { get; set; } = [];

    /// <summary>Stored: who went.</summary>
    private List<Guid> AttendeeIdList { get; set; } = [];

    internal void Reschedule(DateTimeOffset at)
    {
        ScheduledAt = at.ToUniversalTime();
        RescheduleCount++;
    }

    internal void Cancel(string reason)
    {
        Status = SiteVisitStatus.Cancelled;
        CancelReason = reason;
    }

    internal void Done(IReadOnlyList<Guid> attendees, DateTimeOffset start, DateTimeOffset end, TimeSpan businessTime, string findings)
    {
        Status = SiteVisitStatus.Done;
        AttendeeIdList = [.. attendees];
        StartedAt = start.ToUniversalTime();
        EndedAt = end.ToUniversalTime();
        BusinessTime = businessTime;
        Findings = findings;
    }
}
