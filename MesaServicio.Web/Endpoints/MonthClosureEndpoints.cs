using MesaServicio.Core.Reports;
using MesaServicio.Core.Reports.Closing;
using MesaServicio.Core.Security;
using MesaServicio.Web.Auth;

namespace MesaServicio.Web.Endpoints;

/// <summary>
/// The stored files of a closed month (issue #15): <c>/reportes/mensual/2026-11/v2.pdf</c> and <c>.csv</c>, the very
/// bytes frozen at that version's closing, with their SHA-256 in <see cref="Sha256Header"/> (hexadecimal) and in
/// <c>Repr-Digest</c> (RFC 9530). Whoever reads the month's results may download them (the rule of
/// <see cref="Policies.Results"/>); anonymous visitors are sent to sign in, anyone else gets 403 (files, not pages).
/// </summary>
public static class MonthClosureEndpoints
{
    /// <summary>The header with the file's SHA-256, lowercase hexadecimal.</summary>
    public const string Sha256Header = "X-Content-SHA256";

    /// <summary><c>/reportes/mensual/2026-11/v2.pdf</c>.</summary>
    public static string PdfPath(YearMonth month, int version) => FormattableString.Invariant($"/reportes/mensual/{month}/v{version}.pdf");

    /// <summary><c>/reportes/mensual/2026-11/v2.csv</c>.</summary>
    public static string CsvPath(YearMonth month, int version) => FormattableString.Invariant($"/reportes/mensual/{month}/v{version}.csv");

    public static IEndpointRouteBuilder MapMonthClosureEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var closed = endpoints.MapGroup("/reportes/mensual/{mes}").RequireAuthorization();
        closed.MapGet("/v{version:int}.pdf", (string mes, int version, HttpContext context, GetMonthClosureFile files, CaseGuard guard, CancellationToken cancellationToken) =>
            FileAsync(mes, version, MonthClosureFileKind.Pdf, context, files, guard, cancellationToken));
        closed.MapGet("/v{version:int}.csv", (string mes, int version, HttpContext context, GetMonthClosureFile files, CaseGuard guard, CancellationToken cancellationToken) =>
            FileAsync(mes, version, MonthClosureFileKind.Csv, context, files, guard, cancellationToken));
        return endpoints;
    }

    private static Task<IResult> FileAsync(
        string mes, int version, MonthClosureFileKind kind, HttpContext context, GetMonthClosureFile files, CaseGuard guard,
        CancellationToken cancellationToken) =>
        Downloads.AnswerAsync(context, async () =>
        {
            // Whoever may not read the results is refused first, whatever the address.
            var user = MesaClaims.ToCurrentUser(context.User);
            guard.Demand(user, GlobalOperation.Reports);
            if (!YearMonth.TryParse(mes, out var month) || version < 1)
            {
                throw Downloads.NotFound();
            }

            var file = await files.HandleAsync(month, version, kind, user, cancellationToken) ?? throw Downloads.NotFound();
            Downloads.Private(context);
            context.Response.Headers[Sha256Header] = file.Sha256;
            context.Response.Headers["Repr-Digest"] = "sha-256=:" + Convert.ToBase64String(Convert.FromHexString(file.Sha256)) + ":";
            return Results.File(file.Content, file.ContentType, file.FileName);
        });
}
