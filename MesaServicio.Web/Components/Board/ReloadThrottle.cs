namespace MesaServicio.Web.Components.Board;

/// <summary>
/// Coalesces bursts of "reload" signals: the first signal after a quiet period reloads at once, later ones within
/// <c>interval</c> of the last reload fold into one reload at the end of the interval. At most one reload per
/// interval, and the last signal is never lost.
/// </summary>
public sealed class ReloadThrottle(TimeSpan interval, Func<Task> reload, TimeProvider time) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private bool _scheduled;
    private DateTimeOffset _lastRun = DateTimeOffset.MinValue;

    /// <summary>How many reloads ran (for tests and the benchmark).</summary>
    public int Reloads { get; private set; }

    public void Signal()
    {
        TimeSpan wait;
        lock (_gate)
        {
            if (_scheduled || _stop.IsCancellationRequested)
            {
                return;
            }

            _scheduled = true;
            var since = time.GetUtcNow() - _lastRun;
            wait = since >= interval ? TimeSpan.Zero : interval - since;
        }

        _ = RunAsync(wait);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task RunAsync(TimeSpan wait)
    {
        try
        {
            var token = _stop.Token;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, token).ConfigureAwait(false);
            }

            lock (_gate)
            {
                _scheduled = false;
                _lastRun = time.GetUtcNow();
                Reloads++;
            }

            await reload().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Disposed with its component.
        }
        catch (ObjectDisposedException)
        {
            // Disposed while waiting.
        }
    }
}
