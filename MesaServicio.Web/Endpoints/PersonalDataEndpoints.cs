using MesaServicio.Core.Privacy;
using MesaServicio.Web.Auth;
using Microsoft.Extensions.Options;

namespace MesaServicio.Web.Endpoints;

/// <summary>«Mis datos» as downloads: the signed-in person's own data as JSON and as PDF (Ley 1581 de 2012, art. 8).</summary>
public static class PersonalDataEndpoints
{
    public const string JsonPath = "/mis-datos/mis-datos.json";
    public const string PdfPath = "/mis-datos/mis-datos.pdf";

    public static IEndpointRouteBuilder MapPersonalDataEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(JsonPath, (HttpContext context, GetPersonalData data, CancellationToken cancellationToken) =>
            Downloads.AnswerAsync(context, async () =>
            {
                var report = await data.HandleAsync(MesaClaims.ToCurrentUser(context.User), cancellationToken);
                Downloads.Private(context);
                return Results.File(report.ToJson(), "application/json; charset=utf-8", PersonalDataPdf.FileName(report.GeneratedAt, "json"));
            })).RequireAuthorization();
        endpoints.MapGet(PdfPath, (
            HttpContext context, GetPersonalData data, PersonalDataPdf pdf, IOptions<EntityOptions> entity, CancellationToken cancellationToken) =>
            Downloads.AnswerAsync(context, async () =>
            {
                var report = await data.HandleAsync(MesaClaims.ToCurrentUser(context.User), cancellationToken);
                using var output = new MemoryStream();
                await pdf.RenderAsync(report, ReportEndpoints.Branding(entity.Value), output, cancellationToken);
                Downloads.Private(context);
                return Results.File(output.ToArray(), "application/pdf", PersonalDataPdf.FileName(report.GeneratedAt, "pdf"));
            })).RequireAuthorization();
        return endpoints;
    }
}
