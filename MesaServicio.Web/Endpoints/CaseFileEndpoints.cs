using MesaServicio.Core.CaseFiles;
using MesaServicio.Web.Auth;
using Microsoft.Extensions.Options;

namespace MesaServicio.Web.Endpoints;

/// <summary>
/// A case's file ("expediente", procedure activity 8) as a PDF, for anyone signed in who may see the case:
/// Core decides what goes in (a requester's copy has no internal notes) and answers a case out of reach as
/// a missing one, which is the site's ordinary 404. Anonymous visitors are sent to sign in.
/// </summary>
public static class CaseFileEndpoints
{
    /// <summary><c>/casos/MS-2026-000123/expediente.pdf</c>.</summary>
    public static string PdfPath(string caseNumber) => $"/casos/{Uri.EscapeDataString(caseNumber)}/expediente.pdf";

    public static IEndpointRouteBuilder MapCaseFileEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/casos/{numero}/expediente.pdf", PdfAsync).RequireAuthorization();
        return endpoints;
    }

    private static Task<IResult> PdfAsync(
        string numero, HttpContext context, GetCaseFile getCaseFile, CaseFilePdf pdf, IOptions<EntityOptions> entity,
        CancellationToken cancellationToken) =>
        Downloads.AnswerAsync(context, async () =>
        {
            var file = await getCaseFile.HandleAsync(numero, MesaClaims.ToCurrentUser(context.User), cancellationToken);
            using var output = new MemoryStream();
            await pdf.RenderAsync(file, ReportEndpoints.Branding(entity.Value), output, cancellationToken);

            // Personal data and possibly internal notes.
            Downloads.Private(context);
            return Results.File(output.ToArray(), "application/pdf", CaseFilePdf.FileName(file.Case.Number));
        });
}
