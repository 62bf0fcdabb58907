using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MesaServicio.Core.TimedWork;

/// <summary>
/// The background loop: at start, then every <see cref="TimedWorkOptions.IntervalSeconds"/> on the
/// <see cref="TimeProvider"/>, runs all the timed work once through <see cref="TimedWorkRunner"/>. Everything
/// due is read from the database, so a restart, a pause or a missed interval only delays work, never loses or
/// repeats it. On shutdown the piece running finishes its current transaction and the loop ends.
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

        LogStopped(logger);
    }

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Timed work started: {Pieces} pieces every {IntervalSeconds} s")]
    private static partial void LogStarted(ILogger logger, int pieces, int intervalSeconds);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Information, Message = "Timed work is disabled on this instance (TimedWork:Enabled)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Information, Message = "Timed work stopped")]
    private static partial void LogStopped(ILogger logger);
}
