using MesaServicio.Core.Priority;

namespace MesaServicio.Core.Cases;

/// <summary>Something that happened to a case; delivered to listeners after the transaction commits.</summary>
public abstract record CaseEvent(Guid CaseId, string Number, DateTimeOffset At);

public sealed record CaseRegistered(Guid CaseId, string Number, DateTimeOffset At, int CategoryId, CasePriority Priority)
    : CaseEvent(CaseId, Number, At);

public sealed record CaseAssigned(Guid CaseId, string Number, DateTimeOffset At, Guid? PreviousAssigneeId, Guid AssigneeId, int? GroupId)
    : CaseEvent(CaseId, Number, At);

public sealed record CaseEscalated(
    Guid CaseId, string Number, DateTimeOffset At, EscalationKind Kind, Guid? PreviousAssigneeId, Guid AssigneeId, int Level, int CategoryId)
    : CaseEvent(CaseId, Number, At);

public sealed record CaseStatusChanged(Guid CaseId, string Number, DateTimeOffset At, CaseStatus From, CaseStatus To)
    : CaseEvent(CaseId, Number, At);

/// <summary>
/// A message was added to the case's conversation (or an internal note): a comment, or a text the desk wrote for the
/// requester as part of a decision (<see cref="Kind"/>).
/// </summary>
public sealed record CaseMessagePosted(
    Guid CaseId, string Number, DateTimeOffset At, Guid MessageId, Guid? AuthorId, bool FromRequester, bool IsInternal, CaseMessageKind Kind)
    : CaseEvent(CaseId, Number, At);

/// <summary>Routing found no active technician in the case's group: the case waits there, unassigned, for its lead or the coordinator.</summary>
public sealed record CaseLeftUnassigned(Guid CaseId, string Number, DateTimeOffset At, int GroupId)
    : CaseEvent(CaseId, Number, At);

/// <summary>Files were attached to the case (with a message or alone).</summary>
public sealed record CaseFilesAttached(Guid CaseId, string Number, DateTimeOffset At, int Count)
    : CaseEvent(CaseId, Number, At);

/// <summary>
/// The case's board card before and after the commit (<c>null</c>: not on the board), added by the use case that
/// committed the change, after the change's other events (decision 0020). The live feed carries the cards.
/// </summary>
public sealed record CaseProjected(Guid CaseId, string Number, DateTimeOffset At, Board.BoardCard? Before, Board.BoardCard? After)
    : CaseEvent(CaseId, Number, At);
