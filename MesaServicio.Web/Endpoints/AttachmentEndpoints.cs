using System.Globalization;
using MesaServicio.Core.Attachments;
using MesaServicio.Core.Common;
using MesaServicio.Core.Security;
using MesaServicio.Web.Auth;
using MesaServicio.Web.Intake;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace MesaServicio.Web.Endpoints;

/// <summary>
/// Attachments over HTTP. Downloading streams the stored file (<see cref="Downloads"/>) to people who may see the case
/// (anything else is the site's ordinary 404). Uploading
/// streams a multipart body section by section into Core (never buffered), with the antiforgery token in
/// the <c>RequestVerificationToken</c> header or as the form's first field; Core decides everything else.
/// </summary>
public static class AttachmentEndpoints
{
    /// <summary>The form field of the antiforgery token (as <c>&lt;AntiforgeryToken /&gt;</c> renders it).</summary>
    public const string TokenField = "__RequestVerificationToken";

    /// <summary>Optional form field: the message the files come with.</summary>
    public const string MessageField = "mensaje";

    /// <summary>Optional form field: <c>true</c> when the message is an internal note.</summary>
    public const string InternalField = "interna";

    /// <summary>Longest text field accepted in the upload form (a message is at most 10,000 characters).</summary>
    private const int MaxFieldBytes = 64 * 1024;

