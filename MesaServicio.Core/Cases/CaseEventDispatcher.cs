using Microsoft.Extensions.Logging;

namespace MesaServicio.Core.Cases;

/// <summary>Reacts to case events after they are committed (live board, notifications...).</summary>
public interface ICaseEventHandler
{
    Task HandleAsync(IReadOnlyList<CaseEvent> events, CancellationToken cancellationToken);
}

/// <summary>
/// Delivers committed events to every registered <see cref="ICaseEventHandler"/>. A failing handler is
/// logged and does not undo the committed change nor stop the other handlers.
/// </summary>
public sealed class CaseEventDispatcher(IEnumerable<ICaseEventHandler> handlers, ILogger<CaseEventDispatcher> logger)
{
    /// <summary>
    /// The events of a committed change reach every handler whatever happens to the request that made it: the caller's
    /// token is deliberately not passed on (a client that disconnects right after the commit must not leave open boards
    /// without the case). Handlers get <see cref="CancellationToken.None"/>.
    /// </summary>
    public async Task DispatchAsync(IReadOnlyList<CaseEvent> events, CancellationToken cancellationToken)
    {
        _ = cancellationToken; // Deliberately not passed on (above).
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        foreach (var handler in handlers)
        {
            try
            {
                await handler.HandleAsync(events, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A listener's failure must not surface as a failed (already committed) operation.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "Case event handler {Handler} failed for {Count} events", handler.GetType().Name, events.Count);
            }
        }
    }
}
