using MesaServicio.Core.Cases;
using MesaServicio.Core.Priority;
using Microsoft.Extensions.Logging.Abstractions;

namespace MesaServicio.Tests.Live;

/// <summary>
/// Issue 20, finding 6: under load an intake client disconnected right after its case was committed, the request's
/// token reached the post-commit dispatch, the board's handler was cancelled and open boards missed the case.
/// </summary>
public sealed class CommittedEventDeliveryTests
{
    [Fact]
    public async Task The_events_of_a_committed_change_reach_every_handler_even_when_the_request_is_cancelled()
    {
        var board = new TokenHonouringHandler();
        var other = new TokenHonouringHandler();
        var dispatcher = new CaseEventDispatcher([board, other], NullLogger<CaseEventDispatcher>.Instance);
        using var request = new CancellationTokenSource();
        await request.CancelAsync();
        CaseEvent[] events = [new CaseRegistered(Guid.NewGuid(), "MS-2026-000001", DateTimeOffset.UnixEpoch, 1, CasePriority.Medium)];

        await dispatcher.DispatchAsync(events, request.Token);

        board.Delivered.Should().Equal(events, "the client that disconnected does not decide what open boards hear");
        other.Delivered.Should().Equal(events);
    }

    /// <summary>Like the live publisher under load: it awaits something that honours the token it is given.</summary>
    private sealed class TokenHonouringHandler : ICaseEventHandler
    {
        public List<CaseEvent> Delivered { get; } = [];

        public async Task HandleAsync(IReadOnlyList<CaseEvent> events, CancellationToken cancellationToken)
        {
            await Task.Delay(1, cancellationToken);
            Delivered.AddRange(events);
        }
    }
}
