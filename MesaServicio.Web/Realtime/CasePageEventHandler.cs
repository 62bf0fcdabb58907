using MesaServicio.Core.Cases;
using Microsoft.AspNetCore.SignalR;

namespace MesaServicio.Web.Realtime;

/// <summary>
/// Tells the open pages of a case that it changed (state, conversation, attachments, history): one message per case per
/// commit, naming only its number; each page then reads the case again through <see cref="GetCaseDetails"/>, which is
/// authorised. Sent through the hub, so with several instances the backplane carries it (decision 0007).
/// </summary>
public sealed partial class CasePageEventHandler(IHubContext<BoardHub> hub, ILogger<CasePageEventHandler> logger) : ICaseEventHandler
{
    public async Task HandleAsync(IReadOnlyList<CaseEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var changed in events.GroupBy(e => e.CaseId))
        {
            try
            {
                await hub.Clients.Group(GetCaseSubscription.Group(changed.Key))
                    .SendAsync(BoardHub.CaseChangedMethod, changed.First().Number, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The change is committed; an open page shows it on its next read.
                PushFailed(logger, changed.First().Number, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The open pages of case {Number} could not be told of its change.")]
    private static partial void PushFailed(ILogger logger, string number, Exception exception);
}
