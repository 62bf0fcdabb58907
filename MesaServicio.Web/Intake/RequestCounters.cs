using System.Collections.Concurrent;
using MesaServicio.Web.Hosting;
using StackExchange.Redis;

namespace MesaServicio.Web.Intake;

/// <summary>A counter's reading in its current window: how many, and how long until the window ends.</summary>
public readonly record struct CounterReading(long Count, TimeSpan Left);

/// <summary>
/// Fixed-window counters for the intake API's limits (requests per client, failed authentications per address). One
/// instance keeps them in memory; with <c>Redis:Connection</c> they live in Redis, so every instance behind the load
/// balancer counts the same requests (a client cannot multiply its limit by the number of instances).
/// </summary>
public interface IRequestCounter
{
    /// <summary>Counts one more for <paramref name="key"/> in the current window of <paramref name="window"/>; returns the count after it.</summary>
    Task<CounterReading> AddAsync(string key, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>Reads the count of <paramref name="key"/> in the current window without counting.</summary>
    Task<CounterReading> ReadAsync(string key, TimeSpan window, CancellationToken cancellationToken);
}

/// <summary>Where a fixed window starts and ends, from the clock.</summary>
internal static class CounterWindow
{
    public static (long Index, TimeSpan Left) Of(TimeProvider time, TimeSpan window)
    {
        var ticks = time.GetUtcNow().UtcTicks;
        return (ticks / window.Ticks, TimeSpan.FromTicks(window.Ticks - (ticks % window.Ticks)));
    }
}

/// <summary>The counters of one instance, in memory. Windows gone by are dropped as new ones start.</summary>
public sealed class MemoryRequestCounter(TimeProvider time) : IRequestCounter
{
    private readonly ConcurrentDictionary<string, (long Window, long Count)> _counts = new(StringComparer.Ordinal);

    public Task<CounterReading> AddAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var (index, left) = CounterWindow.Of(time, window);
        var now = _counts.AddOrUpdate(key, _ => (index, 1), (_, old) => old.Window == index ? (index, old.Count + 1) : (index, 1));
        if (_counts.Count > 10_000)
        {
            foreach (var stale in _counts.Where(c => c.Value.Window < index))
            {
                _counts.TryRemove(stale);
            }
        }

        return Task.FromResult(new CounterReading(now.Count, left));
    }

    public Task<CounterReading> ReadAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var (index, left) = CounterWindow.Of(time, window);
        var count = _counts.TryGetValue(key, out var value) && value.Window == index ? value.Count : 0;
        return Task.FromResult(new CounterReading(count, left));
    }
}

/// <summary>
/// The counters of every instance, in Redis: one key per counter and window (<c>{prefix}:limite:{key}:{window}</c>), counted
/// with <c>INCR</c> (atomic across instances) and expiring with its window.
/// </summary>
public sealed class RedisRequestCounter(IConnectionMultiplexer redis, RedisSettings settings, TimeProvider time) : IRequestCounter
{
    public async Task<CounterReading> AddAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var (index, left) = CounterWindow.Of(time, window);
        var redisKey = KeyOf(key, index);
        var db = redis.GetDatabase();
        var count = await db.StringIncrementAsync(redisKey).ConfigureAwait(false);
        if (count == 1)
        {
            await db.KeyExpireAsync(redisKey, left + TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }

        return new CounterReading(count, left);
    }

    public async Task<CounterReading> ReadAsync(string key, TimeSpan window, CancellationToken cancellationToken)
    {
        var (index, left) = CounterWindow.Of(time, window);
        var value = await redis.GetDatabase().StringGetAsync(KeyOf(key, index)).ConfigureAwait(false);
        return new CounterReading(value.TryParse(out long count) ? count : 0, left);
    }

    private RedisKey KeyOf(string key, long index) => settings.Key("limite:" + key + ":" + index.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
