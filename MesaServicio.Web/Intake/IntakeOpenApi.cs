using System.Globalization;
using MesaServicio.Core.ApiKeys;
using MesaServicio.Core.Intake;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace MesaServicio.Web.Intake;

/// <summary>
/// The intake's OpenAPI document: its title and purpose in Spanish, the two security schemes (an app-only
/// Entra ID token, or an API key in <c>X-Api-Key</c>), either of which every operation accepts, and the
/// multipart form of the submission (read by hand, so the generator cannot infer it).
/// </summary>
internal sealed class IntakeOpenApi : IOpenApiDocumentTransformer, IOpenApiSchemaTransformer
{
    public const string EntraScheme = "EntraId";
    public const string ApiKeyScheme = "ApiKey";

    /// <summary>Spanish descriptions of the answers (the generator writes the English reason phrases).</summary>
    private static readonly Dictionary<string, string> Responses = new(StringComparer.Ordinal)
    {
        ["200"] = "El caso (para un radicado ya recibido: el caso que ese radicado creó, sin cambios).",
        ["201"] = "Caso creado; Location indica dónde consultarlo.",
        ["400"] = "Datos no válidos: «errors» trae los mensajes de cada campo.",
        ["401"] = "Sin credenciales, o credenciales no válidas, revocadas o vencidas.",
        ["403"] = "Credenciales válidas sin el rol Mesa.Integracion, o de un usuario (delegadas).",
        ["404"] = "Ningún caso tiene ese radicado.",
        ["413"] = "La solicitud supera el tamaño permitido.",
        ["415"] = "El cuerpo no es multipart/form-data.",
        ["422"] = "El caso no se pudo registrar (por ejemplo, el solicitante está inactivo en la mesa).",
        ["429"] = "Se superó el límite de solicitudes por minuto de este cliente; Retry-After indica cuándo reintentar.",
    };

