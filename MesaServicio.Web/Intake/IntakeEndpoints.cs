using System.Globalization;
using MesaServicio.Core.Attachments;
using MesaServicio.Core.Common;
using MesaServicio.Core.Intake;
using MesaServicio.Web.Auth;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace MesaServicio.Web.Intake;

/// <summary>
/// The PQRS intake API (<c>/api/v1/pqrs/casos</c>): for the integration principal only (an API key or an
/// app-only Entra token, never the portal's session), rate limited per client, answering problem details in
/// Spanish. The submission is a multipart form read section by section: files stream into Core's checks and
/// are never buffered whole; Core decides everything else.
/// </summary>
public static class IntakeEndpoints
{
    public const string BasePath = "/api/v1/pqrs/casos";

    /// <summary>The OpenAPI document (and API group) of the intake.</summary>
    public const string DocumentName = "v1";

    /// <summary>Longest text field accepted (a description is at most 10,000 characters, up to 4 bytes each).</summary>
    private const int MaxFieldBytes = 64 * 1024;

    /// <summary>Most text fields read from one form (the intake has eleven).</summary>
    private const int MaxFields = 30;

    /// <summary>Where a radicado's case is read: <c>/api/v1/pqrs/casos/{radicado}</c> (a <c>/</c> in it travels as <c>%2F</c>).</summary>
    public static string CasePath(string radicado) => $"{BasePath}/{Uri.EscapeDataString(radicado)}";

    public static IEndpointRouteBuilder MapIntakeApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup(BasePath)
            .WithGroupName(DocumentName)
            .WithTags("Casos PQRS")
            .RequireAuthorization(Policies.Integration)
            .AddEndpointFilter<IntakeRateLimitFilter>()
            .WithMetadata(new IntakeApiMarker())
            .DisableAntiforgery();

        api.MapPost("", SubmitAsync)
            .WithName("RegistrarCasoPqrs")
            .WithSummary("Registra un caso de soporte técnico recibido por el sistema PQRS")
            .WithDescription("Formulario multipart/form-data. La modalidad (Ley 1755 de 2015, art. 14) y la fecha de radicación fijan el término legal para responder. El mismo radicado otra vez devuelve el caso ya creado (200) sin cambiarlo, ni su término legal; la primera vez responde 201 con Location.")
            .Produces<PqrsCaseResponse>(StatusCodes.Status201Created)
            .Produces<PqrsCaseResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .AddOpenApiOperationTransformer(IntakeOpenApi.DescribeSubmissionAsync);

        api.MapGet("{**radicado}", ReadAsync)
            .WithName("ConsultarCasoPqrs")
            .WithSummary("Consulta el estado de un caso por su radicado")
            .WithDescription("Estado, fechas (hora de Bogotá), el término legal de la PQRS (modalidad, radicación, vencimiento y su estado), la solución cuando el caso fue resuelto y el motivo cuando fue rechazado. Un radicado con «/» se envía como %2F o tal cual.")
            .Produces<PqrsCaseResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return endpoints;
    }

    private static async Task<IResult> ReadAsync(string radicado, HttpContext context, GetIntakeCase cases, CancellationToken cancellationToken)
    {
        var text = Uri.UnescapeDataString(radicado);
        try
        {
            var view = await cases.HandleAsync(text, MesaClaims.ToCurrentUser(context.User), cancellationToken);
            context.Response.Headers.CacheControl = "no-store";
            return Results.Ok(PqrsCaseResponse.From(view));
        }
        catch (DomainException refused)
        {
            return Refusal(refused);
        }
    }

    private static async Task<IResult> SubmitAsync(
        HttpContext context, IntakeCase intake, IOptions<FormOptions> formOptions, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var limits = intake.Limits;
        var bodyLimit = (limits.MaxFilesPerMessage * (limits.MaxFileBytes + StreamedMultipart.PerFileOverhead)) + (MaxFields * MaxFieldBytes);
        var started = StreamedMultipart.TryStart(context, formOptions.Value, bodyLimit, limits.MaxFileBytes, out var reader);
        if (started != StreamedMultipart.Failure.None)
        {
            return ApiProblems.BodyFailure(started, TooLargeDetail(limits));
        }

        var user = MesaClaims.ToCurrentUser(context.User);
        try
        {
            await using var files = intake.StartFiles(user);
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            var fieldCount = 0;
            while (await reader!.NextAsync(cancellationToken) is { } section)
            {
                if (section.IsFile)
                {
                    var body = section.Body;
                    await IntakeCase.AddFileAsync(files, new IncomingFile(section.FileName, section.ContentType, null, _ => body), cancellationToken);
                    continue;
                }

                var value = await StreamedMultipart.ReadFieldAsync(section, MaxFieldBytes, cancellationToken);
                if (value is null || ++fieldCount > MaxFields)
                {
                    return ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "Solicitud demasiado grande",
                        "Un campo del formulario es demasiado largo, o el formulario trae demasiados campos.");
                }

                fields[section.Name] = value;
            }

            var command = new IntakeCaseCommand(
                Field(fields, IntakeFields.Radicado), Field(fields, IntakeFields.RequesterName), Field(fields, IntakeFields.RequesterEmail),
                Field(fields, IntakeFields.Subject), Field(fields, IntakeFields.Description), Field(fields, IntakeFields.IdentityDocument),
                Field(fields, IntakeFields.Organisation), Field(fields, IntakeFields.CategoryHint), Field(fields, IntakeFields.Kind),
                Field(fields, IntakeFields.Modality), Field(fields, IntakeFields.FiledAt), Field(fields, IntakeFields.DataAuthorization),
                Field(fields, IntakeFields.DataAuthorizationVersion), Field(fields, IntakeFields.DataAuthorizationAt));
            var result = await intake.HandleAsync(command, files, user, cancellationToken);
            var answer = PqrsCaseResponse.From(result.Case);
            return result.Created
                ? Results.Created(CasePath(result.Case.Radicado), answer)
                : Results.Ok(answer);
        }
        catch (DomainException refused)
        {
            return Refusal(refused);
        }
        catch (MultipartBodyException broken)
        {
            MultipartLog.BodyRefused(loggers.CreateLogger(typeof(IntakeEndpoints)), context.Request.Path, broken.Failure.ToString(), broken.InnerException?.Message ?? "-");
            return ApiProblems.BodyFailure(broken.Failure, TooLargeDetail(limits));
        }
    }

    private static string? Field(Dictionary<string, string> fields, string name) => fields.GetValueOrDefault(name);

    private static IResult Refusal(DomainException refused) =>
        ApiProblems.Refusal(refused, StatusCodes.Status422UnprocessableEntity, "No se pudo registrar el caso");

    private static string TooLargeDetail(AttachmentLimits limits) => string.Format(
        CultureInfo.GetCultureInfo("es-CO"), "La solicitud supera lo que se puede enviar: hasta {0} archivos de máximo {1} cada uno.",
        limits.MaxFilesPerMessage, limits.MaxFileSizeText);
}

/// <summary>Marks the intake API's endpoints: their 401, 403 and 404 are problem details, never the portal's pages.</summary>
public sealed class IntakeApiMarker;
