using MesaServicio.Core.Attachments;
using MesaServicio.Core.Common;
using MesaServicio.Web.Intake;

namespace MesaServicio.Web.Endpoints;

/// <summary>
/// What the portal's downloads share. A Core refusal gets its status from <see cref="ApiProblems"/>' one mapping; "not
/// found" and "forbidden" go out with no body to a browser, so that the portal's Spanish status page answers exactly as
/// for any missing page (a case out of reach answers as a missing one), and as problem details to a client that asks for
/// JSON; any other refusal says why, as problem details. A file goes out with <c>nosniff</c> and is never stored by a
/// browser or a proxy (personal data, internal notes, figures).
/// </summary>
public static class Downloads
{
    /// <summary>Runs a download; a <see cref="DomainException"/> it throws is answered by <see cref="Refusal"/>.</summary>
    public static async Task<IResult> AnswerAsync(
        HttpContext context, Func<Task<IResult>> download, int otherStatus = StatusCodes.Status400BadRequest,
        string otherTitle = "No se pudo descargar el archivo")
    {
        ArgumentNullException.ThrowIfNull(download);
        try
        {
            return await download();
        }
        catch (DomainException refused)
        {
            return Refusal(context, refused, otherStatus, otherTitle);
        }
    }

    /// <summary>A refused download, through the one mapping (see the class).</summary>
    public static IResult Refusal(HttpContext context, DomainException refused, int otherStatus, string otherTitle)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(refused);
        return refused is NotFoundException or ForbiddenException && !AsksForJson(context.Request)
            ? Results.StatusCode(ApiProblems.StatusOf(refused, otherStatus))
            : ApiProblems.Refusal(refused, otherStatus, otherTitle);
    }

    /// <summary>What a download answers for an address that names nothing (a month that is not one, a token that is spent).</summary>
    public static NotFoundException NotFound() => new(DomainMessages.Get("Download.Label"));

    /// <summary>A stored attachment (a case's or a problem's), always as an attachment, of a type safe to send.</summary>
    public static IResult Attachment(HttpContext context, AttachmentDownload download)
    {
        ArgumentNullException.ThrowIfNull(download);
        Private(context);
        var type = AttachmentEndpoints.SafeTypes.Contains(download.ContentType) ? download.ContentType : OpenAttachment.OctetStream;

        // With a download name the result sends "Content-Disposition: attachment; filename=…; filename*=UTF-8''…" (RFC 6266).
        return Results.Stream(download.Content, type, download.FileName);
    }

    /// <summary>The headers of every private file: not sniffed, never stored by a browser or a proxy.</summary>
    public static void Private(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "private, no-store";
    }

    /// <summary>Whether the client asks for JSON rather than a page (a browser's navigation accepts <c>text/html</c>).</summary>
    private static bool AsksForJson(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        return accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || a.MediaType.Equals("application/problem+json", StringComparison.OrdinalIgnoreCase))
            && !accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
    }
}
