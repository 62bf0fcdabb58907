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
