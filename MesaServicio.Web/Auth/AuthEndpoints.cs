using System.Security.Claims;
using MesaServicio.Core.People;
using MesaServicio.Core.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;

namespace MesaServicio.Web.Auth;

/// <summary>
/// Sign-in and sign-out (the Blazor Web App OIDC pattern: a small endpoint group that challenges and signs
/// out). Return URLs are local paths only. Signing out is a POST with an antiforgery token.
/// </summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapMesaAuthentication(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var mode = endpoints.ServiceProvider.GetRequiredService<SignInModeHolder>().Mode;

        endpoints.MapGet("/ingresar", (string? returnUrl) =>
        {
            var target = LocalReturnUrl(returnUrl);
            return mode == SignInMode.Entra
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = target }, [OpenIdConnectDefaults.AuthenticationScheme])
                : Results.Redirect("/ingresar/local?returnUrl=" + Uri.EscapeDataString(target));
        }).AllowAnonymous();

        endpoints.MapPost("/salir", async (HttpContext context, [FromForm] string? returnUrl) =>
        {
            var user = MesaClaims.ToCurrentUser(context.User);
            var log = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(SecurityLog.Category);
            SecurityLog.SignedOut(log, user.LogId);
            var properties = new AuthenticationProperties { RedirectUri = LocalReturnUrl(returnUrl) };
            return mode == SignInMode.Entra
                ? Results.SignOut(properties, [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme])
                : Results.SignOut(properties, [CookieAuthenticationDefaults.AuthenticationScheme]);
        });

        if (mode == SignInMode.Local)
        {
            endpoints.MapPost("/ingresar/local", async (HttpContext context, [FromForm] Guid personId, [FromForm] string? returnUrl) =>
            {
                var standing = await context.RequestServices.GetRequiredService<GetPersonStanding>().HandleAsync(personId, context.RequestAborted);
                var log = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(SecurityLog.Category);
                if (standing is not { IsActive: true })
                {
                    SecurityLog.SignInRefused(log, personId.ToString());
                    return Results.Redirect("/ingresar/local?error=1");
                }

                var principal = new ClaimsPrincipal(MesaClaims.IdentityFor(standing.PersonId, standing.DisplayName, standing.Roles));
                await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
                SecurityLog.SignedIn(log, standing.PersonId.ToString(), "local");
                return Results.LocalRedirect(LocalReturnUrl(returnUrl));
            }).AllowAnonymous();
        }

        return endpoints;
    }

    /// <summary>
    /// Only a path of this site: "/casos/1" yes; "//evil", "/\\evil", "https://evil" fall back to "/". What is kept is
    /// ready for a <c>Location</c> header: a character outside printable ASCII ("/casos?buscar=contraseña") is
    /// percent-encoded as UTF-8 ("contrase%C3%B1a"), because Kestrel refuses such a header with an error 500.
    /// </summary>
    public static string LocalReturnUrl(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl[0] != '/')
        {
            return "/";
        }

        if (returnUrl.Length > 1 && (returnUrl[1] == '/' || returnUrl[1] == '\\'))
        {
            return "/";
        }

        return returnUrl.Any(char.IsControl) ? "/" : PercentEncodeNonAscii(returnUrl);
    }

    /// <summary>Every character outside printable ASCII (and the space) as its UTF-8 bytes, percent-encoded; the rest as is.</summary>
    private static string PercentEncodeNonAscii(string url)
    {
        if (url.All(c => c is > ' ' and < (char)0x7F))
        {
            return url;
        }

        var encoded = new System.Text.StringBuilder(url.Length + 16);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.Value is > ' ' and < 0x7F)
            {
                encoded.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..length])
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }
}
