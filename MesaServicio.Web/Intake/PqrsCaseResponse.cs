using System.Text.Json.Serialization;
using MesaServicio.Core.Intake;
using MesaServicio.Core.Sla;

namespace MesaServicio.Web.Intake;

/// <summary>A case as the PQRS system reads it (JSON, Spanish names like the form's).</summary>
public sealed record PqrsCaseResponse(
    [property: JsonPropertyName("numero")] string Number,
    [property: JsonPropertyName("radicado")] string Radicado,
    [property: JsonPropertyName("estado")] PqrsCaseState State,
    [property: JsonPropertyName("recibidoEn")] DateTimeOffset ReceivedAt,
    [property: JsonPropertyName("resueltoEn")] DateTimeOffset? ResolvedAt,
    [property: JsonPropertyName("rechazadoEn")] DateTimeOffset? RejectedAt,
    [property: JsonPropertyName("cerradoEn")] DateTimeOffset? ClosedAt,
    [property: JsonPropertyName("solucion")] string? Solution,
    [property: JsonPropertyName("rechazo")] PqrsRejection? Rejection,
    [property: JsonPropertyName("modalidad")] string? Modality = null,
    [property: JsonPropertyName("fechaRadicacion")] DateTimeOffset? FiledAt = null,
    [property: JsonPropertyName("vencimientoLegal")] DateTimeOffset? LegalDueAt = null,
    [property: JsonPropertyName("estadoTerminoLegal")] string? LegalState = null)
{
    public static PqrsCaseResponse From(IntakeCaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(
            view.Number,
            view.Radicado,
            new PqrsCaseState(view.Status.ToString(), view.StatusName),
            view.ReceivedAt,
            view.ResolvedAt,
            view.RejectedAt,
            view.ClosedAt,
            view.Solution,
            view.RejectionReason is { } reason ? new PqrsRejection(reason.ToString(), Labels.Rejection(reason), view.RejectionText) : null,
            view.Legal.State == LegalTermState.None ? null : IntakeFields.ModalityCode(view.Legal.Modality),
            view.FiledAt,
            view.Legal.State == LegalTermState.None ? null : view.Legal.DueAt,
            LegalStateCode(view.Legal));
    }

    /// <summary>The legal term's state as a stable code; a late answer is told apart from a term still expired.</summary>
    public static string? LegalStateCode(LegalTermReading legal) => legal.State switch
    {
        LegalTermState.OnTrack => "en_termino",
        LegalTermState.AtRisk => "en_riesgo",
        LegalTermState.Breached when legal.AnsweredAt is not null => "respondido_fuera_de_termino",
        LegalTermState.Breached => "vencido",
        LegalTermState.Met => "respondido_a_tiempo",
        LegalTermState.Suspended => "suspendido",
        _ => null,
    };
}

/// <summary>The case's state: a stable code and its Spanish name.</summary>
public sealed record PqrsCaseState(
    [property: JsonPropertyName("codigo")] string Code,
    [property: JsonPropertyName("nombre")] string Name);

/// <summary>Why the case was rejected: the reason's code and name, and the technician's explanation.</summary>
public sealed record PqrsRejection(
    [property: JsonPropertyName("motivo")] string Reason,
    [property: JsonPropertyName("nombreMotivo")] string ReasonName,
    [property: JsonPropertyName("detalle")] string? Detail);
