using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Core.Calendar;

/// <summary>
/// With several instances behind a load balancer, a coordinator's change to the calendar reaches only the instance
/// that made it. This loop compares the stored settings' version every <see cref="Interval"/> and rebuilds the
/// calendar when another instance changed it, so every instance follows within that interval.
/// </summary>
public sealed partial class CalendarSettingsWatcher(
    StoredBusinessCalendarProvider provider, TimeProvider time, ILogger<CalendarSettingsWatcher> logger) : BackgroundService
{
    /// <summary>How often the stored version is compared.</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(false);
                if (await provider.RefreshIfChangedAsync(stoppingToken).ConfigureAwait(false))
                {
                    LogRebuilt(logger, provider.Version ?? 0);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // A failed comparison (database busy) keeps the calendar in force and tries again later.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "Business calendar changed elsewhere; rebuilt at version {Version}")]
    private static partial void LogRebuilt(ILogger logger, int version);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Warning, Message = "Could not compare the stored business calendar; keeping the one in force")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
