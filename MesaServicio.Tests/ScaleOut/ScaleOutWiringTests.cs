using System.Net;
using System.Text.Json;
using MesaServicio.Core.TimedWork;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MesaServicio.Tests.ScaleOut;

/// <summary>
/// What <c>Redis:Connection</c> turns on, and what stays as it was without it. The configured Redis here does not answer
/// (<c>127.0.0.1:1</c>): the portal still starts, and readiness says Redis is the problem. No Redis server is needed.
/// </summary>
[Trait("Pass", "Once")]
public sealed class ScaleOutWiringTests : IClassFixture<ScaleOutWiringTests.SilentRedisPortal>, IClassFixture<PortalFactory>
{
    private readonly SilentRedisPortal _scaled;
    private readonly PortalFactory _single;

    public ScaleOutWiringTests(SilentRedisPortal scaled, PortalFactory single)
    {
        _scaled = scaled;
        _single = single;
    }

    [Fact]
    public void Without_Redis_one_instance_keeps_memory_the_in_process_lease_and_its_feed_in_its_process()
    {
        var services = _single.Services;
        services.GetRequiredService<IDistributedCache>().Should().BeOfType<MemoryDistributedCache>();
        services.GetRequiredService<ITimedWorkLease>().Should().BeOfType<InProcessTimedWorkLease>();
        services.GetService<MesaServicio.Core.Live.ILiveFeedTransport>().Should().BeNull("one instance's live feed stays in its process");
        services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository.Should().BeNull("keys stay in this machine's default key folder");
        Checks(services).Should().Equal("database");
    }

    [Fact]
    public void Every_instance_has_the_same_Data_Protection_application_name_and_a_30_second_shutdown()
    {
        foreach (var services in new[] { _single.Services, _scaled.Services })
        {
            services.GetRequiredService<IOptions<DataProtectionOptions>>().Value.ApplicationDiscriminator.Should().Be(MesaServicio.Web.Hosting.ScaleOut.ApplicationName);
            services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout.Should().Be(TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public void With_Redis_the_live_feed_keys_downloads_and_leases_are_shared_but_Blazor_circuits_stay_on_their_instance()
    {
        var services = _scaled.Services;
        services.GetRequiredService<MesaServicio.Core.Live.ILiveFeedTransport>().Should().BeOfType<MesaServicio.Web.Hosting.RedisLiveFeedTransport>();
        services.GetServices<IHostedService>().Should().ContainSingle(s => s is MesaServicio.Web.Hosting.RedisLiveFeedReceiver);
        var componentHub = Type.GetType("Microsoft.AspNetCore.Components.Server.ComponentHub, Microsoft.AspNetCore.Components.Server", throwOnError: true)!;
        var circuits = services.GetRequiredService(typeof(HubLifetimeManager<>).MakeGenericType(componentHub));
        circuits.GetType().GetGenericTypeDefinition().Should().Be(typeof(DefaultHubLifetimeManager<>), "a circuit lives on one instance and must not need Redis");

        services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository.Should().BeOfType<RedisXmlRepository>();
        services.GetRequiredService<IDistributedCache>().Should().BeOfType<UndisposedCache>("a RedisCache the container never disposes")
            .And.Subject.Should().NotBeAssignableTo<IDisposable>();
        services.GetRequiredService<ITimedWorkLease>().Should().BeOfType<RedisTimedWorkLease>();
        Checks(services).Should().Equal("database", "redis");
    }

    [Fact]
    public async Task Ready_is_503_naming_Redis_without_its_error_while_live_stays_200()
    {
        using var client = _scaled.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

        using var ready = await client.GetAsync(new Uri(Operations.ReadyPath, UriKind.Relative));
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var text = await ready.Content.ReadAsStringAsync();
        var checks = JsonDocument.Parse(text).RootElement.GetProperty("checks");
        checks.GetProperty("redis").GetString().Should().Be("Unhealthy");
        checks.GetProperty("database").GetString().Should().Be("Healthy");
        text.Should().NotContainAny(["127.0.0.1", "Exception"], "exception texts and addresses stay out of the answer");

        using var live = await client.GetAsync(new Uri(Operations.LivePath, UriKind.Relative));
        live.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [RedisFact]
    public async Task Ready_is_200_when_the_configured_Redis_answers()
    {
        var prefix = RedisTestServer.NewPrefix();
        using var portal = new ScaleOutPortal(RedisTestServer.Connection, prefix);
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

        using var ready = await client.GetAsync(new Uri(Operations.ReadyPath, UriKind.Relative));

        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("redis").GetString().Should().Be("Healthy");
        using var redis = await RedisTestServer.ConnectAsync();
        await RedisTestServer.DeleteKeysAsync(redis, prefix);
    }

    private static IEnumerable<string> Checks(IServiceProvider services) =>
        services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name);

    /// <summary>A portal configured for a Redis that never answers (nothing listens on port 1).</summary>
    public sealed class SilentRedisPortal() : ScaleOutPortal("127.0.0.1:1,connectTimeout=500,syncTimeout=500,asyncTimeout=500", "mesa-silent");
}
