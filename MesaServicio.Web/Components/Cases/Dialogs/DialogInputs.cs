using MesaServicio.Core.Cases;

namespace MesaServicio.Web.Components.Cases.Dialogs;

/// <summary>What the rejection dialog collects.</summary>
public sealed record RejectInput(RejectionReason Reason, string Text, string? DuplicateOfNumber);

/// <summary>What the escalation dialog collects.</summary>
public sealed record EscalateInput(EscalationKind Kind, Guid NewAssigneeId, int? TargetCategoryId, string Reason, string? PublicNote = null);

/// <summary>What the legal term's extension dialog collects: the new last day (its close of business is the new due) and the reason.</summary>
public sealed record ExtendLegalTermInput(DateOnly NewLastDay, string Reason);
