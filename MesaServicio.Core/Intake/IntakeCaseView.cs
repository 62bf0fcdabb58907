using MesaServicio.Core.Cases;
using MesaServicio.Core.Sla;

namespace MesaServicio.Core.Intake;

/// <summary>
/// What the PQRS system may know of a case it sent: its number and state, the dates in Bogotá time, the
/// solution once resolved and the reason once rejected, and the PQRS's legal term (modality, radicación, due instant
/// and state; <see cref="LegalTermReading.NotApplicable"/> for a case registered before legal terms). Nothing about who
/// works it, nor internal notes.
/// </summary>
public sealed record IntakeCaseView(
    string Number,
    string Radicado,
    CaseStatus Status,
    string StatusName,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? RejectedAt,
    DateTimeOffset? ClosedAt,
    string? Solution,
    RejectionReason? RejectionReason,
    string? RejectionText,
    LegalTermReading Legal = default,
    DateTimeOffset? FiledAt = null);

/// <summary>The intake's answer: the case, and whether this submission made it (or the radicado had already).</summary>
public sealed record IntakeResult(IntakeCaseView Case, bool Created);
