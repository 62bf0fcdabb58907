using MesaServicio.Core.Reports;
using MesaServicio.Core.Reports.Pdf;
using MesaServicio.Core.Security;
using MesaServicio.Web.Auth;
using MesaServicio.Web.Components.Reports;
using Microsoft.Extensions.Options;

namespace MesaServicio.Web.Endpoints;

/// <summary>
/// The monthly report's downloads (issue #6): the PDF and the CSV of a month, and the one-time address of a
/// PDF rendered on the screen. Anonymous visitors are sent to sign in; Core refuses anyone but the
/// coordinator, which answers 403 (not the access-denied page: these are files, not pages).
/// </summary>
public static class ReportEndpoints
{
    /// <summary><c>/reportes/mensual/2026-11.pdf</c>.</summary>
    public static string PdfPath(YearMonth month) => $"/reportes/mensual/{month}.pdf";

    /// <summary><c>/reportes/mensual/2026-11.csv</c>.</summary>
    public static string CsvPath(YearMonth month) => $"/reportes/mensual/{month}.csv";

    /// <summary>Where a PDF rendered on the screen is taken, once.</summary>
    public static string TokenPath(string token) => $"/reportes/mensual/descargas/{Uri.EscapeDataString(token)}";

    /// <summary>The file name of a month's download, e.g. <c>informe-mensual-2026-11.pdf</c>.</summary>
    public static string FileName(YearMonth month, string extension) => $"informe-mensual-{month}.{extension}";

    /// <summary>The entity's header for the PDF, from its configuration.</summary>
    public static ReportBranding Branding(EntityOptions entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return new ReportBranding(entity.Name, entity.Office, entity.PortalName);
    }

    /// <summary>The one-time downloads of PDFs rendered on the screen (they need an <c>IDistributedCache</c>: <c>AddMesaScaleOut</c>).</summary>
    public static IServiceCollection AddMesaReportDownloads(this IServiceCollection services)
    {
        services.AddSingleton<ReportDownloads>();
        return services;
    }

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var reports = endpoints.MapGroup("/reportes/mensual").RequireAuthorization();
        reports.MapGet("/{mes}.pdf", PdfAsync);
        reports.MapGet("/{mes}.csv", CsvAsync);
        reports.MapGet("/descargas/{token}", TakeDownloadAsync);
        return endpoints;
    }

    private static Task<IResult> PdfAsync(
        string mes, HttpContext context, ComputeMonthlyReport compute, MonthlyReportPdf pdf, IOptions<EntityOptions> entity, CaseGuard guard,
        CancellationToken cancellationToken) =>
        Downloads.AnswerAsync(context, async () =>
        {
            var user = MesaClaims.ToCurrentUser(context.User);
            var report = await compute.HandleAsync(Month(mes, user, guard), user, null, cancellationToken);
            using var output = new MemoryStream();
            await pdf.RenderAsync(report, Branding(entity.Value), GeneratedBy(context), output, null, cancellationToken);
            Downloads.Private(context);
            return Results.File(output.ToArray(), "application/pdf", FileName(report.Month, "pdf"));
        });

    private static Task<IResult> CsvAsync(string mes, HttpContext context, MonthlyCasesCsv csv, CaseGuard guard) =>
        Downloads.AnswerAsync(context, () =>
        {
            // Core refuses as well; refusing here keeps the refusal out of a response already started.
            var user = MesaClaims.ToCurrentUser(context.User);
            var month = Month(mes, user, guard);
            Downloads.Private(context);

            // Streamed straight to the response body, row by row.
            return Task.FromResult(Results.Stream(
                body => csv.WriteAsync(month, user, body, context.RequestAborted),
                "text/csv; charset=utf-8",
                FileName(month, "csv")));
        });

    private static Task<IResult> TakeDownloadAsync(string token, HttpContext context, ReportDownloads downloads, CaseGuard guard, CancellationToken cancellationToken) =>
        Downloads.AnswerAsync(context, async () =>
        {
            var user = MesaClaims.ToCurrentUser(context.User);
            guard.Demand(user, GlobalOperation.Reports);
            if (user.PersonId is not { } me || await downloads.TakeAsync(token, me, cancellationToken) is not { } file)
            {
                throw Downloads.NotFound();
            }

            Downloads.Private(context);
            return Results.File(file.Content, file.ContentType, file.FileName);
        });

    /// <summary>The month of the address, for someone who may read the reports (refused first, whatever the address).</summary>
    private static YearMonth Month(string mes, CurrentUser user, CaseGuard guard)
    {
        guard.Demand(user, GlobalOperation.Reports);
        return YearMonth.TryParse(mes, out var month) ? month : throw Downloads.NotFound();
    }

    private static string GeneratedBy(HttpContext context) =>
        context.User.Identity?.Name is { Length: > 0 } name ? name : "Coordinación de la mesa de servicio";
}
