using MesaServicio.Core.Live;
using MesaServicio.Tests.Support;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace MesaServicio.Tests.ScaleOut;

/// <summary>An instance stops cleanly: the live feed's receiver unsubscribes through the shared Redis connection before it closes.</summary>
[Trait("Pass", "Once")]
public sealed class LiveFeedShutdownTests
{
    [RedisFact]
    public async Task A_portal_that_used_the_live_feed_and_then_the_cache_stops_without_an_error()
    {
        var prefix = RedisTestServer.NewPrefix();
        var portal = new ScaleOutPortal(RedisTestServer.Connection, prefix);
        try
        {
            // The feed first (its receiver subscribed, a message published), then the cache (a one-time download): the
            // container disposes the cache first. A cache that closed the shared connection would leave the receiver to
            // unsubscribe through a disposed connection.
            portal.Services.GetRequiredService<LiveFeed>().Publish(new CasePageChanged("MS-2026-000001"));
            await TwoInstancesTests.SubscribedAsync(prefix, 1);
            var cache = portal.Services.GetRequiredService<IDistributedCache>();
            await cache.SetAsync("prueba", [1, 2, 3], new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1) });
            (await cache.GetAsync("prueba")).Should().Equal(1, 2, 3);
            portal.Services.GetRequiredService<IConnectionMultiplexer>().IsConnected.Should().BeTrue();

            FluentActions.Invoking(portal.Dispose).Should().NotThrow("the connection closes after the receiver that uses it");
        }
        finally
        {
            await using var redis = await RedisTestServer.ConnectAsync();
            await RedisTestServer.DeleteKeysAsync(redis, prefix);
        }
    }
}
