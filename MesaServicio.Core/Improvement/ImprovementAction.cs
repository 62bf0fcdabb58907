using System.Globalization;
using MesaServicio.Core.Common;

namespace MesaServicio.Core.Improvement;

/// <summary>Where an improvement action stands (abierta, en curso, cumplida, descartada).</summary>
public enum ImprovementActionStatus
{
    /// <summary>Abierta: recorded, not yet begun.</summary>
    Open = 1,

    /// <summary>En curso: the responsible person is working on it.</summary>
    InProgress = 2,

    /// <summary>Cumplida: done, with its outcome.</summary>
    Done = 3,

    /// <summary>Descartada: dropped, with the reason.</summary>
    Discarded = 4,
}

/// <summary>What gave rise to an improvement action (procedure activity 6).</summary>
public enum ImprovementOrigin
{
    /// <summary>A novedad reported by a requester after the solution.</summary>
    Novedad = 1,

    /// <summary>A low survey score.</summary>
    LowScore = 2,

    /// <summary>The month's review of the results.</summary>
    MonthReview = 3,
}

/// <summary>What may be done to an improvement action; <see cref="ImprovementLifecycle"/> says in which states.</summary>
public enum ImprovementOperation
{
    /// <summary>Begin the work (abierta → en curso).</summary>
    Start = 1,

    /// <summary>Record it done, with its outcome.</summary>
    Complete = 2,

    /// <summary>Drop it, with the reason.</summary>
    Discard = 3,

    /// <summary>Write a follow-up note.</summary>
    FollowUp = 4,

    /// <summary>Give it to another responsible person.</summary>
    Reassign = 5,

    /// <summary>Move its due date.</summary>
    ChangeDueDate = 6,
}

/// <summary>What a line of an action's history records.</summary>
public enum ImprovementHistoryKind
{
    Created = 1,
    StatusChanged = 2,
    FollowUpAdded = 3,
    Reassigned = 4,
    DueDateChanged = 5,
}

/// <summary>
/// An improvement action (procedure activity 6, "generar acciones de mejora"): what is to be done, where it came from
/// (a novedad, a low survey score, the month's review) and the cases behind it, who answers for it and by when, and how
/// it was followed to its end. Its state changes are methods that consult <see cref="ImprovementLifecycle"/>, refuse an
/// illegal one with a <see cref="DomainException"/>, and write a history line. Never deleted.
/// </summary>
public sealed class ImprovementAction
{
    public const int TitleMaxLength = 200;
    public const int TextMaxLength = 4000;
    public const string NumberPrefix = "AM";

    private readonly List<ImprovementActionCase> _cases = [];
    private readonly List<ImprovementFollowUp> _followUps = [];
    private readonly List<ImprovementHistoryEntry> _history = [];

    private ImprovementAction()
    {
        Number = "";
        Title = "";
    }

    public Guid Id { get; private set; }

    /// <summary>Readable number, e.g. <c>AM-2026-0001</c> (local year of creation, sequence within it).</summary>
    public string Number { get; private set; }

    public int Year { get; private set; }

    public int Sequence { get; private set; }

    /// <summary>What is to be done, in a line.</summary>
    public string Title { get; private set; }

    /// <summary>The detail: why and how.</summary>
    public string? Description { get; private set; }

    public ImprovementOrigin Origin { get; private set; }

    /// <summary>The month the origin belongs to, <c>yyyy-MM</c> (required for the month's review).</summary>
    public string? OriginMonth { get; private set; }

    public Guid ResponsibleId { get; private set; }

    /// <summary>The local (Bogotá) day by which it is due.</summary>
    public DateOnly DueOn { get; private set; }

    public ImprovementActionStatus Status { get; private set; }

