using System.Globalization;
using MesaServicio.Core.Attachments;
using MesaServicio.Core.Common;
using MesaServicio.Core.Security;
using MesaServicio.Web.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MesaServicio.Web.Endpoints;

/// <summary>
/// Attachments over HTTP. Downloading streams the stored file, always as an attachment with
/// <c>nosniff</c>, to people who may see the case (anything else is the site's ordinary 404). Uploading
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

    /// <summary>Room for a section's headers and boundaries on top of each file.</summary>
    private const long PerFileOverhead = 64 * 1024;

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

        endpoints.MapGet("/casos/{numero}/adjuntos/{id:guid}", DownloadAsync);

        // Antiforgery is validated by the handler itself: the automatic check would read (buffer) the whole form.
        endpoints.MapPost("/casos/{numero}/adjuntos", UploadAsync).DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> DownloadAsync(string numero, Guid id, HttpContext context, OpenAttachment open, CancellationToken cancellationToken)
    {
        AttachmentDownload download;
        try
        {
            download = await open.HandleAsync(numero, id, MesaClaims.ToCurrentUser(context.User), cancellationToken);
        }
        catch (NotFoundException)
        {
            // No body: the status-code page answers, exactly as for any missing page or case.
            return Results.NotFound();
        }
        catch (DomainException removed) when (removed.Rule == DomainRules.AttachmentContentRemoved)
        {
            // Its bytes were removed on purpose (an anonymisation): gone, and said why.
            return Results.Problem(removed.Message, statusCode: StatusCodes.Status410Gone, title: "Archivo retirado");
        }

        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "private, no-store";
        var type = SafeTypes.Contains(download.ContentType) ? download.ContentType : OpenAttachment.OctetStream;

        // With a download name the result sends "Content-Disposition: attachment; filename=…; filename*=UTF-8''…" (RFC 6266).
        return Results.Stream(download.Content, type, download.FileName);
    }

    private static async Task<IResult> UploadAsync(
        string numero, HttpContext context, AttachFiles attach, IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions,
        IOptions<FormOptions> formOptions, CancellationToken cancellationToken)
    {
        var user = MesaClaims.ToCurrentUser(context.User);
        if (user.Kind == PrincipalKind.Anonymous)
        {
            return Problem(StatusCodes.Status401Unauthorized, "Inicie sesión", "Inicie sesión para adjuntar archivos.");
        }

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !string.Equals(mediaType.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Formato no admitido", "Envíe los archivos como un formulario multipart/form-data.");
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        var form = formOptions.Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > form.MultipartBoundaryLengthLimit)
        {
            return Malformed();
        }

        var limits = attach.Limits;
        var bodyLimit = (limits.MaxFilesPerMessage * (limits.MaxFileBytes + PerFileOverhead)) + (4 * MaxFieldBytes);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = bodyLimit;
        }

        if (context.Request.ContentLength > bodyLimit)
        {
            return TooLarge(limits);
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
            var reader = new MultipartReader(boundary, context.Request.Body)
            {
                HeadersCountLimit = form.MultipartHeadersCountLimit,
                HeadersLengthLimit = form.MultipartHeadersLengthLimit,

                // Core stops a file one byte past the limit with its own message; this is only a backstop.
                BodyLengthLimit = limits.MaxFileBytes + PerFileOverhead,
            };
            string? message = null;
            var isInternal = false;
            try
            {
                while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
                {
                    if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                    {
                        return Malformed();
                    }

                    if (disposition.IsFileDisposition())
                    {
                        if (!tokenChecked)
                        {
                            return InvalidToken();
                        }

                        var fileName = disposition.FileNameStar.HasValue
                            ? disposition.FileNameStar.Value
                            : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                        var body = section.Body;
                        await batch.AddAsync(new IncomingFile(fileName, section.ContentType, null, _ => body), cancellationToken);
                        continue;
                    }

                    var field = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                    var value = await ReadFieldAsync(section.Body, cancellationToken);
                    if (value is null)
                    {
                        return Problem(StatusCodes.Status400BadRequest, "Solicitud no válida", "Un campo del formulario es demasiado largo.");
                    }

                    switch (field)
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
            catch (InvalidDataException)
            {
                // Malformed multipart, or a section beyond the reader's limits.
                return Malformed();
            }
            catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return TooLarge(limits);
            }
        }
    }

    /// <summary>A form field's text, or null when it is longer than <see cref="MaxFieldBytes"/>.</summary>
    private static async Task<string?> ReadFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        using var collected = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (collected.Length + read > MaxFieldBytes)
            {
                return null;
            }

            collected.Write(buffer, 0, read);
        }

        return System.Text.Encoding.UTF8.GetString(collected.GetBuffer(), 0, (int)collected.Length);
    }

    private static IResult Refusal(DomainException refused) => refused switch
    {
        NotFoundException => Problem(StatusCodes.Status404NotFound, "No encontrado", refused.Message, refused.Rule),
        ForbiddenException => Problem(StatusCodes.Status403Forbidden, "Sin permiso", refused.Message, refused.Rule),
        ConcurrencyConflictException => Problem(StatusCodes.Status409Conflict, "El caso cambió", refused.Message, refused.Rule),
        _ => Problem(StatusCodes.Status400BadRequest, "No se pudieron adjuntar los archivos", refused.Message, refused.Rule),
    };

    private static IResult Malformed() =>
        Problem(StatusCodes.Status400BadRequest, "Solicitud no válida", "La solicitud no es un formulario de archivos válido.");

    private static IResult InvalidToken() =>
        Problem(StatusCodes.Status400BadRequest, "Solicitud no válida",
            "La solicitud no trae un token antifalsificación válido. Recargue la página e intente de nuevo.");

    private static IResult TooLarge(AttachmentLimits limits) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Archivos demasiado grandes", string.Format(
            CultureInfo.GetCultureInfo("es-CO"), "El mensaje supera lo que se puede enviar: hasta {0} archivos de máximo {1} cada uno.",
            limits.MaxFilesPerMessage, limits.MaxFileSizeText));

    private static IResult Problem(int status, string title, string detail, string? rule = null) =>
        Results.Problem(detail, statusCode: status, title: title,
            extensions: rule is null ? null : new Dictionary<string, object?>(StringComparer.Ordinal) { ["rule"] = rule });

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
