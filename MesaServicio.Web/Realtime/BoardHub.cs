using MesaServicio.Core.Board;
using MesaServicio.Core.Common;
using MesaServicio.Web.Auth;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace MesaServicio.Web.Realtime;

/// <summary>
/// The live board's hub (<c>/hubs/tablero</c>). Clients only listen: on connect the connection joins the delivery
/// groups of the person's reach (<see cref="BoardAudience.ForUser"/>); changes arrive as
/// <see cref="CaseChangedMethod"/> with a <see cref="BoardChangeMessage"/>. The message names a case only; the
/// browser then re-reads the board through <see cref="GetBoard"/>, which is authorised.
/// Only staff get board connections. The case page and the notice bell no longer use a hub: they listen to the
/// server's live feed in their circuit (decision 0020).
/// </summary>
[Authorize(AuthenticationSchemes = CookieAuthenticationDefaults.AuthenticationScheme)]
public sealed class BoardHub(GetBoardSubscriptions subscriptions) : Hub
{
    /// <summary>Where the hub is mapped.</summary>
    public const string Path = "/hubs/tablero";

    /// <summary>The client method a change is delivered to.</summary>
    public const string CaseChangedMethod = "caseChanged";

    /// <summary>Sent to the caller once its connection has joined its groups: from then on it misses no change.</summary>
    public const string ReadyMethod = "ready";

    public override async Task OnConnectedAsync()
    {
        var user = MesaClaims.ToCurrentUser(Context.User);
        IReadOnlyList<string> groups;
        try
        {
            groups = await subscriptions.HandleAsync(user, Context.ConnectionAborted);
        }
        catch (ForbiddenException)
        {
            // The policy already refused at the door; this is the Core check behind it.
            Context.Abort();
            return;
        }

        foreach (var group in groups)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted);
        }

        await base.OnConnectedAsync();
        await Clients.Caller.SendAsync(ReadyMethod, Context.ConnectionAborted);
    }
}
