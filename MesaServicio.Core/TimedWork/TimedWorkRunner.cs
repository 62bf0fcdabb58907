using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MesaServicio.Core.TimedWork;

/// <summary>What one piece of timed work did in one run.</summary>
/// <param name="Name">The piece's <see cref="ITimedWork.Name"/>.</param>
/// <param name="Count">How many things it did.</param>
/// <param name="Failed">Whether it threw (the failure is logged; the other pieces still ran).</param>
/// <param name="Skipped">Whether it did not run because another instance holds its lease.</param>
public sealed record TimedWorkCount(string Name, int Count, bool Failed, bool Skipped = false);

/// <summary>
/// Runs every registered <see cref="ITimedWork"/> once, in <see cref="ITimedWork.Order"/>. A piece that fails is
/// logged and the next one runs. Runs of one instance never overlap (the background loop and a caller such as a
/// test or an admin action share this singleton); runs of different instances may, which every piece allows.
/// <para>
/// Before a piece runs, the runner takes its <see cref="ITimedWorkLease"/> (<c>timed-work:{type}</c>) for one
/// interval. Finding it held, the piece is skipped this round: another instance runs it, or ran it less than an
/// interval ago. The lease is renewed while the piece runs and kept after a success until it runs out, so the other
/// instances' rounds within that interval skip the piece; it is given back at once after a failure or a stop, so
/// another instance may take over. Without a shared lease store every lease is granted (<see cref="InProcessTimedWorkLease"/>).
/// </para>
/// </summary>
public sealed partial class TimedWorkRunner : IDisposable
{
    private readonly ITimedWork[] _pieces;
    private readonly ITimedWorkLease _lease;
    private readonly TimeSpan _leaseDuration;
    private readonly TimeProvider _time;
    private readonly ILogger<TimedWorkRunner> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Leases of pieces that succeeded, kept until they run out (guarded by <see cref="_gate"/>).</summary>
    private readonly Dictionary<ITimedWork, ITimedWorkLeaseHandle> _kept = [];

    /// <summary>A runner of one instance: every lease is granted, the interval is the default.</summary>
    public TimedWorkRunner(IEnumerable<ITimedWork> pieces, ILogger<TimedWorkRunner> logger)
        : this(pieces, new InProcessTimedWorkLease(), Options.Create(new TimedWorkOptions()), TimeProvider.System, logger)
    {
    }

    public TimedWorkRunner(
        IEnumerable<ITimedWork> pieces, ITimedWorkLease lease, IOptions<TimedWorkOptions> options, TimeProvider time, ILogger<TimedWorkRunner> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _pieces = [.. pieces.OrderBy(p => p.Order)];
        _lease = lease;
        _leaseDuration = options.Value.Interval;
        _time = time;
        _logger = logger;
    }

    /// <summary>The pieces, in the order they run.</summary>
    public IReadOnlyList<ITimedWork> Pieces => _pieces;

    /// <summary>The name of a piece's lease.</summary>
    public static string LeaseName(ITimedWork piece)
    {
        ArgumentNullException.ThrowIfNull(piece);
        return "timed-work:" + piece.GetType().Name;
    }

    /// <summary>
    /// Runs each piece once, in order. Cancellation is seen between pieces (and by each piece between its units of
    /// work, each of which is one transaction that is finished, never left half-written).
    /// </summary>
    public async Task<IReadOnlyList<TimedWorkCount>> RunOnceAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var counts = new List<TimedWorkCount>(_pieces.Length);
            foreach (var piece in _pieces)
            {
                cancellationToken.ThrowIfCancellationRequested();
                counts.Add(await RunPieceAsync(piece, cancellationToken).ConfigureAwait(false));
            }

            return counts;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Gives back the leases kept after successful runs (on shutdown: another instance may take over at once).</summary>
    public async Task ReleaseLeasesAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var lease in _kept.Values)
            {
                await lease.DisposeAsync().ConfigureAwait(false);
            }

            _kept.Clear();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<TimedWorkCount> RunPieceAsync(ITimedWork piece, CancellationToken cancellationToken)
    {
        // This instance's lease from its previous round (a no-op when it ran out and another instance holds it now).
        if (_kept.Remove(piece, out var previous))
        {
            await previous.DisposeAsync().ConfigureAwait(false);
        }

        var lease = await _lease.TryAcquireAsync(LeaseName(piece), _leaseDuration, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            LogPieceSkipped(_logger, piece.Name);
            return new TimedWorkCount(piece.Name, 0, false, Skipped: true);
        }

        var keep = false;
        try
        {
            var count = await RunHoldingAsync(piece, lease, cancellationToken).ConfigureAwait(false);
            if (count > 0)
            {
                LogPieceDone(_logger, piece.Name, count);
            }

            keep = !cancellationToken.IsCancellationRequested;
            return new TimedWorkCount(piece.Name, count, false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // One failing piece (a database hiccup, a bug) must not stop the others nor the loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogPieceFailed(_logger, piece.Name, ex);
            return new TimedWorkCount(piece.Name, 0, true);
        }
        finally
        {
            if (keep)
            {
                _kept[piece] = lease;
            }
            else
            {
                await lease.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs the piece while renewing its lease every third of its duration.</summary>
    private async Task<int> RunHoldingAsync(ITimedWork piece, ITimedWorkLeaseHandle lease, CancellationToken cancellationToken)
    {
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = RenewWhileRunningAsync(lease, renewing.Token);
        try
        {
            return await piece.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await renewing.CancelAsync().ConfigureAwait(false);
            await renewal.ConfigureAwait(false);
        }
    }

    private async Task RenewWhileRunningAsync(ITimedWorkLeaseHandle lease, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_leaseDuration / 3, _time, cancellationToken).ConfigureAwait(false);
                if (!await lease.RenewAsync(_leaseDuration, cancellationToken).ConfigureAwait(false))
                {
                    // Another instance may run the piece too from now on: the database keeps that safe.
                    LogLeaseLost(_logger, lease.Name);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The piece is done.
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "Timed work {Piece} did {Count} things")]
    private static partial void LogPieceDone(ILogger logger, string piece, int count);

    // The exception is logged as is: the pieces never put personal data or case text in exception messages.
    [LoggerMessage(EventId = 5102, Level = LogLevel.Error, Message = "Timed work {Piece} failed; it runs again at the next interval")]
    private static partial void LogPieceFailed(ILogger logger, string piece, Exception exception);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Debug, Message = "Timed work {Piece} skipped: another instance holds its lease")]
    private static partial void LogPieceSkipped(ILogger logger, string piece);

    [LoggerMessage(EventId = 5107, Level = LogLevel.Warning,
        Message = "The lease {Lease} ran out while its piece was running; another instance may run it at the same time (the database keeps that safe)")]
    private static partial void LogLeaseLost(ILogger logger, string lease);
}
