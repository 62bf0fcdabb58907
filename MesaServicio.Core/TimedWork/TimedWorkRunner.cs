using Microsoft.Extensions.Logging;

namespace MesaServicio.Core.TimedWork;

/// <summary>What one piece of timed work did in one run.</summary>
/// <param name="Name">The piece's <see cref="ITimedWork.Name"/>.</param>
/// <param name="Count">How many things it did.</param>
/// <param name="Failed">Whether it threw (the failure is logged; the other pieces still ran).</param>
public sealed record TimedWorkCount(string Name, int Count, bool Failed);

/// <summary>
/// Runs every registered <see cref="ITimedWork"/> once, in <see cref="ITimedWork.Order"/>. A piece that fails is
/// logged and the next one runs. Runs of one instance never overlap (the background loop and a caller such as a
/// test or an admin action share this singleton); runs of different instances may, which every piece allows.
/// </summary>
public sealed partial class TimedWorkRunner(IEnumerable<ITimedWork> pieces, ILogger<TimedWorkRunner> logger) : IDisposable
{
    private readonly ITimedWork[] _pieces = [.. pieces.OrderBy(p => p.Order)];
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The pieces, in the order they run.</summary>
    public IReadOnlyList<ITimedWork> Pieces => _pieces;

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
                try
                {
                    var count = await piece.RunAsync(cancellationToken).ConfigureAwait(false);
                    counts.Add(new TimedWorkCount(piece.Name, count, false));
                    if (count > 0)
                    {
                        LogPieceDone(logger, piece.Name, count);
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // One failing piece (a database hiccup, a bug) must not stop the others nor the loop.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogPieceFailed(logger, piece.Name, ex);
                    counts.Add(new TimedWorkCount(piece.Name, 0, true));
                }
            }

            return counts;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(EventId = 5101, Level = LogLevel.Debug, Message = "Timed work {Piece} did {Count} things")]
    private static partial void LogPieceDone(ILogger logger, string piece, int count);

    // The exception is logged as is: the pieces never put personal data or case text in exception messages.
    [LoggerMessage(EventId = 5102, Level = LogLevel.Error, Message = "Timed work {Piece} failed; it runs again at the next interval")]
    private static partial void LogPieceFailed(ILogger logger, string piece, Exception exception);
}
