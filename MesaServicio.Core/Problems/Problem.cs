using System.Globalization;
using MesaServicio.Core.Common;
using MesaServicio.Core.Priority;

namespace MesaServicio.Core.Problems;

/// <summary>Where a problem stands (ITIL problem management; the procedure's "problemas").</summary>
public enum ProblemStatus
{
    /// <summary>Registrado: recorded, nobody analysing it yet.</summary>
    Registered = 1,

    /// <summary>En análisis: the responsible looks for the root cause.</summary>
    InAnalysis = 2,

    /// <summary>Error conocido: root cause and a workaround recorded; the permanent solution is pending.</summary>
    KnownError = 3,

    /// <summary>Resuelto: the permanent solution is recorded.</summary>
    Resolved = 4,

    /// <summary>Cerrado: confirmed; the problem is evidence from then on.</summary>
    Closed = 5,
}

/// <summary>What may be done to a problem; <see cref="ProblemLifecycle"/> says in which states.</summary>
public enum ProblemOperation
{
    /// <summary>Start the analysis (registrado → en análisis).</summary>
    Analyse = 1,

    /// <summary>Record or correct the root cause.</summary>
    RecordRootCause = 2,

    /// <summary>Record or correct the workaround (→ error conocido).</summary>
    RecordWorkaround = 3,

    /// <summary>Record the permanent solution (→ resuelto).</summary>
    Resolve = 4,

    /// <summary>Close a resolved problem.</summary>
    Close = 5,

    /// <summary>The solution did not hold: back to analysis, with the reason.</summary>
    Reopen = 6,

    /// <summary>Link incidents to it.</summary>
    LinkIncident = 7,

    /// <summary>Take an incident off it, with the reason.</summary>
    UnlinkIncident = 8,

    /// <summary>Write a comment.</summary>
    Comment = 9,

    /// <summary>Change its title, description, category, impact and urgency.</summary>
    Edit = 11,

    /// <summary>Give it to another lead.</summary>
    ChangeResponsible = 12,
}

/// <summary>What a line of a problem's history records.</summary>
public enum ProblemHistoryKind
{
    Created = 1,
    StatusChanged = 2,
    RootCauseRecorded = 3,
    WorkaroundRecorded = 4,
    SolutionRecorded = 5,
    IncidentLinked = 6,
    IncidentUnlinked = 7,
    Commented = 8,
    Edited = 9,
    ResponsibleChanged = 10,
    FixApplied = 11,
}

/// <summary>A new problem's facts, already resolved to ids.</summary>
public sealed record ProblemDraft(string? Title, string? Description, int? CategoryId, Impact? Impact, Urgency? Urgency, Guid? ResponsibleId);

/// <summary>
/// A problem (ITIL): the unknown cause of one or more incidents, analysed by a responsible lead until its root cause, a
/// workaround (error conocido) and a permanent solution are recorded. Its state changes are methods that consult
/// <see cref="ProblemLifecycle"/>, refuse an illegal one with a <see cref="DomainException"/> and write a history line;
/// its incidents are linked and unlinked with history (a link is never deleted: it is ended). Never deleted.
/// </summary>
public sealed class Problem
{
    public const int TitleMaxLength = 200;
    public const int TextMaxLength = 10_000;
    public const string NumberPrefix = "PR";

    private readonly List<ProblemIncident> _incidents = [];
    private readonly List<ProblemComment> _comments = [];
    private readonly List<ProblemHistoryEntry> _history = [];

    private Problem()
    {
        Number = "";
        Title = "";
    }

    public Guid Id { get; private set; }

    /// <summary>Readable number, e.g. <c>PR-2026-000012</c> (local year of registration, sequence within it).</summary>
    public string Number { get; private set; }

    public int Year { get; private set; }

    public int Sequence { get; private set; }

    public string Title { get; private set; }

    public string? Description { get; private set; }

    public int CategoryId { get; private set; }

    public Impact Impact { get; private set; }

    public Urgency Urgency { get; private set; }

    public CasePriority Priority { get; private set; }

    /// <summary>The technical lead (or coordinator) who answers for it.</summary>
    public Guid ResponsibleId { get; private set; }

    public ProblemStatus Status { get; private set; }

    public string? RootCause { get; private set; }

    public string? Workaround { get; private set; }

    public DateTimeOffset? WorkaroundAt { get; private set; }

