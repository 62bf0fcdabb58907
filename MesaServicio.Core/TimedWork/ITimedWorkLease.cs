namespace MesaServicio.Core.TimedWork;

/// <summary>
/// A named lease that the instances sharing the database take before they run a piece of timed work, so that one of
/// them runs it each interval instead of all of them reading the same due work. It saves duplicated work only: every
/// piece stays correct without it (unique rows, conditional updates, the outbox's own leases, decision 0012), so an
/// implementation that cannot reach its store grants the lease rather than stop the work.
/// </summary>
public interface ITimedWorkLease
{
    /// <summary>
    /// Takes the lease <paramref name="name"/> for <paramref name="duration"/>; null when another holder has it.
    /// Disposing the returned handle gives the lease back (only if it is still this holder's).
    /// </summary>
    Task<ITimedWorkLeaseHandle?> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken);
}

/// <summary>A lease held. <see cref="IAsyncDisposable.DisposeAsync"/> gives it back if it is still this holder's.</summary>
public interface ITimedWorkLeaseHandle : IAsyncDisposable
{
    /// <summary>The lease's name.</summary>
    string Name { get; }

    /// <summary>
    /// Extends the lease to <paramref name="duration"/> from now; false when it is no longer this holder's (it ran out
    /// and another holder took it), in which case nothing is changed.
    /// </summary>
    Task<bool> RenewAsync(TimeSpan duration, CancellationToken cancellationToken);
}

/// <summary>
/// The lease of a single instance (no shared store configured): always granted. Several instances without a shared
/// lease each run every piece, which the database makes safe.
/// </summary>
public sealed class InProcessTimedWorkLease : ITimedWorkLease
{
    public Task<ITimedWorkLeaseHandle?> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken) =>
        Task.FromResult<ITimedWorkLeaseHandle?>(new GrantedLease(name));

    /// <summary>A lease that nobody else can contest: renewing always succeeds, giving it back does nothing.</summary>
    public sealed class GrantedLease(string name) : ITimedWorkLeaseHandle
    {
        public string Name => name;

        public Task<bool> RenewAsync(TimeSpan duration, CancellationToken cancellationToken) => Task.FromResult(true);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
