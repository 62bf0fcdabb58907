namespace MesaServicio.Web.Hosting;

/// <summary>
/// Headers on every response: a Content-Security-Policy that allows only this site (no third-party
/// origin, no framing), no MIME sniffing, and a strict referrer policy. The survey link's pages carry a secret in
/// their address (<c>/encuesta/{token}</c>): nothing of them is stored by a browser or proxy, and no request they
/// make says where it came from.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// 'unsafe-inline' for styles only: MudBlazor and Blazor set inline styles. Scripts come only from
    /// this site; the circuit's WebSocket is same-origin ('self').
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                if (IsSurveyLink(context.Request))
                {
                    headers["Referrer-Policy"] = "no-referrer";
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                }
                else
                {
                    headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                }

                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                return Task.CompletedTask;
            });
            await next();
        });
    }

    /// <summary>The survey link's address (see <c>SurveyTokens.Link</c>).</summary>
    public static bool IsSurveyLink(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path.StartsWithSegments("/encuesta", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/respuesta", StringComparison.OrdinalIgnoreCase);
    }
}