    public string? Solution { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public Guid? CreatedById { get; private set; }

    /// <summary>When it first became an error conocido.</summary>
    public DateTimeOffset? KnownErrorAt { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Optimistic concurrency: two people acting on the same version, one wins.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<ProblemIncident> Incidents => _incidents;

    public IReadOnlyList<ProblemComment> Comments => _comments;

    public IReadOnlyList<ProblemHistoryEntry> History => _history;

    public bool IsOpen => Status is not (ProblemStatus.Resolved or ProblemStatus.Closed);

    /// <summary>The incidents linked now.</summary>
    public IEnumerable<ProblemIncident> LinkedIncidents => _incidents.Where(i => i.UnlinkedAt is null);

    public static string FormatNumber(int year, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{NumberPrefix}-{year:D4}-{sequence:D6}");

    /// <summary>Registers a problem, with the incidents it comes from (maybe none).</summary>
    public static Problem Create(ProblemDraft draft, CasePriority priority, int year, int sequence, IReadOnlyCollection<Guid> incidentIds, Guid? actorId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(incidentIds);
        var at = now.ToUniversalTime();
        var problem = new Problem
        {
            Id = Guid.CreateVersion7(at),
            Year = year,
            Sequence = sequence,
            Number = FormatNumber(year, sequence),
            Status = ProblemStatus.Registered,
            CreatedAt = at,
            CreatedById = actorId,
            Version = 1,
        };
        problem.SetFacts(draft, priority);
        problem.ResponsibleId = draft.ResponsibleId is { } r && r != Guid.Empty ? r : throw new DomainException(ProblemRules.ResponsibleRequired);
        problem.Record(ProblemHistoryKind.Created, actorId, at, null, problem.Number, problem.Title);
        foreach (var caseId in incidentIds.Distinct())
        {
            problem._incidents.Add(new ProblemIncident(problem.Id, caseId, actorId, at));
            problem.Record(ProblemHistoryKind.IncidentLinked, actorId, at, null, caseId.ToString(), null);
        }

        return problem;
    }

    /// <summary>Changes title, description, category, impact and urgency (priority from the matrix). False when nothing changes.</summary>
    public bool Edit(ProblemDraft draft, CasePriority priority, Guid? actorId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        Require(ProblemOperation.Edit);
        var before = (Title, Description, CategoryId, Impact, Urgency);
        SetFacts(draft, priority);
        if (before == (Title, Description, CategoryId, Impact, Urgency))
        {
            return false;
        }

        Version++;
        Record(ProblemHistoryKind.Edited, actorId, now.ToUniversalTime(), null, null, null);
        return true;
    }

    /// <summary>Starts the analysis.</summary>
    public void Analyse(Guid? actorId, DateTimeOffset now)
    {
        Require(ProblemOperation.Analyse);
        MoveTo(ProblemStatus.InAnalysis, null, actorId, now.ToUniversalTime());
    }

    /// <summary>Records (or corrects) the root cause. False when it is the same.</summary>
    public bool RecordRootCause(string? text, Guid? actorId, DateTimeOffset now)
    {
        Require(ProblemOperation.RecordRootCause);
        var value = Required(text, ProblemRules.RootCauseRequired);
        if (value == RootCause)
        {
            return false;
        }

        RootCause = value;
        Version++;
        Record(ProblemHistoryKind.RootCauseRecorded, actorId, now.ToUniversalTime(), null, null, value);
        return true;
    }

    /// <summary>Records (or corrects) the workaround: the problem becomes an error conocido. False when it is the same.</summary>
    public bool RecordWorkaround(string? text, Guid? actorId, DateTimeOffset now)
    {
        Require(ProblemOperation.RecordWorkaround);
        var value = Required(text, ProblemRules.WorkaroundRequired);
        if (value == Workaround)
        {
            return false;
        }

        var at = now.ToUniversalTime();
        Workaround = value;
        WorkaroundAt = at;
        Version++;
        Record(ProblemHistoryKind.WorkaroundRecorded, actorId, at, null, null, value);
        if (Status != ProblemStatus.KnownError)
        {
            KnownErrorAt ??= at;
            MoveTo(ProblemStatus.KnownError, null, actorId, at);
        }

        return true;
    }

    /// <summary>Records the permanent solution: resuelto.</summary>
    public void Resolve(string? solution, Guid? actorId, DateTimeOffset now)
    {
        Require(ProblemOperation.Resolve);
        var value = Required(solution, ProblemRules.SolutionRequired);
        var at = now.ToUniversalTime();
        Solution = value;
        ResolvedAt = at;
        Record(ProblemHistoryKind.SolutionRecorded, actorId, at, null, null, value);
        MoveTo(ProblemStatus.Resolved, null, actorId, at);
    }

    /// <summary>Closes a resolved problem, with an optional note.</summary>
    public void Close(string? note, Guid? actorId, DateTimeOffset now)
    {
        Require(ProblemOperation.Close);
        var at = now.ToUniversalTime();
        ClosedAt = at;
        MoveTo(ProblemStatus.Closed, Optional(note), actorId, at);
    }

    /// <summary>The solution did not hold: back to analysis with the reason (the solution recorded stays in the history).</summary>
    public void Reopen(string? reason, Guid? actorId, DateTimeOffset now)
    {
        Require(ProblemOperation.Reopen);
        var detail = Required(reason, ProblemRules.ReopenReasonRequired);
        Solution = null;
        ResolvedAt = null;
        MoveTo(ProblemStatus.InAnalysis, detail, actorId, now.ToUniversalTime());
    }

    /// <summary>Links incidents (already checked to be incidents within reach); those linked already are left as they are. Returns the ones linked.</summary>
    public IReadOnlyList<Guid> Link(IEnumerable<Guid> caseIds, Guid? actorId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(caseIds);
        Require(ProblemOperation.LinkIncident);
        var at = now.ToUniversalTime();
        var linked = new List<Guid>();
        foreach (var caseId in caseIds.Distinct())
        {
            if (LinkedIncidents.Any(i => i.CaseId == caseId))
            {
                continue;
            }

            _incidents.Add(new ProblemIncident(Id, caseId, actorId, at));
            Record(ProblemHistoryKind.IncidentLinked, actorId, at, null, caseId.ToString(), null);
            linked.Add(caseId);
        }

        if (linked.Count > 0)
        {
            Version++;
        }

        return linked;
    }

    /// <summary>Ends an incident's link, with the reason.</summary>
    public void Unlink(Guid caseId, string? reason, Guid? actorId, DateTimeOffset now)
    {
        Require(ProblemOperation.UnlinkIncident);
        var detail = Required(reason, ProblemRules.UnlinkReasonRequired);
        var link = LinkedIncidents.SingleOrDefault(i => i.CaseId == caseId) ?? throw new DomainException(ProblemRules.IncidentNotLinked, Number);
        var at = now.ToUniversalTime();
        link.End(actorId, at);
        Version++;
        Record(ProblemHistoryKind.IncidentUnlinked, actorId, at, caseId.ToString(), null, detail);
    }

    /// <summary>A comment, with the number of files that come with it (a comment of files alone may have no text).</summary>
    public ProblemComment AddComment(string? text, Guid authorId, DateTimeOffset now, int files = 0)
    {
        Require(ProblemOperation.Comment);
        var body = files > 0 ? Optional(text) ?? "" : Required(text, ProblemRules.CommentRequired);
        var at = now.ToUniversalTime();
        var comment = new ProblemComment(Id, authorId, at, body);
        _comments.Add(comment);
        Version++;
        Record(ProblemHistoryKind.Commented, authorId, at, null, null, files > 0 ? files.ToString(CultureInfo.InvariantCulture) : null);
        return comment;
    }

    /// <summary>Gives the problem to another lead. False when it is the same person.</summary>
    public bool ChangeResponsible(Guid responsibleId, Guid? actorId, DateTimeOffset now)
    {
        Require(ProblemOperation.ChangeResponsible);
        if (responsibleId == Guid.Empty)
        {
            throw new DomainException(ProblemRules.ResponsibleRequired);
        }

        if (responsibleId == ResponsibleId)
        {
            return false;
        }

        var from = ResponsibleId;
        ResponsibleId = responsibleId;
        Version++;
        Record(ProblemHistoryKind.ResponsibleChanged, actorId, now.ToUniversalTime(), from.ToString(), responsibleId.ToString(), null);
        return true;
    }

    /// <summary>The workaround or the solution was applied to a linked incident (the incident records its own solution).</summary>
    public void RecordFixApplied(Guid caseId, string caseNumber, bool permanent, Guid? actorId, DateTimeOffset now) =>
        Record(ProblemHistoryKind.FixApplied, actorId, now.ToUniversalTime(), permanent ? "solucion" : "temporal", caseNumber, caseId.ToString());

    /// <summary>The Spanish name of a state.</summary>
    public static string Label(ProblemStatus status) => DomainMessages.Get("Problem.Status." + status);

    private void SetFacts(ProblemDraft draft, CasePriority priority)
    {
        var title = Required(draft.Title, ProblemRules.TitleRequired);
        if (title.Length > TitleMaxLength)
        {
            throw new DomainException(ProblemRules.TitleTooLong, TitleMaxLength);
        }

        Title = title;
        Description = Optional(draft.Description);
        CategoryId = draft.CategoryId ?? throw new DomainException(ProblemRules.CategoryRequired);
        Impact = draft.Impact is { } impact && Enum.IsDefined(impact) ? impact : throw new DomainException(ProblemRules.ImpactRequired);
        Urgency = draft.Urgency is { } urgency && Enum.IsDefined(urgency) ? urgency : throw new DomainException(ProblemRules.UrgencyRequired);
        Priority = priority;
    }

    private void MoveTo(ProblemStatus target, string? detail, Guid? actorId, DateTimeOffset at)
    {
        var from = Status;
        Status = target;
        Version++;
        Record(ProblemHistoryKind.StatusChanged, actorId, at, from.ToString(), target.ToString(), detail);
    }

    private void Require(ProblemOperation operation) => RequireIn(operation, Status, Number);

    /// <summary>Refuses an operation the lifecycle does not allow in <paramref name="status"/>.</summary>
    internal static void RequireIn(ProblemOperation operation, ProblemStatus status, string number)
    {
        if (!ProblemLifecycle.Allows(operation, status))
        {
            throw new DomainException(ProblemRules.OperationNotAllowed, DomainMessages.Get("Problem.Operation." + operation), number, Label(status));
        }
    }

    private void Record(ProblemHistoryKind kind, Guid? actorId, DateTimeOffset at, string? from, string? to, string? detail) =>
        _history.Add(new ProblemHistoryEntry(Id, at, actorId, kind, from, to, detail));

    private static string Required(string? text, string rule) => Optional(text) ?? throw new DomainException(rule);

    private static string? Optional(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var value = text.Trim();
        if (value.Length > TextMaxLength)
        {
            throw new DomainException(DomainRules.TextTooLong, TextMaxLength);
        }

        return value;
    }
}

/// <summary>An incident linked to a problem; ended (not deleted) when taken off it.</summary>
public sealed class ProblemIncident
{
    private ProblemIncident()
    {
    }

    internal ProblemIncident(Guid problemId, Guid caseId, Guid? linkedById, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        ProblemId = problemId;
        CaseId = caseId;
        LinkedById = linkedById;
        LinkedAt = at;
    }

    public Guid Id { get; private set; }

    public Guid ProblemId { get; private set; }

    public Guid CaseId { get; private set; }

    public Guid? LinkedById { get; private set; }

    public DateTimeOffset LinkedAt { get; private set; }

    public Guid? UnlinkedById { get; private set; }

    public DateTimeOffset? UnlinkedAt { get; private set; }

    internal void End(Guid? actorId, DateTimeOffset at)
    {
        UnlinkedById = actorId;
        UnlinkedAt = at;
    }
}

/// <summary>A comment on a problem: who, when, what. Never edited.</summary>
public sealed class ProblemComment
{
    private ProblemComment()
    {
        Text = "";
    }

    internal ProblemComment(Guid problemId, Guid authorId, DateTimeOffset at, string text)
    {
        Id = Guid.CreateVersion7(at);
        ProblemId = problemId;
        AuthorId = authorId;
        At = at;
        Text = text;
    }

    public Guid Id { get; private set; }

    public Guid ProblemId { get; private set; }

    public Guid AuthorId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Text { get; private set; }
}

/// <summary>A line of a problem's history. Append-only.</summary>
public sealed class ProblemHistoryEntry
{
    private ProblemHistoryEntry()
    {
    }

    internal ProblemHistoryEntry(Guid problemId, DateTimeOffset at, Guid? actorId, ProblemHistoryKind kind, string? fromValue, string? toValue, string? detail)
    {
        ProblemId = problemId;
        At = at;
        ActorId = actorId;
        Kind = kind;
        FromValue = fromValue;
        ToValue = toValue;
        Detail = detail;
    }

    public long Id { get; private set; }

    public Guid ProblemId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public Guid? ActorId { get; private set; }

    public ProblemHistoryKind Kind { get; private set; }

    public string? FromValue { get; private set; }

    public string? ToValue { get; private set; }

    public string? Detail { get; private set; }
}
