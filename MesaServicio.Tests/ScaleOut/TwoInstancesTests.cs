using System.Net;
using MesaServicio.Core.Board;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.People;
using MesaServicio.Tests.Board;
using MesaServicio.Tests.Support;
using MesaServicio.Tests.Web;
using MesaServicio.Web.Components.Reports;
using MesaServicio.Web.Endpoints;
using MesaServicio.Web.Realtime;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.ScaleOut;

/// <summary>
/// Two instances of the portal sharing one Redis (and a prefix no other test uses), as behind a load balancer: what
/// one instance sends, protects or keeps, the other delivers, reads or hands over.
/// </summary>
public sealed class TwoInstancesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly Uri Https = new("https://localhost");

    [RedisFact]
    public async Task A_notice_and_a_board_change_sent_through_one_instance_reach_a_client_connected_to_the_other()
    {
        var prefix = RedisTestServer.NewPrefix();
        using var a = new ScaleOutPortal(RedisTestServer.Connection, prefix);
        using var b = new ScaleOutPortal(RedisTestServer.Connection, prefix, kestrel: true);

        // The session cookies are protected by A and presented to B: the instances share their keys.
        await using var notices = await ConnectAsync(b, a, DemoPeople.Agent3, notices: true, c => new NoticeHubTests.NoticeListener(c), l => l.Ready);
        await using var board = await ConnectAsync(b, a, DemoPeople.Level2Agent, notices: false, c => new LiveBoardHubTests.BoardListener(c), l => l.Ready);

        var notice = new PortalNotification("prueba:" + Guid.NewGuid().ToString("N"), DemoPeople.Agent3, MessageKind.SlaAtRisk, null,
            "MS-2026-000777", "El caso MS-2026-000777 está en riesgo de incumplir el ANS.", DateTimeOffset.UtcNow);
        await a.Services.GetRequiredService<IPortalNotifier>().PushAsync([notice], default);
        (await notices.NextAsync(Patience)).Should().BeEquivalentTo(new { notice.Id, CaseNumber = "MS-2026-000777", notice.Text });

        var change = new BoardChangeMessage(Guid.NewGuid().ToString("N"), "MS-2026-000778", BoardChangeMessage.Assigned, DemoPeople.Level2Agent,
            "Se le asignó el caso MS-2026-000778.");
        await a.Services.GetRequiredService<IBoardFanout>().PublishAsync([BoardAudience.Person(DemoPeople.Level2Agent)], change, default);
        (await board.NextAsync("MS-2026-000778", Patience)).Should().Be(change);

        using var redis = await RedisTestServer.ConnectAsync();
        var channels = await redis.GetServer(redis.GetEndPoints()[0]).SubscriptionChannelsAsync(RedisChannel.Pattern(prefix + ":*"));
        channels.Select(c => c.ToString()).Should().Contain(c => c.Contains(nameof(BoardHub), StringComparison.Ordinal),
            "the backplane's channels are under the configured prefix");
        await RedisTestServer.DeleteKeysAsync(redis, prefix);
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

    private static async Task<T> ConnectAsync<T>(
        ScaleOutPortal server, ScaleOutPortal cookieIssuer, Guid personId, bool notices, Func<HubConnection, T> listen, Func<T, TaskCompletionSource> ready)
        where T : IAsyncDisposable
    {
        var path = notices ? $"{BoardHub.Path}?{BoardHub.ChannelParameter}={BoardHub.NoticeChannel}" : BoardHub.Path;
        var cookie = SessionCookies.Header(cookieIssuer.Services, personId, PersonRoles.Agent);
        var connection = new HubConnectionBuilder().WithUrl(new Uri(server.BaseAddress, path), o => o.Headers["Cookie"] = cookie).Build();
        var listener = listen(connection);
        try
        {
            await connection.StartAsync();
            await ready(listener).Task.WaitAsync(Patience);
        }
        catch
        {
            await listener.DisposeAsync();
            throw;
        }

        return listener;
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
