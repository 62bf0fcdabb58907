using MesaServicio.Core.Common;
using MesaServicio.Core.Privacy;
using MesaServicio.Web.Auth;
using Microsoft.AspNetCore.Mvc;

namespace MesaServicio.Web.Endpoints;

/// <summary>The privacy notice's acceptance: a plain form post (antiforgery-checked), so it works before a page is interactive.</summary>
public static class PrivacyEndpoints
{
    public static IEndpointRouteBuilder MapPrivacyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost("/privacidad/aceptar", async (HttpContext context, PrivacyNotices notices, [FromForm] int version, [FromForm] string? returnUrl) =>
        {
            var target = AuthEndpoints.LocalReturnUrl(returnUrl);
            try
            {
                await notices.AcceptAsync(MesaClaims.ToCurrentUser(context.User), version, context.RequestAborted);
            }
            catch (DomainException)
            {
                // A new version was published while the person read the old one: show it, saying why.
                return Results.Redirect("/privacidad?cambio=1&returnUrl=" + Uri.EscapeDataString(target));
            }

            return Results.Redirect(Escaped(target));
        }).RequireAuthorization();
        return endpoints;
    }

    /// <summary>A local path as a Location header can carry it: characters outside ASCII percent-encoded.</summary>
    private static string Escaped(string localPath) => new Uri(new Uri("http://localhost"), localPath).PathAndQuery;
}
