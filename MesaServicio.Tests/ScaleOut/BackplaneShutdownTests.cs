using MesaServicio.Tests.Support;
using MesaServicio.Web.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace MesaServicio.Tests.ScaleOut;

/// <summary>An instance stops cleanly: the backplane unsubscribes through the shared Redis connection before it closes.</summary>
public sealed class BackplaneShutdownTests
{
    [RedisFact]
    public async Task A_portal_that_used_the_backplane_and_then_the_cache_stops_without_an_error()
    {
        var prefix = RedisTestServer.NewPrefix();
        var portal = new ScaleOutPortal(RedisTestServer.Connection, prefix);
        try
        {
            // The backplane first, then the cache (a one-time download): the container disposes the cache first. A cache that
            // closed the shared connection would leave the backplane to unsubscribe through a disposed connection.
            await portal.Services.GetRequiredService<IHubContext<BoardHub>>().Clients.Group("coordinacion").SendAsync("caseChanged", "MS-2026-000001");
            var cache = portal.Services.GetRequiredService<Microsoft.Extensions.Caching.Distributed.IDistributedCache>();
            await cache.SetAsync("prueba", [1, 2, 3], new Microsoft.Extensions.Caching.Distributed.DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1) });
            (await cache.GetAsync("prueba")).Should().Equal(1, 2, 3);
            portal.Services.GetRequiredService<IConnectionMultiplexer>().IsConnected.Should().BeTrue();

            FluentActions.Invoking(portal.Dispose).Should().NotThrow("the connection closes after the backplane that uses it");
        }
        finally
        {
            await using var redis = await RedisTestServer.ConnectAsync();
            await RedisTestServer.DeleteKeysAsync(redis, prefix);
        }
    }
}
