using MesaServicio.Core.People;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace MesaServicio.Web.Auth;

/// <summary>
/// Re-checks a live Blazor circuit's user against the database every minute: a deactivated person, or one
/// whose roles changed, loses the circuit's authentication (the page asks them to sign in again).
/// </summary>
public sealed class RevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, GetPersonStanding standings)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        var user = MesaClaims.ToCurrentUser(authenticationState.User);
        if (user.PersonId is not { } personId)
        {
            return false;
        }

        var standing = await standings.HandleAsync(personId, cancellationToken);
        return standing is { IsActive: true } && standing.Roles == user.Roles;
    }
}
