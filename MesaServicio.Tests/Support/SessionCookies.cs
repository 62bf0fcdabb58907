using System.Security.Claims;
using MesaServicio.Core.People;
using MesaServicio.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MesaServicio.Tests.Support;

/// <summary>The portal's session cookie, made as the sign-in would have made it (same data protection, same claims).</summary>
public static class SessionCookies
{
    /// <summary>The cookie's name.</summary>
    public const string Name = "MesaServicio.Sesion";

    /// <summary>The value of the session cookie for a person, protected by the portal whose services are given.</summary>
    public static string For(IServiceProvider services, Guid personId, PersonRoles roles)
    {
        var options = services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
        var principal = new ClaimsPrincipal(MesaClaims.IdentityFor(personId, "Persona de prueba", roles));
        return options.TicketDataFormat.Protect(new AuthenticationTicket(principal, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    /// <summary>A <c>Cookie</c> header value carrying the session of <paramref name="personId"/>.</summary>
    public static string Header(IServiceProvider services, Guid personId, PersonRoles roles) => Name + "=" + For(services, personId, roles);
}