    /// <summary>Types a browser may receive as they are; anything else goes out as a generic binary.</summary>
    internal static readonly HashSet<string> SafeTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp", "text/plain; charset=utf-8", "text/csv; charset=utf-8",
    };

    /// <summary>Where a case's attachment is downloaded: <c>/casos/MS-2026-000001/adjuntos/{id}</c>.</summary>
    public static string DownloadPath(string caseNumber, Guid attachmentId) =>
        $"/casos/{Uri.EscapeDataString(caseNumber)}/adjuntos/{attachmentId}";

    /// <summary>Where a case's files are posted: <c>/casos/MS-2026-000001/adjuntos</c>.</summary>
    public static string UploadPath(string caseNumber) => $"/casos/{Uri.EscapeDataString(caseNumber)}/adjuntos";

    public static IEndpointRouteBuilder MapAttachmentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var storage = endpoints.ServiceProvider.GetRequiredService<AttachmentStorage>();
        var environment = endpoints.ServiceProvider.GetRequiredService<IWebHostEnvironment>();
        EnsureOutsideWebRoot(storage.Root, environment.WebRootPath);
        if (Hosting.RedisSettings.From(endpoints.ServiceProvider.GetRequiredService<IConfiguration>()) is not null)
        {
            // Several instances: every one must write the same shared folder (docs/operations.md).
            storage.EnsureWritable();
            StorageLog.SharedFolder(endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AttachmentEndpoints)), storage.Root);
        }

        endpoints.MapGet("/casos/{numero}/adjuntos/{id:guid}", DownloadAsync);

        // Antiforgery is validated by the handler itself: the automatic check would read (buffer) the whole form.
        endpoints.MapPost("/casos/{numero}/adjuntos", UploadAsync).DisableAntiforgery();
        return endpoints;
    }

    private static Task<IResult> DownloadAsync(string numero, Guid id, HttpContext context, OpenAttachment open, CancellationToken cancellationToken) =>
        // A file whose bytes were removed on purpose (an anonymisation) is gone, and said why.
        Downloads.AnswerAsync(
            context,
            async () => Downloads.Attachment(context, await open.HandleAsync(numero, id, MesaClaims.ToCurrentUser(context.User), cancellationToken)),
            StatusCodes.Status410Gone, "Archivo retirado");

    private static async Task<IResult> UploadAsync(
        string numero, HttpContext context, AttachFiles attach, IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions,
        IOptions<FormOptions> formOptions, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var user = MesaClaims.ToCurrentUser(context.User);
        if (user.Kind == PrincipalKind.Anonymous)
        {
            return Problem(StatusCodes.Status401Unauthorized, "Inicie sesión", "Inicie sesión para adjuntar archivos.");
        }

        var limits = attach.Limits;
        var bodyLimit = (limits.MaxFilesPerMessage * (limits.MaxFileBytes + StreamedMultipart.PerFileOverhead)) + (4 * MaxFieldBytes);
        var started = StreamedMultipart.TryStart(context, formOptions.Value, bodyLimit, limits.MaxFileBytes, out var reader);
        if (started != StreamedMultipart.Failure.None)
        {
            return ApiProblems.BodyFailure(started, TooLargeDetail(limits));
        }

        var headerName = antiforgeryOptions.Value.HeaderName ?? "RequestVerificationToken";
        var tokenChecked = false;
        if (context.Request.Headers.ContainsKey(headerName))
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return InvalidToken();
            }

            tokenChecked = true;
        }

        AttachmentBatch batch;
        try
        {
            // Authorized before a byte of the body is read: a case out of reach answers as a missing one.
            batch = await attach.StartAsync(numero, user, cancellationToken);
        }
        catch (DomainException refused)
        {
            return Refusal(refused);
        }

        await using (batch)
        {
            string? message = null;
            var isInternal = false;
            try
            {
                while (await reader!.NextAsync(cancellationToken) is { } section)
                {
                    if (section.IsFile)
                    {
                        if (!tokenChecked)
                        {
                            return InvalidToken();
                        }

                        var body = section.Body;
                        await batch.AddAsync(new IncomingFile(section.FileName, section.ContentType, null, _ => body), cancellationToken);
                        continue;
                    }

                    var value = await StreamedMultipart.ReadFieldAsync(section, MaxFieldBytes, cancellationToken);
                    if (value is null)
                    {
                        return Problem(StatusCodes.Status400BadRequest, "Solicitud no válida", "Un campo del formulario es demasiado largo.");
                    }

                    switch (section.Name)
                    {
                        case TokenField when !tokenChecked:
                            // Validated as if it came in the header, so that the form is never read as a whole.
                            context.Request.Headers[headerName] = value;
                            if (!await antiforgery.IsRequestValidAsync(context))
                            {
                                return InvalidToken();
                            }

                            tokenChecked = true;
                            break;
                        case MessageField:
                            message = value;
                            break;
                        case InternalField:
                            isInternal = value.Trim().ToUpperInvariant() is "TRUE" or "ON" or "1";
                            break;
                    }
                }

                if (!tokenChecked)
                {
                    return InvalidToken();
                }

                return Results.Ok(await batch.CommitAsync(message, isInternal, cancellationToken));
            }
            catch (DomainException refused)
            {
                return Refusal(refused);
            }
            catch (MultipartBodyException broken)
            {
                MultipartLog.BodyRefused(loggers.CreateLogger(typeof(AttachmentEndpoints)), context.Request.Path, broken.Failure.ToString(),
                    broken.InnerException?.Message ?? "-");
                return ApiProblems.BodyFailure(broken.Failure, TooLargeDetail(limits));
            }
        }
    }

    private static IResult Refusal(DomainException refused) =>
        ApiProblems.Refusal(refused, StatusCodes.Status400BadRequest, "No se pudieron adjuntar los archivos");

    private static IResult InvalidToken() =>
        Problem(StatusCodes.Status400BadRequest, "Solicitud no válida",
            "La solicitud no trae un token antifalsificación válido. Recargue la página e intente de nuevo.");

    private static string TooLargeDetail(AttachmentLimits limits) => string.Format(
        CultureInfo.GetCultureInfo("es-CO"), "El mensaje supera lo que se puede enviar: hasta {0} archivos de máximo {1} cada uno.",
        limits.MaxFilesPerMessage, limits.MaxFileSizeText);

    private static IResult Problem(int status, string title, string detail, string? rule = null) => ApiProblems.Problem(status, title, detail, rule);

    /// <summary>Refuses to start with the storage folder inside the web root, where static files would serve it.</summary>
    private static void EnsureOutsideWebRoot(string storageRoot, string? webRoot)
    {
        if (string.IsNullOrEmpty(webRoot))
        {
            return;
        }

        var web = Path.TrimEndingDirectorySeparator(Path.GetFullPath(webRoot)) + Path.DirectorySeparatorChar;
        var storage = Path.TrimEndingDirectorySeparator(Path.GetFullPath(storageRoot)) + Path.DirectorySeparatorChar;
        if (storage.StartsWith(web, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Attachments:StoragePath ({storageRoot}) is inside the web root ({webRoot}); choose a folder outside it.");
        }
    }
}

/// <summary>The start-up line of an instance sharing the attachment folder.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Scale-out: attachments are kept in the shared folder {Folder} (checked writable)")]
    public static partial void SharedFolder(ILogger logger, string folder);
}
