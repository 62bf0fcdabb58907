using MesaServicio.Core.Problems;
using MesaServicio.Web.Auth;

namespace MesaServicio.Web.Endpoints;

/// <summary>
/// A problem's files over HTTP: downloaded like a case's (always as an attachment, <c>nosniff</c>, not cached) by staff who
/// see the problem; anything else is the site's ordinary 404. They are uploaded from the problem's page, with a comment.
/// </summary>
public static class ProblemAttachmentEndpoints
{
    /// <summary>Where a problem's file is downloaded: <c>/problemas/PR-2026-000001/adjuntos/{id}</c>.</summary>
    public static string DownloadPath(string problemNumber, Guid attachmentId) =>
        $"/problemas/{Uri.EscapeDataString(problemNumber)}/adjuntos/{attachmentId}";

    public static IEndpointRouteBuilder MapProblemAttachmentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/problemas/{numero}/adjuntos/{id:guid}", DownloadAsync).RequireAuthorization(Policies.Problems);
        return endpoints;
    }

    private static Task<IResult> DownloadAsync(
        string numero, Guid id, HttpContext context, OpenProblemAttachment open, CancellationToken cancellationToken) =>
        Downloads.AnswerAsync(
            context,
            async () => Downloads.Attachment(context, await open.HandleAsync(numero, id, MesaClaims.ToCurrentUser(context.User), cancellationToken)));
}
