using StackExchange.Redis;

namespace MesaServicio.Tests.Support;

/// <summary>
/// The Redis server the scale-out tests use: <c>MESA_TEST_REDIS</c> (e.g. <c>127.0.0.1:6379</c>). Unset, those tests
/// are skipped — unless <c>MESA_REQUIRE_SERVICES=1</c> (CI), where a missing or silent server fails them. Each test
/// works under a prefix of its own (<see cref="NewPrefix"/>), so tests running in parallel never see each other's
/// keys or channels.
/// </summary>
public static class RedisTestServer
{
    public const string Variable = "MESA_TEST_REDIS";

    /// <summary>The configured server, or null.</summary>
    public static string? Configured => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value.Trim() : null;

    /// <summary>The server's address, or a failure that says how to provide it.</summary>
    public static string Connection => Configured ?? throw new InvalidOperationException(
        $"{TestServices.RequireVariable}=1 but {Variable} is not set: start a Redis server and set {Variable}=host:port.");

    /// <summary>A key and channel prefix no other test uses.</summary>
    public static string NewPrefix() => "mesa-test-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A client of the test server, checked with a PING so that a silent server fails with a clear message.</summary>
    public static async Task<ConnectionMultiplexer> ConnectAsync()
    {
        var options = ConfigurationOptions.Parse(Connection);
        options.AbortOnConnectFail = false;
        options.ConnectRetry = 1;
        var redis = await ConnectionMultiplexer.ConnectAsync(options);
        try
        {
            await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            await redis.DisposeAsync();
            throw new InvalidOperationException($"The Redis server at {Variable}={Connection} does not answer.", ex);
        }

        return redis;
    }

    /// <summary>Deletes every key under <paramref name="prefix"/> (what a test leaves behind without an expiry).</summary>
    public static async Task DeleteKeysAsync(IConnectionMultiplexer redis, string prefix)
    {
        ArgumentNullException.ThrowIfNull(redis);
        foreach (var endpoint in redis.GetEndPoints())
        {
            await foreach (var key in redis.GetServer(endpoint).KeysAsync(pattern: prefix + ":*"))
            {
                await redis.GetDatabase().KeyDeleteAsync(key);
            }
        }
    }
}

/// <summary>
/// A test that needs the Redis server of <see cref="RedisTestServer"/>: skipped, saying why, when
/// <c>MESA_TEST_REDIS</c> is unset and <c>MESA_REQUIRE_SERVICES</c> is not 1.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (!TestServices.Given(RedisTestServer.Variable))
        {
            Skip = $"Needs a Redis server: set {RedisTestServer.Variable}=host:port (e.g. 127.0.0.1:6379).";
        }
    }
}
