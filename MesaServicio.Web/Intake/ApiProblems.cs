using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace MesaServicio.Web.Intake;

/// <summary>RFC 7807 problem details in Spanish, for the intake API and whatever else answers with them.</summary>
public static class ApiProblems
{
    /// <summary>Spanish titles of the statuses the framework fills in English by itself.</summary>
    private static readonly Dictionary<int, string> Titles = new()
    {
        [StatusCodes.Status400BadRequest] = "Solicitud no válida",
        [StatusCodes.Status401Unauthorized] = "Autenticación requerida",
        [StatusCodes.Status403Forbidden] = "Sin permiso",
        [StatusCodes.Status404NotFound] = "No encontrado",
        [StatusCodes.Status405MethodNotAllowed] = "Método no permitido",
        [StatusCodes.Status409Conflict] = "Conflicto",
        [StatusCodes.Status413PayloadTooLarge] = "Solicitud demasiado grande",
        [StatusCodes.Status415UnsupportedMediaType] = "Formato no admitido",
        [StatusCodes.Status422UnprocessableEntity] = "No se pudo procesar la solicitud",
        [StatusCodes.Status429TooManyRequests] = "Demasiadas solicitudes",
        [StatusCodes.Status500InternalServerError] = "Error interno",
    };

    private static readonly Dictionary<int, string> Details = new()
    {
        [StatusCodes.Status404NotFound] = "La dirección solicitada no existe en la API.",
        [StatusCodes.Status405MethodNotAllowed] = "La dirección existe pero no admite este método.",
        [StatusCodes.Status500InternalServerError] = "Ocurrió un error inesperado. Intente de nuevo más tarde; si persiste, informe a la mesa de servicio.",
    };

    private static readonly HashSet<string> EnglishDefaults = new(StringComparer.Ordinal)
    {
        "One or more validation errors occurred.",
        "An error occurred while processing your request.",
    };

    /// <summary>
    /// The one mapping of a Core refusal to a problem, for every endpoint: a validation failure is 400 with its fields,
    /// "not found" 404, "forbidden" 403, a concurrent change 409, and any other rule <paramref name="otherStatus"/>
    /// titled <paramref name="otherTitle"/> (what the operation could not do). The portal's downloads answer with the same
    /// statuses (<see cref="Endpoints.Downloads"/>).
    /// </summary>
    public static IResult Refusal(Core.Common.DomainException refused, int otherStatus, string otherTitle)
    {
        ArgumentNullException.ThrowIfNull(refused);
        var (status, title) = Classify(refused, otherStatus, otherTitle);
        return refused is Core.Common.ValidationFailedException invalid
            ? Results.ValidationProblem(
                invalid.Errors, invalid.Message, statusCode: status, title: title,
                extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["rule"] = invalid.Rule })
            : Problem(status, title, refused.Message, refused.Rule);
    }

    /// <summary>The status of a Core refusal (see <see cref="Refusal"/>).</summary>
    public static int StatusOf(Core.Common.DomainException refused, int otherStatus) => Classify(refused, otherStatus, "").Status;

    private static (int Status, string Title) Classify(Core.Common.DomainException refused, int otherStatus, string otherTitle) => refused switch
    {
        Core.Common.ValidationFailedException => (StatusCodes.Status400BadRequest, "Datos no válidos"),
        Core.Common.NotFoundException => (StatusCodes.Status404NotFound, "No encontrado"),
        Core.Common.ForbiddenException => (StatusCodes.Status403Forbidden, "Sin permiso"),
        Core.Common.ConcurrencyConflictException => (StatusCodes.Status409Conflict, "El caso cambió"),
        _ => (otherStatus, otherTitle),
    };

    /// <summary>A body that is not the complete form it claims to be: 400 (415 for another media type, 413 past the limit).</summary>
    public static IResult BodyFailure(StreamedMultipart.Failure failure, string tooLargeDetail) => failure switch
    {
        StreamedMultipart.Failure.NotMultipart => Problem(StatusCodes.Status415UnsupportedMediaType, "Formato no admitido",
            "Envíe un formulario multipart/form-data (los archivos en el campo «archivos»)."),
        StreamedMultipart.Failure.TooLarge => Problem(StatusCodes.Status413PayloadTooLarge, "Solicitud demasiado grande", tooLargeDetail),
        _ => Problem(StatusCodes.Status400BadRequest, "Solicitud no válida",
            "La solicitud no es un formulario multipart/form-data completo y válido (¿se interrumpió el envío?). Envíela de nuevo."),
    };

    public static IResult Problem(int status, string title, string detail, string? rule = null) =>
        Results.Problem(detail, statusCode: status, title: title,
            extensions: rule is null ? null : new Dictionary<string, object?>(StringComparer.Ordinal) { ["rule"] = rule });

    /// <summary>Replaces an English default title (and a missing detail) with Spanish; a title set on purpose stays.</summary>
    public static void Translate(ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.Status is not { } status)
        {
            return;
        }

        if ((problem.Title is null || problem.Title == ReasonPhrases.GetReasonPhrase(status) || EnglishDefaults.Contains(problem.Title))
            && Titles.TryGetValue(status, out var title))
        {
            problem.Title = title;
        }

        if (problem.Detail is null && Details.TryGetValue(status, out var detail))
        {
            problem.Detail = detail;
        }
    }
}
