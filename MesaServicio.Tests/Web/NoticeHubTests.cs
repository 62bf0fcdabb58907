using System.Collections.Concurrent;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.People;
using MesaServicio.Core.Security;
using MesaServicio.Core.Surveys;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Realtime;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Web;

/// <summary>Portal notices pushed live through the board's hub, with real SignalR clients on loopback.</summary>
public sealed class NoticeHubTests : IClassFixture<NoticeHubTests.KestrelPortal>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly KestrelPortal _portal;

    public NoticeHubTests(KestrelPortal portal) => _portal = portal;

    [Fact]
    public void The_portal_pushes_notices_through_the_hub_instead_of_Cores_no_op()
    {
        _portal.Services.GetRequiredService<IPortalNotifier>().Should().BeOfType<HubPortalNotifier>();
        _portal.Services.GetServices<IPortalNotifier>().Should().ContainSingle();
    }

    [Fact]
    public async Task A_notice_reaches_its_persons_notice_connection_and_nobody_else()
    {
        await using var mine = await _portal.ConnectAsync(DemoPeople.Agent3, PersonRoles.Agent, notices: true);
        await using var someoneElse = await _portal.ConnectAsync(DemoPeople.Agent4, PersonRoles.Agent, notices: true);
        await using var myBoard = await _portal.ConnectAsync(DemoPeople.Agent3, PersonRoles.Agent, notices: false);
        var notice = new PortalNotification("prueba:" + Guid.NewGuid().ToString("N"), DemoPeople.Agent3, MessageKind.SlaAtRisk, null,
            "MS-2026-000777", "El caso MS-2026-000777 está en riesgo de incumplir el ANS.", DateTimeOffset.UtcNow);

        await _portal.Services.GetRequiredService<IPortalNotifier>().PushAsync([notice], default);

        var received = await mine.NextAsync(Patience);
        received.Should().BeEquivalentTo(new { notice.Id, CaseNumber = "MS-2026-000777", notice.Text });
        await Task.Delay(300);
        someoneElse.Received.Should().BeEmpty("another person is told nothing");
        myBoard.Received.Should().BeEmpty("board connections get board changes only, never notices");
    }

    [Fact]
    public async Task A_novedad_answered_through_the_link_reaches_the_assignee_live()
    {
        var number = await _portal.FileCaseAsync(DemoPeople.Requester, "No carga el aplicativo de correspondencia");
        var assignee = await _portal.AssigneeOfAsync(number);
        await using var listener = await _portal.ConnectAsync(assignee, PersonRoles.Agent, notices: true);
        var token = await _portal.ResolveWithLinkAsync(number, assignee);

        await _portal.Services.GetRequiredService<SurveyLinks>().AnswerAsync(
            token, new SurveyAnswer(false, 2, 2, 4, "Sigue sin cargar el aplicativo."), default);

        var notice = await listener.NextAsync(Patience);
        notice.CaseNumber.Should().Be(number);
        notice.Text.Should().Contain(number);
        await using var db = await _portal.NewContextAsync();
        (await db.PortalNotifications.AnyAsync(n => n.PersonId == assignee && n.Id == notice.Id)).Should().BeTrue("the push is the inbox's notice");
    }

    [Fact]
    public async Task A_requesters_bell_is_live_the_desks_question_reaches_her_notice_connection()
    {
        var number = await _portal.FileCaseAsync(DemoPeople.Requester2, "No imprime la impresora del piso 3");
        var assignee = await _portal.AssigneeOfAsync(number);
        await using var requester = await _portal.ConnectAsync(DemoPeople.Requester2, PersonRoles.None, notices: true);
        var agent = CurrentUser.Person(assignee, PersonRoles.Agent);
        await _portal.Services.GetRequiredService<AttendCase>().HandleAsync(new AttendCaseCommand(number, null), agent, default);
        await _portal.Services.GetRequiredService<WaitOnRequester>().HandleAsync(
            new WaitOnRequesterCommand(number, null, "¿Qué dice la pantalla de la impresora?"), agent, default);

        var notice = await requester.NextAsync(Patience);
        notice.Kind.Should().Be(MessageKind.QuestionAsked);
        notice.CaseNumber.Should().Be(number);
    }

    [Fact]
    public async Task A_case_page_connection_is_told_of_its_case_changes_and_a_case_out_of_reach_gets_none()
    {
        var number = await _portal.FileCaseAsync(DemoPeople.Requester3, "No abre el aplicativo de nómina");
        var assignee = await _portal.AssigneeOfAsync(number);
        await using var page = await _portal.ConnectCaseAsync(DemoPeople.Requester3, PersonRoles.None, number);
        var outsider = () => _portal.ConnectCaseAsync(DemoPeople.Requester, PersonRoles.None, number);
        await outsider.Should().ThrowAsync<Exception>("another requester's case is not found, and its page gets no channel");

        await _portal.Services.GetRequiredService<AttendCase>().HandleAsync(
            new AttendCaseCommand(number, null), CurrentUser.Person(assignee, PersonRoles.Agent), default);

        (await page.NextChangeAsync(Patience)).Should().Be(number);
    }

    /// <summary>The portal factory on Kestrel (a dynamic loopback port) instead of the in-memory test server.</summary>
    public sealed class KestrelPortal : PortalFactory
    {
        public KestrelPortal()
        {
            UseKestrel(0);
            StartServer();
        }

        private Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        public async Task<MesaDbContext> NewContextAsync() =>
            await Services.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();

        public async Task<Guid> AssigneeOfAsync(string number)
        {
            await using var db = await NewContextAsync();
            return await db.Cases.Where(c => c.Number == number).Select(c => c.AssigneeId!.Value).SingleAsync();
        }

        /// <summary>Attends and resolves the case as its assignee, and writes its survey link as the invitation sweep would.</summary>
        public async Task<string> ResolveWithLinkAsync(string number, Guid assignee)
        {
            var agent = CurrentUser.Person(assignee, PersonRoles.Agent);
            await Services.GetRequiredService<AttendCase>().HandleAsync(new AttendCaseCommand(number, null), agent, default);
            await Services.GetRequiredService<ResolveCase>().HandleAsync(new ResolveCaseCommand(number, null, "Se reinstaló el aplicativo."), agent, default);
            var token = SurveyTokens.NewToken();
            await using var db = await NewContextAsync();
            var c = await db.Cases.SingleAsync(x => x.Number == number);
            db.SurveyInvitations.Add(new SurveyInvitation(c.Id, c.SurveyRound, DateTimeOffset.UtcNow, c.SurveyDueAt!.Value, SurveyTokens.Hash(token)));
            await db.SaveChangesAsync();
            return token;
        }

        /// <summary>A case page's connection (<c>?canal=caso&amp;numero=…</c>).</summary>
        public Task<NoticeListener> ConnectCaseAsync(Guid personId, PersonRoles roles, string number) =>
            OpenAsync($"{BoardHub.Path}?{BoardHub.ChannelParameter}={BoardHub.CaseChannel}&{BoardHub.CaseParameter}={number}", personId, roles);

        /// <summary>A connection to the hub: the layout's notice channel, or a board connection.</summary>
        public Task<NoticeListener> ConnectAsync(Guid personId, PersonRoles roles, bool notices) =>
            OpenAsync(notices ? $"{BoardHub.Path}?{BoardHub.ChannelParameter}={BoardHub.NoticeChannel}" : BoardHub.Path, personId, roles);

        /// <summary>Opens a connection as the person and waits for the hub's "ready" (it has joined its groups).</summary>
        private async Task<NoticeListener> OpenAsync(string path, Guid personId, PersonRoles roles)
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(BaseAddress, path), options => options.Headers["Cookie"] = SessionCookies.Header(Services, personId, roles))
                .Build();
            var listener = new NoticeListener(connection);
            try
            {
                await connection.StartAsync();
                await listener.Ready.Task.WaitAsync(Patience);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }

            return listener;
        }
    }

    /// <summary>Records the notices a connection receives.</summary>
    public sealed class NoticeListener : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private readonly BlockingCollection<NoticeMessage> _queue = [];
        private readonly ConcurrentQueue<NoticeMessage> _received = new();
        private readonly BlockingCollection<string> _changes = [];

        public NoticeListener(HubConnection connection)
        {
            _connection = connection;
            connection.On<NoticeMessage>(BoardHub.NoticeMethod, m =>
            {
                _received.Enqueue(m);
                _queue.Add(m);
            });
            connection.On<System.Text.Json.JsonElement>(BoardHub.CaseChangedMethod, m =>
            {
                // A case page hears the case's number; a board connection, a board change.
                if (m.ValueKind == System.Text.Json.JsonValueKind.String)
                {
                    _changes.Add(m.GetString()!);
                }
            });
            connection.On(BoardHub.ReadyMethod, () => Ready.TrySetResult());
        }

        public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyCollection<NoticeMessage> Received => _received;

        public Task<string> NextChangeAsync(TimeSpan timeout) => Task.Run(() =>
            _changes.TryTake(out var m, timeout) ? m : throw new TimeoutException($"No case change within {timeout}"));

        public Task<NoticeMessage> NextAsync(TimeSpan timeout) => Task.Run(() =>
            _queue.TryTake(out var m, timeout) ? m : throw new TimeoutException($"No notice within {timeout}"));

        public async ValueTask DisposeAsync()
        {
            await _connection.DisposeAsync();
            _queue.Dispose();
        }
    }
}
