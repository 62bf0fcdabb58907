using MesaServicio.Core.Board;
using MesaServicio.Core.Cases;
using Microsoft.AspNetCore.SignalR;

namespace MesaServicio.Web.Realtime;

/// <summary>
/// The one seam through which board changes leave this instance. The default sends through this instance's hub;
/// several instances need a backplane (Redis) behind the hub or another implementation here (decision 0007).
/// </summary>
public interface IBoardFanout
{
    Task PublishAsync(IReadOnlyList<string> groups, BoardChangeMessage message, CancellationToken cancellationToken);
}

/// <summary>Sends to this instance's <see cref="BoardHub"/> connections.</summary>
public sealed class HubBoardFanout(IHubContext<BoardHub> hub) : IBoardFanout
{
    public Task PublishAsync(IReadOnlyList<string> groups, BoardChangeMessage message, CancellationToken cancellationToken) =>
        hub.Clients.Groups(groups).SendAsync(BoardHub.CaseChangedMethod, message, cancellationToken);
}

/// <summary>Announces committed case changes on the live board (Core delivers the events after the commit).</summary>
public sealed class BoardEventHandler(BoardChanges changes, IBoardFanout fanout) : ICaseEventHandler
{
    public async Task HandleAsync(IReadOnlyList<CaseEvent> events, CancellationToken cancellationToken)
    {
        foreach (var change in await changes.ForAsync(events, cancellationToken).ConfigureAwait(false))
        {
            await fanout.PublishAsync(change.Groups, BoardChangeMessage.From(change), cancellationToken).ConfigureAwait(false);
        }
    }
}
