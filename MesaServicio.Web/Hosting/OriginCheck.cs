namespace MesaServicio.Web.Hosting;

/// <summary>
/// Cross-site WebSocket hijacking guard (decision 0030): a browser's request to the circuit (<c>/_blazor</c>) or to a hub
/// (<c>/hubs/*</c>) is accepted only from the portal's own origin — the request's own host — or from one listed in
/// <c>Security:AllowedOrigins</c>; any other <c>Origin</c> is refused with 403 before the upgrade. A request without an
/// <c>Origin</c> header is let through: every browser sends one on a WebSocket handshake, so its absence means a
/// non-browser client, which carries no victim's cookies and must authenticate like anyone else.
/// </summary>
public static partial class OriginCheck
{
    public const string AllowedOriginsKey = "Security:AllowedOrigins";

    public static IApplicationBuilder UseMesaOriginCheck(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var configuration = app.ApplicationServices.GetRequiredService<IConfiguration>();
        var listed = (configuration.GetSection(AllowedOriginsKey).Get<string[]>() ?? [])
            .Select(o => Uri.TryCreate(o.Trim(), UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>()
            .ToArray();
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OriginCheck).FullName!);
        return app.Use(async (context, next) =>
        {
            if (IsGuarded(context.Request.Path) && !IsAllowed(context.Request, listed))
            {
                OriginRefused(logger, context.Request.Path.Value ?? string.Empty);
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            await next();
        });
    }

    /// <summary>The circuit's and the hubs' paths.</summary>
    public static bool IsGuarded(PathString path) =>
        path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase);

    /// <summary>No Origin (not a browser), the request's own host, or a listed origin (scheme, host and port).</summary>
    public static bool IsAllowed(HttpRequest request, IReadOnlyCollection<Uri> listed)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(listed);
        var header = request.Headers.Origin;
        if (header.Count == 0)
        {
            return true;
        }

        if (header.Count > 1 || !Uri.TryCreate(header[0], UriKind.Absolute, out var origin)
            || (origin.Scheme != Uri.UriSchemeHttps && origin.Scheme != Uri.UriSchemeHttp))
        {
            return false;
        }

        var host = request.Host;
        var ownPort = host.Port ?? (request.IsHttps ? 443 : 80);
        if (host.HasValue && string.Equals(origin.Host, host.Host, StringComparison.OrdinalIgnoreCase) && origin.Port == ownPort)
        {
            return true;
        }

        return listed.Any(l => string.Equals(l.Scheme, origin.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(l.Host, origin.Host, StringComparison.OrdinalIgnoreCase)
            && l.Port == origin.Port);
    }

    [LoggerMessage(EventId = 7030, Level = LogLevel.Warning, Message = "Solicitud a {Path} desde un origen ajeno rechazada (403)")]
    private static partial void OriginRefused(ILogger logger, string path);
}