    /// <summary>Spanish descriptions of the answer's fields (the generator would take the code's English comments).</summary>
    private static readonly Dictionary<Type, (string Type, Dictionary<string, string> Properties)> Schemas = new()
    {
        [typeof(PqrsCaseResponse)] = ("Un caso registrado por la integración PQRS.", new(StringComparer.Ordinal)
        {
            ["numero"] = "Número del caso en la mesa de servicio (MS-aaaa-nnnnnn).",
            ["radicado"] = "Radicado del sistema PQRS, en mayúsculas.",
            ["estado"] = "Estado actual del caso.",
            ["recibidoEn"] = "Cuándo se recibió (hora de Bogotá).",
            ["resueltoEn"] = "Cuándo se registró la solución, si el caso está resuelto.",
            ["rechazadoEn"] = "Cuándo se rechazó, si fue rechazado.",
            ["cerradoEn"] = "Cuándo se cerró definitivamente.",
            ["solucion"] = "La solución registrada; solo cuando el caso fue resuelto.",
            ["rechazo"] = "Motivo del rechazo; solo cuando el caso fue rechazado.",
            ["modalidad"] = "Modalidad de la petición (Ley 1755 de 2015, art. 14): peticion, documentos o consulta. Nulo en un caso sin término legal.",
            ["fechaRadicacion"] = "Radicación en el sistema PQRS (hora de Bogotá): desde el día hábil siguiente corre el término legal.",
            ["vencimientoLegal"] = "Vencimiento del término legal (hora de Bogotá): cierre de la jornada del último día hábil del término, según el calendario de la entidad; incluye la prórroga si la hubo y se recalcula si el término se reinicia (art. 17).",
            ["estadoTerminoLegal"] = "Estado del término legal: en_termino, en_riesgo (75 % o más del término usado), vencido, suspendido (se pidió completar la petición, art. 17), respondido_a_tiempo o respondido_fuera_de_termino.",
        }),
        [typeof(PqrsCaseState)] = ("Estado del caso.", new(StringComparer.Ordinal)
        {
            ["codigo"] = "Código estable del estado: New, Assigned, InAnalysis, InProgress, WaitingOnRequester, Escalated, Resolved, Rejected, NovedadReported, Closed.",
            ["nombre"] = "Nombre del estado en español.",
        }),
        [typeof(PqrsRejection)] = ("Por qué se rechazó el caso.", new(StringComparer.Ordinal)
        {
            ["motivo"] = "Código del motivo: InsufficientInformation, OutOfScope, Duplicate.",
            ["nombreMotivo"] = "Nombre del motivo en español.",
            ["detalle"] = "Explicación del técnico.",
        }),
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info = new OpenApiInfo
        {
            Title = "Mesa de Servicio — API de integración PQRS",
            Version = IntakeEndpoints.DocumentName,
            Description = "Registro de casos de soporte técnico recibidos por el sistema PQRS de la entidad y consulta de su estado. "
                + "Los errores son problem details (RFC 7807) en español; cada cliente tiene un límite de solicitudes por minuto (429 con Retry-After).",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[EntraScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "Token de aplicación (flujo client credentials) de Microsoft Entra ID emitido para esta aplicación, con el rol de aplicación Mesa.Integracion. Los tokens de usuario (delegados) se rechazan.",
        };
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeySecrets.HeaderName,
            Description = "Clave de API (mesa_{prefijo}_{secreto}) emitida por la coordinación en /configuracion/claves-api, para sistemas PQRS sin Entra ID.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(EntraScheme, document)] = [] });
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] });

        var operations = (document.Paths ?? []).Values.SelectMany(path => path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>());
        foreach (var response in operations.SelectMany(operation => operation.Responses ?? []))
        {
            if (response.Value is OpenApiResponse answer && Responses.TryGetValue(response.Key, out var description))
            {
                answer.Description = description;
            }
        }

        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        if (Schemas.TryGetValue(context.JsonTypeInfo.Type, out var spanish))
        {
            schema.Description = spanish.Type;
            foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                if (property is OpenApiSchema inline && spanish.Properties.TryGetValue(name, out var description))
                {
                    inline.Description = description;
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The submission's multipart form: its fields, their limits, and the files.</summary>
    public static Task DescribeSubmissionAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var limits = context.ApplicationServices.GetRequiredService<IntakeCase>().Limits;
        var intakeOptions = context.ApplicationServices.GetRequiredService<IOptions<IntakeOptions>>().Value;
        var defaultCategory = intakeOptions.DefaultCategory;
        var required = new HashSet<string>(StringComparer.Ordinal)
        {
            IntakeFields.Radicado, IntakeFields.RequesterName, IntakeFields.RequesterEmail, IntakeFields.Subject, IntakeFields.Description,
        };
        if (intakeOptions.RequireDataAuthorization)
        {
            required.Add(IntakeFields.DataAuthorization);
        }

        static OpenApiSchema Text(int maxLength, string description) =>
            new() { Type = JsonSchemaType.String, MaxLength = maxLength, Description = description };
        var form = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = required,
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                [IntakeFields.Radicado] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    MaxLength = IntakeFields.RadicadoMaxLength,
                    Pattern = "^[A-Za-z0-9][A-Za-z0-9/-]*$",
                    Description = "Radicado del sistema PQRS: identifica el caso (el mismo radicado otra vez devuelve el mismo caso). Letras, dígitos, «-» y «/».",
                },
                [IntakeFields.RequesterName] = Text(IntakeFields.RequesterNameMaxLength, "Nombre de quien solicita."),
                [IntakeFields.RequesterEmail] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Format = "email",
                    MaxLength = IntakeFields.RequesterEmailMaxLength,
                    Description = "Correo de quien solicita: recibe la encuesta de satisfacción cuando el caso se resuelve.",
                },
                [IntakeFields.IdentityDocument] = Text(IntakeFields.IdentityDocumentMaxLength,
                    "Documento de identidad (opcional). Se valida y no se guarda: la mesa no lo necesita (minimización de datos, Ley 1581 de 2012)."),
                [IntakeFields.Organisation] = Text(IntakeFields.OrganisationMaxLength, "Organización o dependencia de quien solicita (opcional)."),
                [IntakeFields.Subject] = Text(IntakeFields.SubjectMaxLength, "Asunto."),
                [IntakeFields.Description] = Text(IntakeFields.DescriptionMaxLength, "Descripción."),
                [IntakeFields.CategoryHint] = Text(IntakeFields.CategoryHintMaxLength,
                    $"Categoría sugerida (opcional), sin importar tildes ni mayúsculas; si no corresponde a una categoría activa, el caso va a «{defaultCategory}»."),
                [IntakeFields.Kind] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = ["incidencia", "peticion"],
                    Description = "Tipo de caso (opcional, por defecto «incidencia»).",
                },
                [IntakeFields.Modality] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = ["peticion", "documentos", "consulta"],
                    Description = "Modalidad de la petición (opcional, por defecto «peticion»), que fija el término legal (Ley 1755 de 2015, art. 14): "
                        + "«peticion» 15 días hábiles, «documentos» (documentos o información) 10, «consulta» 30.",
                },
                [IntakeFields.FiledAt] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Format = "date-time",
                    Description = "Fecha y hora de radicación en el sistema PQRS (opcional), ISO 8601 con zona horaria, por ejemplo 2026-04-06T09:30:00-05:00; "
                        + "no puede ser futura. Si falta, cuenta desde que la mesa recibe el caso. El término vence al cierre de la jornada del último día hábil, contado desde el día hábil siguiente.",
                },
                [IntakeFields.DataAuthorization] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = ["si", "no"],
                    Description = "Si quien presenta la PQRS autorizó en el sistema PQRS el tratamiento de sus datos personales (Ley 1581 de 2012, art. 9). "
                        + (intakeOptions.RequireDataAuthorization
                            ? "Obligatorio: esta entidad no recibe PQRS sin autorización («no» o sin el campo se rechaza)."
                            : "Opcional en esta entidad; si se envía «si», también van la versión del aviso y la fecha."),
                },
                [IntakeFields.DataAuthorizationVersion] = Text(Core.Privacy.DataAuthorization.NoticeVersionMaxLength,
                    "Versión del aviso de privacidad que el sistema PQRS mostró; obligatoria con «autorizacionDatos=si»."),
                [IntakeFields.DataAuthorizationAt] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Format = "date-time",
                    Description = "Cuándo se dio la autorización, ISO 8601 con zona horaria; obligatoria con «autorizacionDatos=si», no puede ser futura.",
                },
                [IntakeFields.Files] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    MaxItems = limits.MaxFilesPerMessage,
                    Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                    Description = string.Format(CultureInfo.GetCultureInfo("es-CO"),
                        "Adjuntos (opcional): hasta {0} archivos de máximo {1} cada uno, de tipo {2}. El contenido debe corresponder a la extensión.",
                        limits.MaxFilesPerMessage, limits.MaxFileSizeText, string.Join(", ", limits.Extensions)),
                },
            },
        };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                ["multipart/form-data"] = new() { Schema = form },
            },
        };
        return Task.CompletedTask;
    }
}
