using System.Security.Claims;
using MesaServicio.Core.People;
using MesaServicio.Core.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace MesaServicio.Web.Auth;

/// <summary>
/// Checks a session against the database on every request: a deactivated (or unknown) person is signed
/// out; a person whose roles changed gets them replaced at once.
/// </summary>
public static class SessionValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.Principal;
        if (principal?.FindFirst(MesaClaims.PersonId)?.Value is not { } id || !Guid.TryParse(id, out var personId))
        {
            context.RejectPrincipal();
            return;
        }

        var standing = await context.HttpContext.RequestServices.GetRequiredService<GetPersonStanding>()
            .HandleAsync(personId, context.HttpContext.RequestAborted);
        if (standing is not { IsActive: true })
        {
            var log = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(SecurityLog.Category);
            SecurityLog.SignInRefused(log, personId.ToString());
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        var current = principal.FindAll(MesaClaims.Role).Select(c => c.Value).Order(StringComparer.Ordinal);
        var stored = MesaClaims.AppRoleNames(standing.Roles).Order(StringComparer.Ordinal);
        if (!current.SequenceEqual(stored, StringComparer.Ordinal))
        {
            var others = principal.Claims.Where(c => c.Type is not (MesaClaims.Role or MesaClaims.PersonId or ClaimTypes.Name));
            context.ReplacePrincipal(new ClaimsPrincipal(MesaClaims.IdentityFor(personId, standing.DisplayName, standing.Roles, others)));
            context.ShouldRenew = true;
        }
    }
}
