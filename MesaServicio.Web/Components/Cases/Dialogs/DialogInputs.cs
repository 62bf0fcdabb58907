using MesaServicio.Core.Cases;

namespace MesaServicio.Web.Components.Cases.Dialogs;

/// <summary>What the rejection dialog collects.</summary>
public sealed record RejectInput(RejectionReason Reason, string Text, string? DuplicateOfNumber);

/// <summary>What the escalation dialog collects.</summary>
public sealed record EscalateInput(EscalationKind Kind, Guid NewAssigneeId, int? TargetCategoryId, string Reason, string? PublicNote = null);

/// <summary>What the legal term's extension dialog collects: the new last day (its close of business is the new due) and the reason.</summary>
public sealed record ExtendLegalTermInput(DateOnly NewLastDay, string Reason);

/// <summary>What the visit-planning dialog collects (<c>LocalStart</c> in Bogotá time).</summary>
public sealed record PlanVisitInput(string Dependency, DateTime LocalStart, IReadOnlyList<Guid> StaffIds, string Purpose, string? Preparation);

/// <summary>What the rescheduling dialog collects (<c>LocalStart</c> in Bogotá time).</summary>
public sealed record RescheduleVisitInput(DateTime LocalStart, string Reason);

/// <summary>What the "visita realizada" dialog collects (start and end in Bogotá time).</summary>
public sealed record RecordVisitDoneInput(IReadOnlyList<Guid> AttendeeIds, DateTime LocalStart, DateTime LocalEnd, string Findings);
