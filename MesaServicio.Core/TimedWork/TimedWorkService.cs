using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MesaServicio.Core.TimedWork;

/// <summary>
/// The background loop: at start, then every <see cref="TimedWorkOptions.IntervalSeconds"/> on the
/// <see cref="TimeProvider"/>, runs all the timed work once through <see cref="TimedWorkRunner"/>. Everything
/// due is read from the database, so a restart, a pause or a missed interval only delays work, never loses or
/// repeats it. On shutdown (<see cref="BackgroundService.StopAsync"/>, bounded by the host's
/// <c>HostOptions.ShutdownTimeout</c>) no further piece starts, the piece running finishes its current transaction
/// (the outbox hands back a message it had claimed but not sent), and the loop gives back its leases before it ends.
/// </summary>
public sealed partial class TimedWorkService(
    TimedWorkRunner runner, IOptions<TimedWorkOptions> options, TimeProvider time, ILogger<TimedWorkService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        LogStarted(logger, runner.Pieces.Count, settings.IntervalSeconds);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await runner.RunOnceAsync(stoppingToken).ConfigureAwait(false);
                    await Task.Delay(settings.Interval, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
            }
        }
        finally
        {
            await runner.ReleaseLeasesAsync().ConfigureAwait(false);
        }

        LogStopped(logger);
    }

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Timed work started: {Pieces} pieces every {IntervalSeconds} s")]
    private static partial void LogStarted(ILogger logger, int pieces, int intervalSeconds);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Information, Message = "Timed work is disabled on this instance (TimedWork:Enabled)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Information, Message = "Timed work stopped")]
    private static partial void LogStopped(ILogger logger);
}