    /// <summary>What was achieved (cumplida) or why it was dropped (descartada).</summary>
    public string? Outcome { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public Guid? CreatedById { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>When the responsible was told the due date is near (once per due date).</summary>
    public DateTimeOffset? DueSoonNoticeAt { get; private set; }

    /// <summary>When the responsible was told the action is overdue (once per due date).</summary>
    public DateTimeOffset? OverdueNoticeAt { get; private set; }

    /// <summary>Optimistic concurrency: two people acting on the same version, one wins.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<ImprovementActionCase> Cases => _cases;

    public IReadOnlyList<ImprovementFollowUp> FollowUps => _followUps;

    public IReadOnlyList<ImprovementHistoryEntry> History => _history;

    public bool IsOpen => Status is ImprovementActionStatus.Open or ImprovementActionStatus.InProgress;

    /// <summary>Open past its due date (the due day itself is still on time).</summary>
    public bool IsOverdueOn(DateOnly today) => IsOpen && DueOn < today;

    public static string FormatNumber(int year, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{NumberPrefix}-{year:D4}-{sequence:D4}");

    /// <summary>Records a new action (abierta). <paramref name="today"/> is the local day: the due date may not be before it.</summary>
    public static ImprovementAction Create(ImprovementActionDraft draft, int year, int sequence, DateOnly today, Guid? actorId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var title = Required(draft.Title, ImprovementRules.TitleRequired);
        if (title.Length > TitleMaxLength)
        {
            throw new DomainException(ImprovementRules.TitleTooLong, TitleMaxLength);
        }

        var description = Optional(draft.Description);
        if (!Enum.IsDefined(draft.Origin))
        {
            throw new DomainException(ImprovementRules.OriginRequired);
        }

        var cases = draft.CaseIds.Distinct().ToList();
        if (draft.Origin is ImprovementOrigin.Novedad or ImprovementOrigin.LowScore && cases.Count == 0)
        {
            throw new DomainException(ImprovementRules.CasesRequired);
        }

        if (draft.Origin == ImprovementOrigin.MonthReview && draft.OriginMonth is null)
        {
            throw new DomainException(ImprovementRules.MonthRequired);
        }

        if (draft.ResponsibleId == Guid.Empty)
        {
            throw new DomainException(ImprovementRules.ResponsibleRequired);
        }

        RequireDueDate(draft.DueOn, today);
        var at = now.ToUniversalTime();
        var action = new ImprovementAction
        {
            Id = Guid.CreateVersion7(at),
            Year = year,
            Sequence = sequence,
            Number = FormatNumber(year, sequence),
            Title = title,
            Description = description,
            Origin = draft.Origin,
            OriginMonth = draft.OriginMonth?.ToString(),
            ResponsibleId = draft.ResponsibleId,
            DueOn = draft.DueOn!.Value,
            Status = ImprovementActionStatus.Open,
            CreatedAt = at,
            CreatedById = actorId,
            Version = 1,
        };
        action._cases.AddRange(cases.Select(c => new ImprovementActionCase(action.Id, c)));
        action.Record(ImprovementHistoryKind.Created, actorId, at, null, action.Number, title);
        return action;
    }

    /// <summary>Moves to en curso, cumplida or descartada; closing needs its outcome (what was achieved, or why it was dropped).</summary>
    public void ChangeStatus(ImprovementActionStatus target, string? note, Guid? actorId, DateTimeOffset now)
    {
        var operation = target switch
        {
            ImprovementActionStatus.InProgress => ImprovementOperation.Start,
            ImprovementActionStatus.Done => ImprovementOperation.Complete,
            ImprovementActionStatus.Discarded => ImprovementOperation.Discard,
            _ => throw new DomainException(ImprovementRules.TransitionNotAllowed, Label(Status), Label(target)),
        };
        if (!ImprovementLifecycle.Allows(operation, Status))
        {
            throw new DomainException(ImprovementRules.TransitionNotAllowed, Label(Status), Label(target));
        }

        var at = now.ToUniversalTime();
        string? detail;
        if (target is ImprovementActionStatus.Done or ImprovementActionStatus.Discarded)
        {
            detail = Required(note, target == ImprovementActionStatus.Done ? ImprovementRules.OutcomeRequired : ImprovementRules.DiscardReasonRequired);
            Outcome = detail;
            ClosedAt = at;
        }
        else
        {
            detail = Optional(note);
        }

        var from = Status;
        Status = target;
        Version++;
        Record(ImprovementHistoryKind.StatusChanged, actorId, at, from.ToString(), target.ToString(), detail);
    }

    /// <summary>A follow-up note (what was done, what is pending).</summary>
    public ImprovementFollowUp AddFollowUp(string? text, Guid actorId, DateTimeOffset now)
    {
        Require(ImprovementOperation.FollowUp);
        var body = Required(text, ImprovementRules.FollowUpRequired);
        var at = now.ToUniversalTime();
        var note = new ImprovementFollowUp(Id, actorId, at, body);
        _followUps.Add(note);
        Version++;
        Record(ImprovementHistoryKind.FollowUpAdded, actorId, at, null, null, null);
        return note;
    }

    /// <summary>Gives the action to another person, with the reason. Returns false when nothing changes.</summary>
    public bool Reassign(Guid responsibleId, string? reason, Guid? actorId, DateTimeOffset now)
    {
        Require(ImprovementOperation.Reassign);
        if (responsibleId == Guid.Empty)
        {
            throw new DomainException(ImprovementRules.ResponsibleRequired);
        }

        if (responsibleId == ResponsibleId)
        {
            return false;
        }

        var detail = Required(reason, ImprovementRules.ChangeReasonRequired);
        var from = ResponsibleId;
        ResponsibleId = responsibleId;

        // The new responsible hears of the due date afresh.
        DueSoonNoticeAt = null;
        OverdueNoticeAt = null;
        Version++;
        Record(ImprovementHistoryKind.Reassigned, actorId, now.ToUniversalTime(), from.ToString(), responsibleId.ToString(), detail);
        return true;
    }

    /// <summary>Moves the due date (not before today), with the reason. Returns false when nothing changes.</summary>
    public bool ChangeDueDate(DateOnly? dueOn, string? reason, DateOnly today, Guid? actorId, DateTimeOffset now)
    {
        Require(ImprovementOperation.ChangeDueDate);
        RequireDueDate(dueOn, today);
        if (dueOn == DueOn)
        {
            return false;
        }

        var detail = Required(reason, ImprovementRules.ChangeReasonRequired);
        var from = DueOn;
        DueOn = dueOn!.Value;
        DueSoonNoticeAt = null;
        OverdueNoticeAt = null;
        Version++;
        Record(ImprovementHistoryKind.DueDateChanged, actorId, now.ToUniversalTime(), Day(from), Day(DueOn), detail);
        return true;
    }

    /// <summary>The responsible was told the due date is near.</summary>
    public void MarkDueSoonNoticed(DateTimeOffset now) => DueSoonNoticeAt ??= now.ToUniversalTime();

    /// <summary>The responsible was told the action is overdue.</summary>
    public void MarkOverdueNoticed(DateTimeOffset now) => OverdueNoticeAt ??= now.ToUniversalTime();

    /// <summary>The Spanish name of a state.</summary>
    public static string Label(ImprovementActionStatus status) => DomainMessages.Get("Improvement.Status." + status);

    private void Require(ImprovementOperation operation)
    {
        if (!ImprovementLifecycle.Allows(operation, Status))
        {
            throw new DomainException(ImprovementRules.OperationNotAllowed, Number, Label(Status));
        }
    }

    private static void RequireDueDate(DateOnly? dueOn, DateOnly today)
    {
        if (dueOn is not { } due)
        {
            throw new DomainException(ImprovementRules.DueDateRequired);
        }

        if (due < today)
        {
            throw new DomainException(ImprovementRules.DueDateInPast, Day(today));
        }
    }

    private void Record(ImprovementHistoryKind kind, Guid? actorId, DateTimeOffset at, string? from, string? to, string? detail) =>
        _history.Add(new ImprovementHistoryEntry(Id, at, actorId, kind, from, to, detail));

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Required(string? text, string rule)
    {
        var value = Optional(text) ?? throw new DomainException(rule);
        return value;
    }

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

/// <summary>What a new action is made of (already resolved to ids: cases, responsible).</summary>
public sealed record ImprovementActionDraft(
    string? Title,
    string? Description,
    ImprovementOrigin Origin,
    Reports.YearMonth? OriginMonth,
    IReadOnlyList<Guid> CaseIds,
    Guid ResponsibleId,
    DateOnly? DueOn);

/// <summary>A case an action came from.</summary>
public sealed class ImprovementActionCase
{
    internal ImprovementActionCase(Guid actionId, Guid caseId)
    {
        ActionId = actionId;
        CaseId = caseId;
    }

    public Guid ActionId { get; private set; }

    public Guid CaseId { get; private set; }
}

/// <summary>A follow-up note on an action: who, when, what.</summary>
public sealed class ImprovementFollowUp
{
    private ImprovementFollowUp()
    {
        Text = "";
    }

    internal ImprovementFollowUp(Guid actionId, Guid authorId, DateTimeOffset at, string text)
    {
        Id = Guid.CreateVersion7(at);
        ActionId = actionId;
        AuthorId = authorId;
        At = at;
        Text = text;
    }

    public Guid Id { get; private set; }

    public Guid ActionId { get; private set; }

    public Guid AuthorId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Text { get; private set; }
}

/// <summary>One line of an action's append-only history (who, when, what, from → to, why).</summary>
public sealed class ImprovementHistoryEntry
{
    private ImprovementHistoryEntry()
    {
    }

    internal ImprovementHistoryEntry(Guid actionId, DateTimeOffset at, Guid? actorId, ImprovementHistoryKind kind, string? from, string? to, string? detail)
    {
        ActionId = actionId;
        At = at;
        ActorId = actorId;
        Kind = kind;
        FromValue = from;
        ToValue = to;
        Detail = detail;
    }

    public long Id { get; private set; }

    public Guid ActionId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public Guid? ActorId { get; private set; }

    public ImprovementHistoryKind Kind { get; private set; }

    public string? FromValue { get; private set; }

    public string? ToValue { get; private set; }

    public string? Detail { get; private set; }
}
