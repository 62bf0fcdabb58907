namespace MesaServicio.Core.Intake;

/// <summary>
/// The intake's fields as the PQRS system names them (the API's form fields, and the keys of
/// <see cref="Common.ValidationFailedException.Errors"/>), with their limits.
/// </summary>
public static class IntakeFields
{
    public const string Radicado = "radicado";
    public const string RequesterName = "nombre";
    public const string RequesterEmail = "correo";
    public const string IdentityDocument = "documento";
    public const string Organisation = "organizacion";
    public const string Subject = "asunto";
    public const string Description = "descripcion";
    public const string CategoryHint = "categoria";
    public const string Kind = "tipo";
    public const string Files = "archivos";

    /// <summary>The petition's modality (Ley 1755 de 2015, art. 14): <c>peticion</c>, <c>documentos</c> or <c>consulta</c>.</summary>
    public const string Modality = "modalidad";

    /// <summary>The radicación instant in the PQRS system, ISO 8601 with its offset.</summary>
    public const string FiledAt = "fechaRadicacion";

    /// <summary>Whether the person authorised the treatment of their personal data in the PQRS system: <c>si</c> or <c>no</c> (Ley 1581 de 2012, art. 9).</summary>
    public const string DataAuthorization = "autorizacionDatos";

    /// <summary>The version of the PQRS system's privacy notice the person was shown.</summary>
    public const string DataAuthorizationVersion = "autorizacionDatosVersion";

    /// <summary>When the PQRS system collected the authorization, ISO 8601 with its offset.</summary>
    public const string DataAuthorizationAt = "autorizacionDatosFecha";

    public const int RadicadoMaxLength = Cases.Case.ExternalReferenceMaxLength;
    public const int RequesterNameMaxLength = 200;

    /// <summary>RFC 5321's limit on an address in a mail transaction.</summary>
    public const int RequesterEmailMaxLength = 254;

    public const int IdentityDocumentMaxLength = 20;
    public const int OrganisationMaxLength = 200;
    public const int SubjectMaxLength = Cases.Case.SubjectMaxLength;
    public const int DescriptionMaxLength = Cases.Case.DescriptionMaxLength;
    public const int CategoryHintMaxLength = 150;

    /// <summary>The modalities' codes as the API takes and returns them.</summary>
    public static string ModalityCode(Sla.PqrsModality modality) => modality switch
    {
        Sla.PqrsModality.Documentos => "documentos",
        Sla.PqrsModality.Consulta => "consulta",
        _ => "peticion",
    };
}
