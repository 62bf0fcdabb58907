using Microsoft.AspNetCore.Diagnostics;

namespace MesaServicio.Web.Components;

/// <summary>The signed-link pages (<c>/encuesta/{token}</c>, <c>/respuesta/{token}</c>): a link that is not one answers 404.</summary>
public static class LinkPageStatus
{
    /// <summary>
    /// Makes the response a 404 with the page being rendered (not the site's generic one); false when it could not (no
    /// request, or the response already started). The status is set as the response starts: a status changed during
    /// rendering would make Blazor leave the body to the status-code pages instead.
    /// </summary>
    public static bool NotFound(HttpContext? context)
    {
        if (context is not { Response.HasStarted: false } http)
        {
            return false;
        }

        if (http.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        http.Response.OnStarting(() =>
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        return true;
    }
}
