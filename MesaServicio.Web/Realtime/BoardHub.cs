using MesaServicio.Core.Board;
using MesaServicio.Core.Cases;
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
/// A connection opened with <c>?canal=avisos</c> (the layout's bell, on every page, for every signed-in person) joins
/// only the person's notice group and receives <see cref="NoticeMethod"/> with a <see cref="NoticeMessage"/>: no board
/// traffic. One opened with <c>?canal=caso&amp;numero=MS-…</c> (an open case page) joins that case's group, if the person
/// may see the case, and receives <see cref="CaseChangedMethod"/> with the number when it changes. Only staff get board
/// connections.
/// </summary>
[Authorize(AuthenticationSchemes = CookieAuthenticationDefaults.AuthenticationScheme)]
public sealed class BoardHub(GetBoardSubscriptions subscriptions, GetCaseSubscription caseSubscriptions) : Hub
{
    /// <summary>Where the hub is mapped.</summary>
    public const string Path = "/hubs/tablero";

    /// <summary>The client method a change is delivered to.</summary>
    public const string CaseChangedMethod = "caseChanged";

    /// <summary>Sent to the caller once its connection has joined its groups: from then on it misses no change.</summary>
    public const string ReadyMethod = "ready";

    /// <summary>The client method a portal notice is delivered to (notice connections only).</summary>
    public const string NoticeMethod = "notice";

    /// <summary>The query parameter and value that open a notice connection: <c>/hubs/tablero?canal=avisos</c>.</summary>
    public const string ChannelParameter = "canal";

    /// <inheritdoc cref="ChannelParameter"/>
    public const string NoticeChannel = "avisos";

    /// <summary>The channel of one case's page: <c>/hubs/tablero?canal=caso&amp;numero=MS-2026-000001</c>.</summary>
    public const string CaseChannel = "caso";

    /// <summary>The query parameter naming the case of a case connection.</summary>
    public const string CaseParameter = "numero";

    public override async Task OnConnectedAsync()
    {
        var user = MesaClaims.ToCurrentUser(Context.User);
        if (Channel() == CaseChannel)
        {
            string group;
            try
            {
                group = await caseSubscriptions.HandleAsync(
                    Context.GetHttpContext()?.Request.Query[CaseParameter].ToString() ?? "", user, Context.ConnectionAborted);
            }
            catch (DomainException)
            {
                // Not found, or out of reach (answered the same).
                Context.Abort();
                return;
            }

            await Groups.AddToGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted);
            await base.OnConnectedAsync();
            await Clients.Caller.SendAsync(ReadyMethod, Context.ConnectionAborted);
            return;
        }

        if (Channel() == NoticeChannel)
        {
            if (user.Kind != Core.Security.PrincipalKind.Person || user.PersonId is not { } me)
            {
                Context.Abort();
                return;
            }

            await Groups.AddToGroupAsync(Context.ConnectionId, HubPortalNotifier.Group(me), Context.ConnectionAborted);
            await base.OnConnectedAsync();
            await Clients.Caller.SendAsync(ReadyMethod, Context.ConnectionAborted);
            return;
        }

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

    private string? Channel() => Context.GetHttpContext()?.Request.Query[ChannelParameter].ToString();
}
