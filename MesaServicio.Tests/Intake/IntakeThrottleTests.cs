using System.Net;
using MesaServicio.Web.Hosting;
using MesaServicio.Web.Intake;
using MesaServicio.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MesaServicio.Tests.Intake;

/// <summary>
/// Issue 20: an address that sends wrong API keys is throttled before its keys are looked up, and the intake's limits are
/// counted in Redis when several instances share one, so that every instance counts the same requests.
/// </summary>
public sealed class IntakeThrottleTests
{
    [Fact]
    public async Task An_address_that_got_keys_wrong_too_often_is_refused_before_the_look_up_even_with_a_good_key()
    {
        using var portal = new IntakePortal(failedAuthenticationsPerMinute: 3);
        var good = await portal.NewKeyAsync("PQRS de la entidad");
        var path = new Uri(IntakeEndpoints.CasePath("2026-ER-1"), UriKind.Relative);

        for (var i = 0; i < 3; i++)
        {
            using var wrong = portal.ApiClient("mesa_clave-que-no-existe-" + i);
            using var refused = await wrong.GetAsync(path);
            refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        using var fourth = portal.ApiClient("mesa_otra-clave-falsa");
        using var throttled = await fourth.GetAsync(path);
        throttled.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        throttled.Headers.RetryAfter!.Delta!.Value.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(1));
        var problem = await IntakeSubmissionTests.JsonAsync(throttled);
        problem.GetProperty("detail").GetString().Should().StartWith("Demasiados intentos con claves de API no válidas desde esta dirección.");

        using var client = portal.ApiClient(good);
        using var blocked = await client.GetAsync(path);
        blocked.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the address is refused before any key of it is looked up");

        portal.Time.Advance(TimeSpan.FromMinutes(1));
        using var later = await client.GetAsync(path);
        later.StatusCode.Should().Be(HttpStatusCode.NotFound, "the next minute the good key is looked up again (no such radicado)");
    }

    [Fact]
    public async Task Memory_counters_count_per_key_and_window_and_reading_does_not_count()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 10, 0, 30, TimeSpan.Zero));
        var counter = new MemoryRequestCounter(time);
        var minute = TimeSpan.FromMinutes(1);

        (await counter.AddAsync("a", minute, default)).Count.Should().Be(1);
        (await counter.AddAsync("a", minute, default)).Should().Be(new CounterReading(2, TimeSpan.FromSeconds(30)));
        (await counter.ReadAsync("a", minute, default)).Count.Should().Be(2);
        (await counter.ReadAsync("b", minute, default)).Count.Should().Be(0);
        time.Advance(TimeSpan.FromSeconds(30));
        (await counter.ReadAsync("a", minute, default)).Count.Should().Be(0, "a new window");
    }

    [RedisFact]
    public async Task With_Redis_every_instance_counts_the_same_requests()
    {
        var prefix = RedisTestServer.NewPrefix();
        await using var redis = await RedisTestServer.ConnectAsync();
        try
        {
            var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
            var settings = new RedisSettings(RedisTestServer.Connection, prefix);
            var first = new RedisRequestCounter(redis, settings, time);
            var second = new RedisRequestCounter(redis, settings, time);
            var minute = TimeSpan.FromMinutes(1);

            await first.AddAsync("cliente:k1", minute, default);
            await second.AddAsync("cliente:k1", minute, default);
            (await first.AddAsync("cliente:k1", minute, default)).Count.Should().Be(3, "both instances counted");
            (await second.ReadAsync("cliente:k1", minute, default)).Count.Should().Be(3);
            (await second.ReadAsync("cliente:k2", minute, default)).Count.Should().Be(0);

            // The portal picks the Redis counters when Redis is configured, and memory ones otherwise.
            (await CounterOfAsync(RedisTestServer.Connection)).Should().BeOfType<RedisRequestCounter>();
            (await CounterOfAsync(null)).Should().BeOfType<MemoryRequestCounter>();
        }
        finally
        {
            await RedisTestServer.DeleteKeysAsync(redis, prefix);
        }
    }

    private static async Task<IRequestCounter> CounterOfAsync(string? redis)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redis:Connection"] = redis,
            ["Redis:Prefix"] = RedisTestServer.NewPrefix(),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddMesaIntakeApi(configuration);
        services.AddMesaScaleOut(configuration);
        await using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IRequestCounter>();
    }
}
