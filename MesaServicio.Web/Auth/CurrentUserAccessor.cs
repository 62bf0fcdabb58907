using MesaServicio.Core.Security;
using Microsoft.AspNetCore.Components.Authorization;

namespace MesaServicio.Web.Auth;

/// <summary>The signed-in user of an interactive component, from <see cref="AuthenticationStateProvider"/> (never HttpContext).</summary>
public sealed class CurrentUserAccessor(AuthenticationStateProvider authentication)
{
    public async Task<CurrentUser> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return MesaClaims.ToCurrentUser(state.User);
    }
}
