namespace MesaServicio.Core.TimedWork;

/// <summary>
/// One kind of timed work (survey windows, ANS thresholds, the outbox, the monthly report). Each run reads what
/// is due from the database and the <see cref="TimeProvider"/>, does it, and records it in the same transaction,
/// so that a run can be repeated, interrupted or run by two instances at once without missing or repeating a
/// thing. The background service runs every registered piece in <see cref="Order"/>.
/// </summary>
public interface ITimedWork
{
    /// <summary>For logs.</summary>
    string Name { get; }

    /// <summary>Lower first: work that queues messages runs before the outbox sends them.</summary>
    int Order { get; }

    /// <summary>Does what is due now; returns how many things it did (for logs and tests).</summary>
    Task<int> RunAsync(CancellationToken cancellationToken);
}
