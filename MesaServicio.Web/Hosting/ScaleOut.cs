using MesaServicio.Core.Live;
using MesaServicio.Core.TimedWork;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace MesaServicio.Web.Hosting;

/// <summary>
/// What several instances behind a load balancer share (issue #8, decision 0013). Always: the Data Protection
/// application name, so that every instance (and every release) reads the same cookies. With <c>Redis:Connection</c>:
/// one <see cref="IConnectionMultiplexer"/> for the whole process, carrying the Data Protection key ring, the live
/// feed between instances (decision 0020), the distributed cache (one-time downloads), the timed work's leases and a readiness check.
/// Without it one instance needs nothing more and behaves as before.
/// </summary>
public static class ScaleOut
{
    /// <summary>The Data Protection application name: the same on every instance, so they read each other's payloads.</summary>
    public const string ApplicationName = "MesaServicio";

    public static IServiceCollection AddMesaScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        var redis = RedisSettings.From(configuration);
        if (redis is null)
        {
            // One instance: keys in this machine's default key folder, downloads in this process's memory
            // (MemoryDistributedCache bounds itself to 200 MB).
            services.AddDistributedMemoryCache();
            return services;
        }

        services.AddSingleton(redis);

        // Created once, at the first use (Data Protection loads its key ring at start-up). AbortOnConnectFail is off:
        // the portal starts while Redis is briefly down, and the multiplexer reconnects by itself.
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis.ClientOptions()));

        services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((options, redisConnection) =>
            options.XmlRepository = new RedisXmlRepository(() => redisConnection.GetDatabase(), redis.Key("data-protection-keys")));

        // RedisCache disposes the connection its factory gave it (dotnet/aspnetcore#67438): the container must never
        // dispose it, or the shared connection would close under the live feed's receiver while the instance stops.
        services.AddSingleton<IDistributedCache>(sp => new UndisposedCache(new RedisCache(new RedisCacheOptions
        {
            ConnectionMultiplexerFactory = () => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>()),
            InstanceName = redis.Key("cache:"),
        })));

        // The live feed between instances (decision 0020): the transport sends; the receiver, a hosted service, hears.
        services.AddSingleton<ILiveFeedTransport, RedisLiveFeedTransport>();
        services.AddHostedService<RedisLiveFeedReceiver>();

        services.Replace(ServiceDescriptor.Singleton<ITimedWorkLease, RedisTimedWorkLease>());

        // The intake API's limits count every instance's requests.
        services.Replace(ServiceDescriptor.Singleton<Intake.IRequestCounter, Intake.RedisRequestCounter>());
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [Operations.ReadyTag]);
        return services;
    }
}

/// <summary>The <c>Redis</c> configuration section, read when <c>Redis:Connection</c> is set.</summary>
/// <param name="Connection">A StackExchange.Redis configuration string, e.g. <c>redis.interno:6379,password=…,ssl=true</c>.</param>
/// <param name="Prefix">Begins every key and channel the portal uses (<c>mesa</c> by default), so one Redis may serve several portals.</param>
public sealed record RedisSettings(string Connection, string Prefix)
{
    public const string SectionName = "Redis";

    public const string DefaultPrefix = "mesa";

    /// <summary>The settings, or null when <c>Redis:Connection</c> is not set (one instance).</summary>
    public static RedisSettings? From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        var connection = section["Connection"];
        if (string.IsNullOrWhiteSpace(connection))
        {
            return null;
        }

        var prefix = section["Prefix"];
        return new RedisSettings(connection.Trim(), string.IsNullOrWhiteSpace(prefix) ? DefaultPrefix : prefix.Trim());
    }

    /// <summary>A key of the portal's: <c>{prefix}:{name}</c>.</summary>
    public string Key(string name) => Prefix + ":" + name;

    /// <summary>
    /// The client's options: the configuration string, never failing (nor waiting long) at start-up when Redis does not answer, every
    /// pub/sub channel (the live feed's) under <c>{prefix}:</c>.
    /// </summary>
    public ConfigurationOptions ClientOptions()
    {
        var options = ConfigurationOptions.Parse(Connection);
        options.AbortOnConnectFail = false;
        options.ClientName ??= "mesa-servicio";
        if (!Connection.Contains("connectRetry", StringComparison.OrdinalIgnoreCase))
        {
            // One attempt (connectTimeout, 5 s) before the portal starts without Redis; it keeps reconnecting after.
            options.ConnectRetry = 1;
        }

        options.ChannelPrefix = RedisChannel.Literal(Prefix + ":");
        return options;
    }
}

/// <summary>
/// A distributed cache the container does not dispose (it is not <see cref="IDisposable"/>): the shared Redis connection
/// underneath is closed once, by its own registration.
/// </summary>
internal sealed class UndisposedCache(IDistributedCache inner) : IDistributedCache
{
    public byte[]? Get(string key) => inner.Get(key);

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => inner.GetAsync(key, token);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => inner.Set(key, value, options);

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        inner.SetAsync(key, value, options, token);

    public void Refresh(string key) => inner.Refresh(key);

    public Task RefreshAsync(string key, CancellationToken token = default) => inner.RefreshAsync(key, token);

    public void Remove(string key) => inner.Remove(key);

    public Task RemoveAsync(string key, CancellationToken token = default) => inner.RemoveAsync(key, token);
}
