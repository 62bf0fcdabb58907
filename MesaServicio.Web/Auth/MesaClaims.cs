using System.Security.Claims;
using MesaServicio.Core.People;
using MesaServicio.Core.Security;

namespace MesaServicio.Web.Auth;

/// <summary>
/// The claims the portal keeps in its session cookie, and their mapping to Core's <see cref="CurrentUser"/>.
/// Roles are the desk's own claim (refreshed from the database on every request), so a role removed in
/// the database is gone on the next request.
/// </summary>
public static class MesaClaims
{
    public const string PersonId = "mesa:person";
    public const string Role = "mesa:role";
    public const string AuthenticationType = "MesaServicio";

    /// <summary>Entra app role names (the <c>roles</c> claim) and the desk roles they grant.</summary>
    public static readonly IReadOnlyDictionary<string, PersonRoles> AppRoles = new Dictionary<string, PersonRoles>(StringComparer.Ordinal)
    {
        ["Mesa.Agente"] = PersonRoles.Agent,
        ["Mesa.LiderTecnico"] = PersonRoles.TechnicalLead,
        ["Mesa.Coordinador"] = PersonRoles.Coordinator,
        ["Mesa.Jefe"] = PersonRoles.Jefe,
    };

    /// <summary>The Entra app role of the PQRS integration (app-only tokens).</summary>
    public const string IntegrationAppRole = "Mesa.Integracion";

    public static PersonRoles RolesFrom(IEnumerable<string> appRoles)
    {
        ArgumentNullException.ThrowIfNull(appRoles);
        var roles = PersonRoles.None;
        foreach (var role in appRoles)
        {
            if (AppRoles.TryGetValue(role, out var r))
            {
                roles |= r;
            }
        }

        // A lead and a coordinator are agents too; the Jefe OTIC is not (read-only: no board, no case operation).
        return (roles & (PersonRoles.TechnicalLead | PersonRoles.Coordinator)) != 0 ? roles | PersonRoles.Agent : roles;
    }

    public static IEnumerable<string> AppRoleNames(PersonRoles roles) =>
        AppRoles.Where(kv => roles.HasFlag(kv.Value)).Select(kv => kv.Key);

    public static CurrentUser ToCurrentUser(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return CurrentUser.Anonymous;
        }

        if (principal.FindFirst(PersonId)?.Value is { } id && Guid.TryParse(id, out var personId))
        {
            return CurrentUser.Person(personId, RolesFrom(principal.FindAll(Role).Select(c => c.Value)));
        }

        // The intake client (an API key or an Entra app, see Intake.IntegrationClaims) owns the cases it files.
        return principal.HasClaim(c => (c.Type is "roles" or ClaimTypes.Role) && c.Value == IntegrationAppRole)
            && principal.FindFirst(Intake.IntegrationClaims.Client)?.Value is { Length: > 0 } client
            ? CurrentUser.IntegrationClient(client)
            : CurrentUser.Anonymous;
    }

    /// <summary>A fresh identity for a person: id, display name and their current roles.</summary>
    public static ClaimsIdentity IdentityFor(Guid personId, string displayName, PersonRoles roles, IEnumerable<Claim>? extra = null)
    {
        var identity = new ClaimsIdentity(AuthenticationType, ClaimTypes.Name, Role);
        identity.AddClaim(new Claim(PersonId, personId.ToString()));
        identity.AddClaim(new Claim(ClaimTypes.Name, displayName));
        foreach (var role in AppRoleNames(roles))
        {
            identity.AddClaim(new Claim(Role, role));
        }

        if (extra is not null)
        {
            identity.AddClaims(extra);
        }

        return identity;
    }
}
