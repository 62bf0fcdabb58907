using System.Security.Cryptography;
using MesaServicio.Core.TimedWork;
using StackExchange.Redis;

namespace MesaServicio.Web.Hosting;

/// <summary>
/// The timed work's lease in Redis: <c>SET {prefix}:lease:{name} {token} NX PX {ms}</c>, renewed and given back by
/// Lua scripts that act only while the key still holds this holder's token (a lease that ran out and was taken by
/// another instance is never extended or deleted by the one that lost it). When Redis does not answer, the lease is
/// granted and a warning logged once per outage: the database keeps every piece correct without it (decision 0013).
/// </summary>
public sealed partial class RedisTimedWorkLease(
    IConnectionMultiplexer redis, RedisSettings settings, TimedWorkInstance instance, ILogger<RedisTimedWorkLease> logger) : ITimedWorkLease
{
    /// <summary>How long one Redis command may take before the lease is treated as unavailable.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(2);

    private const string RenewScript =
        "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

    private const string ReleaseScript =
        "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    /// <summary>1 while Redis does not answer (the warning is logged once per outage).</summary>
    private int _unavailable;

    /// <summary>The Redis key of a lease.</summary>
    public RedisKey KeyOf(string name) => settings.Key("lease:" + name);

    public async Task<ITimedWorkLeaseHandle?> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        // The token names the instance, so an operator reading the key sees who holds the lease.
        var token = instance.Id + ":" + RandomNumberGenerator.GetHexString(16, lowercase: true);
        var key = KeyOf(name);
        var taken = await CallAsync(
            name, db => db.StringSetAsync(key, token, duration, When.NotExists), cancellationToken).ConfigureAwait(false);
        return taken switch
        {
            true => new Lease(this, name, key, token),
            false => null,
            null => new InProcessTimedWorkLease.GrantedLease(name),
        };
    }

    private async Task<bool> RenewAsync(string name, RedisKey key, string token, TimeSpan duration, CancellationToken cancellationToken)
    {
        var renewed = await CallAsync(
            name, db => Evaluate(db, RenewScript, key, token, (long)Math.Ceiling(duration.TotalMilliseconds)), cancellationToken).ConfigureAwait(false);

        // Unknown (Redis does not answer): go on; the database is the last word.
        return renewed ?? true;
    }

    private Task ReleaseAsync(string name, RedisKey key, string token) =>
        CallAsync(name, db => Evaluate(db, ReleaseScript, key, token), CancellationToken.None);

    private static async Task<bool> Evaluate(IDatabase db, string script, RedisKey key, params RedisValue[] values) =>
        (long)await db.ScriptEvaluateAsync(script, [key], values).ConfigureAwait(false) == 1;

    /// <summary>Runs one command; null when Redis does not answer in time (logged once per outage).</summary>
    private async Task<bool?> CallAsync(string name, Func<IDatabase, Task<bool>> command, CancellationToken cancellationToken)
    {
        if (!redis.IsConnected)
        {
            // Asking would wait for the command timeout on every piece of every round.
            Unavailable(name, "not connected");
            return null;
        }

        try
        {
            var result = await command(redis.GetDatabase()).WaitAsync(CommandTimeout, cancellationToken).ConfigureAwait(false);
            if (Interlocked.Exchange(ref _unavailable, 0) == 1)
            {
                LogBack(logger);
            }

            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Redis down, slow or disposed at shutdown: the work goes on without the lease.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Unavailable(name, ex.GetType().Name);
            return null;
        }
    }

    private void Unavailable(string name, string error)
    {
        if (Interlocked.Exchange(ref _unavailable, 1) == 0)
        {
            LogUnavailable(logger, name, error);
        }
    }

    [LoggerMessage(EventId = 8101, Level = LogLevel.Warning,
        Message = "Redis did not answer for the lease {Lease} ({Error}): timed work runs on this instance without leases until it answers; the database keeps it correct")]
    private static partial void LogUnavailable(ILogger logger, string lease, string error);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Information, Message = "Redis answers again: timed work takes its leases there")]
    private static partial void LogBack(ILogger logger);

    /// <summary>A lease held in Redis under <paramref name="token"/>.</summary>
    private sealed class Lease(RedisTimedWorkLease owner, string name, RedisKey key, string token) : ITimedWorkLeaseHandle
    {
        private int _released;

        public string Name => name;

        public Task<bool> RenewAsync(TimeSpan duration, CancellationToken cancellationToken) =>
            owner.RenewAsync(name, key, token, duration, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                await owner.ReleaseAsync(name, key, token).ConfigureAwait(false);
            }
        }
    }
}
