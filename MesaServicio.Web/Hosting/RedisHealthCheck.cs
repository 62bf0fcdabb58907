using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace MesaServicio.Web.Hosting;

/// <summary>Ready when Redis answers a PING within <see cref="Timeout"/> (only registered when Redis is configured).</summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    /// <summary>How long the PING may take: a readiness probe must answer quickly.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await redis.GetDatabase().PingAsync().WaitAsync(Timeout, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
#pragma warning disable CA1031 // Any failure to reach Redis means "not ready"; the type is reported, not thrown.
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy(ex.GetType().Name);
        }
    }
}
