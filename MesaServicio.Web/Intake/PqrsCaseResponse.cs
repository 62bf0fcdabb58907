using System.Text.Json.Serialization;
using MesaServicio.Core.Intake;

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
    [property: JsonPropertyName("rechazo")] PqrsRejection? Rejection)
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
            view.RejectionReason is { } reason ? new PqrsRejection(reason.ToString(), Labels.Rejection(reason), view.RejectionText) : null);
    }
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
