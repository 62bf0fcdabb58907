using System.Globalization;
using System.Security.Claims;
using MesaServicio.Core.Security;
using MesaServicio.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Identity.Web;

namespace MesaServicio.Web.Intake;

/// <summary>The authentication schemes of the intake API (never the portal's cookie).</summary>
public static class IntegrationSchemes
{
    /// <summary>App-only Entra ID access tokens (JWT bearer through Microsoft.Identity.Web).</summary>
    public const string EntraApi = "EntraApi";

    /// <summary>The <c>X-Api-Key</c> header.</summary>
    public const string ApiKey = "ApiKey";
}

/// <summary>Claims of an integration principal.</summary>
public static class IntegrationClaims
{
    /// <summary>Which client it is (<c>key:{id}</c> or <c>app:{client id}</c>): the rate limiter's partition.</summary>
    public const string Client = "mesa:client";

    public static string KeyClient(Guid keyId) => "key:" + keyId.ToString("N", CultureInfo.InvariantCulture);

    public static string AppClient(string appId) => "app:" + appId;
}

/// <summary>Registers the intake API's schemes and the token checks an app-only Entra token must pass.</summary>
public static class IntegrationAuthentication
{
    private static readonly string[] ScopeClaims = ["scp", "http://schemas.microsoft.com/identity/claims/scope"];
    private static readonly string[] ObjectIdClaims = ["oid", "http://schemas.microsoft.com/identity/claims/objectidentifier"];
    private static readonly string[] SubjectClaims = ["sub", ClaimTypes.NameIdentifier];
    private static readonly string[] AppIdClaims = ["azp", "appid"];

    /// <summary>
    /// The API key scheme always; the Entra scheme when Entra is configured (the <c>AzureAd</c> section).
    /// Returns the schemes registered, for the API's policy.
    /// </summary>
    public static IReadOnlyList<string> AddIntegrationSchemes(this AuthenticationBuilder builder, IConfigurationSection? azureAd)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(IntegrationSchemes.ApiKey, null);
        if (azureAd is null)
        {
            return [IntegrationSchemes.ApiKey];
        }

        builder.AddMicrosoftIdentityWebApi(
            _ => { },
            identity =>
            {
                azureAd.Bind(identity);

                // Roles are checked by the API's policy (403 when missing), not by the token handler (which would answer 401).
                identity.AllowWebApiToBeAuthorizedByACL = true;
            },
            IntegrationSchemes.EntraApi);
        builder.Services.Configure<JwtBearerOptions>(IntegrationSchemes.EntraApi, options =>
        {
            var previous = options.Events.OnTokenValidated;
            options.Events.OnTokenValidated = async context =>
            {
                await previous(context);
                if (context.Result is null && context.Principal is not null)
                {
                    context.Principal = IntegrationPrincipal(context);
                }
            };
        });
        return [IntegrationSchemes.EntraApi, IntegrationSchemes.ApiKey];
    }

    /// <summary>
    /// Keeps only what the desk needs of a validated token: which app called, and the integration role when the
    /// token is app-only (no <c>scp</c>, <c>idtyp=app</c> or <c>oid</c> = <c>sub</c>) and carries
    /// <c>Mesa.Integracion</c>. A user's (delegated) token, or one without the role, stays authenticated with no
    /// permission: the API answers 403.
    /// </summary>
    private static ClaimsPrincipal IntegrationPrincipal(TokenValidatedContext context)
    {
        var token = context.Principal!;
        string? First(string[] types) => types.Select(t => token.FindFirst(t)?.Value).FirstOrDefault(v => !string.IsNullOrEmpty(v));
        var idType = token.FindFirst("idtyp")?.Value;
        var objectId = First(ObjectIdClaims);
        var appOnly = First(ScopeClaims) is null && idType != "user"
            && (idType == "app" || (objectId is not null && objectId == First(SubjectClaims)));
        var hasRole = token.Claims.Any(c => c.Type is "roles" or ClaimTypes.Role && c.Value == MesaClaims.IntegrationAppRole);
        var appId = First(AppIdClaims) ?? "unknown";

        var identity = new ClaimsIdentity(IntegrationSchemes.EntraApi, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(IntegrationClaims.Client, IntegrationClaims.AppClient(appId)));
        identity.AddClaim(new Claim(ClaimTypes.Name, IntegrationClaims.AppClient(appId)));
        if (appOnly && hasRole)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, MesaClaims.IntegrationAppRole));
        }
        else
        {
            var log = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(SecurityLog.Category);
            SecurityLog.TokenNotIntegration(log, appId, appOnly ? "no Mesa.Integracion role" : "a user's (delegated) token");
        }

        return new ClaimsPrincipal(identity);
    }
}
