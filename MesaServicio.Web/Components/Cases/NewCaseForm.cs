using System.ComponentModel.DataAnnotations;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Sla;

namespace MesaServicio.Web.Components.Cases;

/// <summary>What the requester types in the new-case form, with Spanish validation messages.</summary>
public sealed class NewCaseForm
{
    public CaseKind Kind { get; set; } = CaseKind.Incident;

    [Range(1, int.MaxValue, ErrorMessage = "Seleccione la categoría del caso.")]
    public int CategoryId { get; set; }

    [Required(ErrorMessage = "Escriba el asunto del caso.")]
    [StringLength(Case.SubjectMaxLength, ErrorMessage = "El asunto admite como máximo {1} caracteres.")]
    public string Subject { get; set; } = "";

    [Required(ErrorMessage = "Describa la incidencia o petición.")]
    [StringLength(Case.DescriptionMaxLength, ErrorMessage = "La descripción admite como máximo {1} caracteres.")]
    public string Description { get; set; } = "";

    public Impact Impact { get; set; } = Impact.Low;

    public Urgency Urgency { get; set; } = Urgency.Medium;

    /// <summary>For an agent filing on someone's behalf: a call or the desk (Agente), or a PQRS presented in person (PQRS).</summary>
    public CaseChannel OnBehalfChannel { get; set; } = CaseChannel.Agent;

    /// <summary>The modality of a PQRS presented in person, which sets its legal term (Ley 1755 de 2015, art. 14).</summary>
    public PqrsModality Modality { get; set; } = PqrsModality.Peticion;
}
