using System.Security.Claims;
using System.Text.Encodings.Web;
using MesaServicio.Core.ApiKeys;
using MesaServicio.Core.Security;
using MesaServicio.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace MesaServicio.Web.Intake;

/// <summary>Options of the <see cref="IntegrationSchemes.ApiKey"/> scheme (nothing to set: Core keeps the keys).</summary>
public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions;

/// <summary>
/// Authenticates a PQRS system outside Entra ID by its <c>X-Api-Key</c> header, through Core's
/// <see cref="VerifyApiKey"/> (hash compared in constant time; revoked and expired keys refused). No header:
/// no result (another scheme may answer). A refused key fails without saying why; the security log says why, and the
/// address's failures are counted so that too many are refused before the look-up.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<ApiKeyAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder, VerifyApiKey verify, IRequestCounter failures)
    : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeySecrets.HeaderName, out var values))
        {
            return AuthenticateResult.NoResult();
        }

        var check = values.Count == 1
            ? await verify.HandleAsync(values[0], Context.RequestAborted)
            : new ApiKeyCheck(ApiKeyCheckOutcome.Malformed, null, null);
        if (!check.Accepted)
        {
            SecurityLog.ApiKeyRefused(Logger, check.Outcome.ToString(), check.KeyId?.ToString() ?? "-");

            // Counted per address: past the limit its next attempts are refused before the look-up (IntakeApiSetup).
            await failures.AddAsync(IntakeApiSetup.FailedAuthenticationsKey(Context), TimeSpan.FromMinutes(1), CancellationToken.None);
            return AuthenticateResult.Fail("The API key was refused.");
        }

        var identity = new ClaimsIdentity(Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(IntegrationClaims.Client, IntegrationClaims.KeyClient(check.Client!.Value)));
        identity.AddClaim(new Claim(ClaimTypes.Name, check.Name!));
        identity.AddClaim(new Claim(ClaimTypes.Role, MesaClaims.IntegrationAppRole));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append("WWW-Authenticate", $"ApiKey header=\"{ApiKeySecrets.HeaderName}\"");
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
