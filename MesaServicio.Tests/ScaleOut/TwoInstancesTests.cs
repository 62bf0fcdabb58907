using System.Net;
using System.Text.Json;
using MesaServicio.Core.Live;
using MesaServicio.Core.Notifications;
using MesaServicio.Tests.Support;
using MesaServicio.Tests.Web;
using MesaServicio.Web.Components.Reports;
using MesaServicio.Web.Endpoints;
using MesaServicio.Web.Hosting;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.ScaleOut;

/// <summary>
/// Two instances of the portal sharing one Redis (and a prefix no other test uses), as behind a load balancer: what
/// one instance sends, protects or keeps, the other delivers, reads or hands over.
/// </summary>
[Trait("Pass", "Once")]
public sealed class TwoInstancesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly Uri Https = new("https://localhost");

    [RedisFact]
    public async Task A_notice_and_a_committed_case_change_on_one_instance_reach_a_subscriber_of_the_others_feed()
    {
        var prefix = RedisTestServer.NewPrefix();
        using var a = new ScaleOutPortal(RedisTestServer.Connection, prefix);
        using var b = new ScaleOutPortal(RedisTestServer.Connection, prefix);
        _ = a.Services;
        using var onB = new LiveNoticeTests.FeedListener(b.Services.GetRequiredService<LiveFeed>());
        await SubscribedAsync(prefix, 2);

        var notice = new PortalNotification("prueba:" + Guid.NewGuid().ToString("N"), DemoPeople.Agent3, MessageKind.SlaAtRisk, null,
            "MS-2026-000777", "El caso MS-2026-000777 está en riesgo de incumplir el ANS.", DateTimeOffset.UtcNow);
        await a.Services.GetRequiredService<IPortalNotifier>().PushAsync([notice], default);
        (await onB.NextNoticeAsync(n => n.Id == notice.Id, Patience))
            .Should().BeEquivalentTo(new { notice.Id, PersonId = DemoPeople.Agent3, CaseNumber = "MS-2026-000777", notice.Text });

        var number = await a.FileCaseAsync(DemoPeople.Requester, "No abre el aplicativo de nómina");
        var card = (CardChanged)await onB.NextAsync(m => m is CardChanged c && c.Number == number, Patience);
        card.Before.Should().BeNull();
        card.After!.Number.Should().Be(number, "the card computed at A's commit arrives whole at B");
        card.Audience.Should().NotBeEmpty();
        (await onB.NextAsync(m => m is CasePageChanged c && c.Number == number, Patience)).Should().NotBeNull();

        using var redis = await RedisTestServer.ConnectAsync();
        var channels = await redis.GetServer(redis.GetEndPoints()[0]).SubscriptionChannelsAsync(RedisChannel.Pattern(prefix + ":*"));
        channels.Select(c => c.ToString()).Should().Contain(prefix + ":live", "the feed's channel is under the configured prefix");
        await RedisTestServer.DeleteKeysAsync(redis, prefix);
    }

    [RedisFact]
    public async Task A_gap_in_the_other_instances_sequence_makes_the_pages_read_exactly_once()
    {
        var prefix = RedisTestServer.NewPrefix();
        using var b = new ScaleOutPortal(RedisTestServer.Connection, prefix);
        var feed = b.Services.GetRequiredService<LiveFeed>();
        var page = new CountingSubscriber();
        using var subscription = feed.Subscribe(page);
        using var redis = await RedisTestServer.ConnectAsync();
        var source = Guid.NewGuid();
        await SubscribedAsync(prefix, 1);

        async Task SendAsync(long sequence) => await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(prefix + ":live"),
            JsonSerializer.SerializeToUtf8Bytes(new LiveEnvelope(source, sequence, new CasePageChanged("MS-2026-000" + sequence)), LiveFeedJson.Options));

        await SendAsync(1);
        await SendAsync(2);
        await SendAsync(5);
        await SendAsync(6);

        var until = DateTime.UtcNow + Patience;
        while (page.Messages < 3 && DateTime.UtcNow < until)
        {
            await Task.Delay(20);
        }

        page.Messages.Should().Be(3, "1, 2 and 6 are delivered in order; 5 came after a gap");
        page.Resyncs.Should().Be(1, "the gap (3 and 4 missed) makes one read");
        await RedisTestServer.DeleteKeysAsync(redis, prefix);
    }

    /// <summary>Waits until the instances' feed receivers listen (they subscribe in the background, Redis being optional at start).</summary>
    internal static async Task SubscribedAsync(string prefix, long instances)
    {
        using var redis = await RedisTestServer.ConnectAsync();
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var until = DateTime.UtcNow + Patience;
        while (await server.SubscriptionSubscriberCountAsync(RedisChannel.Literal(prefix + ":live")) < instances)
        {
            DateTime.UtcNow.Should().BeBefore(until, "every instance subscribes to the feed's channel");
            await Task.Delay(20);
        }
    }

    private sealed class CountingSubscriber : ILiveSubscriber
    {
        private int _messages;
        private int _resyncs;

        public int Messages => Volatile.Read(ref _messages);

        public int Resyncs => Volatile.Read(ref _resyncs);

        public void OnMessage(LiveMessage message) => Interlocked.Increment(ref _messages);

        public void OnResync() => Interlocked.Increment(ref _resyncs);
    }

    [RedisFact]
    public async Task A_form_and_a_session_from_one_instance_are_accepted_by_the_other_and_refused_by_a_portal_with_other_keys()
    {
        var prefix = RedisTestServer.NewPrefix();
        using var a = new ScaleOutPortal(RedisTestServer.Connection, prefix);
        using var b = new ScaleOutPortal(RedisTestServer.Connection, prefix);
        var strangerPrefix = RedisTestServer.NewPrefix();
        using var stranger = new ScaleOutPortal(RedisTestServer.Connection, strangerPrefix);
        var cookies = new CookieContainer();
        using var onA = a.CreateDefaultClient(Https, new CookieContainerHandler(cookies));
        using var onB = b.CreateDefaultClient(Https, new CookieContainerHandler(cookies));

        var token = PortalFactory.AntiforgeryToken(await onA.GetStringAsync(new Uri("/ingresar/local", UriKind.Relative)));
        using var onStranger = stranger.CreateDefaultClient(Https, new CookieContainerHandler(Copy(cookies)));
        using var refused = await PostSignInAsync(onStranger, token, DemoPeople.Requester);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a portal with another key ring cannot read A's antiforgery token");

        using var signedIn = await PostSignInAsync(onB, token, DemoPeople.Requester);
        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect, "B reads the antiforgery cookie and token A issued");
        signedIn.Headers.Location!.OriginalString.Should().Be("/");
        using var cases = await onA.GetAsync(new Uri("/casos", UriKind.Relative));
        cases.StatusCode.Should().Be(HttpStatusCode.OK, "A reads the session cookie B issued");

        using var redis = await RedisTestServer.ConnectAsync();
        (await redis.GetDatabase().ListLengthAsync(prefix + ":data-protection-keys")).Should().BeGreaterThan(0, "the key ring lives in Redis");
        await RedisTestServer.DeleteKeysAsync(redis, prefix);
        await RedisTestServer.DeleteKeysAsync(redis, strangerPrefix);
    }

    [RedisFact]
    public async Task A_PDF_kept_by_one_instance_is_handed_over_once_by_the_other_and_only_to_its_owner()
    {
        var prefix = RedisTestServer.NewPrefix();
        using var a = new ScaleOutPortal(RedisTestServer.Connection, prefix);
        using var b = new ScaleOutPortal(RedisTestServer.Connection, prefix);
        var cookies = new CookieContainer();
        using var onA = a.CreateDefaultClient(Https, new CookieContainerHandler(cookies));
        using var onB = b.CreateDefaultClient(Https, new CookieContainerHandler(cookies));
        await PortalFactory.SignInAsync(onB, DemoPeople.Coordinator);
        byte[] pdf = [.. "%PDF-1.7 informe"u8];

        var token = await a.Services.GetRequiredService<ReportDownloads>().AddAsync(
            DemoPeople.Coordinator, "informe-mensual-2026-03.pdf", "application/pdf", pdf, default);

        (await b.Services.GetRequiredService<ReportDownloads>().TakeAsync(token, DemoPeople.Agent1, default))
            .Should().BeNull("only its owner may take it, and a refusal leaves it in place");
        using var first = await onB.GetAsync(new Uri(ReportEndpoints.TokenPath(token), UriKind.Relative));
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        (await first.Content.ReadAsByteArrayAsync()).Should().Equal(pdf);
        first.Content.Headers.ContentDisposition!.FileName.Should().Contain("informe-mensual-2026-03.pdf");
        using var again = await onB.GetAsync(new Uri(ReportEndpoints.TokenPath(token), UriKind.Relative));
        again.StatusCode.Should().Be(HttpStatusCode.NotFound, "it is handed over once");
        using var onTheFirst = await onA.GetAsync(new Uri(ReportEndpoints.TokenPath(token), UriKind.Relative));
        onTheFirst.StatusCode.Should().Be(HttpStatusCode.NotFound, "nor once more by the instance that kept it");

        using var redis = await RedisTestServer.ConnectAsync();
        await RedisTestServer.DeleteKeysAsync(redis, prefix);
    }

    private static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string token, Guid personId)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["personId"] = personId.ToString(),
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = token,
        });
        return await client.PostAsync(new Uri("/ingresar/local", UriKind.Relative), form);
    }

    private static CookieContainer Copy(CookieContainer cookies)
    {
        var copy = new CookieContainer();
        copy.Add(cookies.GetAllCookies());
        return copy;
    }
}
