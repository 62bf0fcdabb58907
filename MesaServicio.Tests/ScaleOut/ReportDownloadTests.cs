using MesaServicio.Tests.Support;
using MesaServicio.Web.Components.Reports;
using MesaServicio.Web.Endpoints;
using MesaServicio.Web.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace MesaServicio.Tests.ScaleOut;

/// <summary>The one-time downloads as the scale-out wiring registers them, with and without Redis, on a fake clock.</summary>
[Trait("Pass", "Once")]
public sealed class ReportDownloadTests
{
    private static readonly Guid Owner = Guid.NewGuid();
    private static readonly byte[] Pdf = [.. "%PDF-1.7"u8];

    [Fact]
    public async Task In_memory_a_download_is_taken_once_by_its_owner_and_not_after_its_lifetime() =>
        await TakenOnceAndExpiresAsync(new Dictionary<string, string?>());

    [RedisFact]
    public async Task In_Redis_a_download_is_taken_once_by_its_owner_not_after_its_lifetime_and_Redis_forgets_it()
    {
        var prefix = RedisTestServer.NewPrefix();
        await TakenOnceAndExpiresAsync(new Dictionary<string, string?> { ["Redis:Connection"] = RedisTestServer.Connection, ["Redis:Prefix"] = prefix });

        using var redis = await RedisTestServer.ConnectAsync();
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var keys = new List<RedisKey>();
        await foreach (var key in server.KeysAsync(pattern: prefix + ":cache:report-download:*"))
        {
            keys.Add(key);
        }

        keys.Should().ContainSingle("the taken ones are gone; the one never taken waits for its expiry");
        keys[0].ToString().Should().MatchRegex($"^{prefix}:cache:report-download:[0-9a-f]{{64}}$", "the key is a hash of the token");
        var left = await redis.GetDatabase().KeyTimeToLiveAsync(keys[0]);
        left.Should().NotBeNull().And.BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(ReportDownloads.Lifetime, "Redis drops it by itself");
        await RedisTestServer.DeleteKeysAsync(redis, prefix);
    }

    private static async Task TakenOnceAndExpiresAsync(Dictionary<string, string?> settings)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 4, 6, 9, 0, 0, TimeSpan.FromHours(-5)));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(time)
            .AddMesaScaleOut(configuration)
            .AddMesaReportDownloads()
            .BuildServiceProvider();
        var downloads = services.GetRequiredService<ReportDownloads>();

        var token = await downloads.AddAsync(Owner, "informe.pdf", "application/pdf", Pdf, default);
        token.Should().MatchRegex("^[0-9a-f]{64}$");
        (await downloads.TakeAsync(token, Guid.NewGuid(), default)).Should().BeNull("only its owner may take it");
        (await downloads.TakeAsync(token, Owner, default)).Should().BeEquivalentTo(new { FileName = "informe.pdf", ContentType = "application/pdf", Content = Pdf });
        (await downloads.TakeAsync(token, Owner, default)).Should().BeNull("it is handed over once");

        var late = await downloads.AddAsync(Owner, "informe.pdf", "application/pdf", Pdf, default);
        time.Advance(ReportDownloads.Lifetime + TimeSpan.FromSeconds(1));
        (await downloads.TakeAsync(late, Owner, default)).Should().BeNull("it is kept for five minutes");

        // Left for the store to expire.
        await downloads.AddAsync(Owner, "informe.pdf", "application/pdf", Pdf, default);
    }
}
