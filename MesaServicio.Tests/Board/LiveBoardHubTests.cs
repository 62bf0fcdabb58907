using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using MesaServicio.Core.Cases;
using MesaServicio.Core.People;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Realtime;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Board;

/// <summary>The portal on a real Kestrel port, with real SignalR clients on loopback.</summary>
public sealed class LiveBoardHubTests : IClassFixture<LiveBoardHubTests.KestrelPortal>
{
    private readonly KestrelPortal _portal;

    public LiveBoardHubTests(KestrelPortal portal) => _portal = portal;

    [Fact]
    public async Task An_escalation_reaches_the_new_assignees_board_within_a_second_and_nobody_outside_the_case()
    {
        var number = await _portal.FileCaseAsync(DemoPeople.Requester, "No abre el correo en el portátil");
        await using var b = await _portal.ConnectAsync(DemoPeople.Level2Agent, PersonRoles.Agent);
        await using var lead = await _portal.ConnectAsync(DemoPeople.LeadFirstLevel, PersonRoles.Agent | PersonRoles.TechnicalLead);
        await using var c = await _portal.ConnectAsync(DemoPeople.Agent4, PersonRoles.Agent);

        // The first escalation of the process compiles its queries and serializers: warm the path up first, as a
        // running portal is (the goal is about a board that is open, not about the first request after start-up).
        var warmUp = await _portal.FileCaseAsync(DemoPeople.Requester, "Caso de calentamiento");
        await _portal.EscalateAsync(warmUp);
        await b.NextAsync(warmUp, TimeSpan.FromSeconds(10));

        await _portal.EscalateAsync(number);
        var message = await b.NextAsync(number, TimeSpan.FromSeconds(5));
        var arrived = Stopwatch.GetTimestamp();

        message.Number.Should().Be(number);
        message.Change.Should().Be(BoardChangeMessage.Escalated);
        message.AssigneeId.Should().Be(DemoPeople.Level2Agent);
        Stopwatch.GetElapsedTime(_portal.Commits.Last(number), arrived).Should().BeLessThan(TimeSpan.FromSeconds(1),
            "the card must appear on another agent's board within a second of the commit");
        (await lead.NextAsync(number, TimeSpan.FromSeconds(1))).Change.Should().Be(BoardChangeMessage.Escalated, "the lead of the case's category sees it too");

        await Task.Delay(300);
        c.Received.Should().BeEmpty("an agent outside the case's groups is told nothing about it");
        b.Received.Where(m => m.Number == number).Select(m => m.Id).Distinct().Should().ContainSingle(
            "a connection in several addressed groups may receive a change twice, always with the same id");
    }

    [Fact]
    public async Task An_anonymous_connection_is_refused()
    {
        var refused = () => _portal.ConnectAsync(null, PersonRoles.None);
        (await refused.Should().ThrowAsync<HttpRequestException>()).Which.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_requester_gets_no_board_connection()
    {
        // Requesters reach the hub for their own notices and case pages, never the board: the server ends the connection
        // before it is ready (Core refuses the board's subscriptions).
        var refused = () => _portal.ConnectAsync(DemoPeople.Requester, PersonRoles.None);
        await refused.Should().ThrowAsync<Exception>();
    }

    /// <summary>The portal factory on Kestrel (a dynamic loopback port) instead of the in-memory test server.</summary>
    public sealed class KestrelPortal : PortalFactory
    {
        public KestrelPortal()
        {
            UseKestrel(0);
            StartServer();
        }

        /// <summary>When each case's changes were committed (Core delivers events right after the commit).</summary>
        public CommitClock Commits { get; } = new();

        public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        /// <summary>Escalates a case to the level-2 agent through the Core use case, as its assignee.</summary>
        public async Task EscalateAsync(string number)
        {
            var assignee = await AssigneeOfAsync(number);
            await Services.GetRequiredService<EscalateCase>().HandleAsync(
                new EscalateCaseCommand(number, null, EscalationKind.NextLevel, DemoPeople.Level2Agent, null, "Requiere acceso al servidor de correo."),
                CurrentUser.Person(assignee, PersonRoles.Agent), CancellationToken.None);
        }

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.Insert(0, ServiceDescriptor.Singleton<ICaseEventHandler>(Commits)));
        }

        public async Task<Guid> AssigneeOfAsync(string number)
        {
            var factory = Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Core.Persistence.MesaDbContext>>();
            await using var db = await factory.CreateDbContextAsync();
            return db.Cases.Where(c => c.Number == number).Select(c => c.AssigneeId).Single()!.Value;
        }

        /// <summary>A board connection for a person (null: nobody signed in), authenticated by the portal's own session cookie.</summary>
        public async Task<BoardListener> ConnectAsync(Guid? personId, PersonRoles roles)
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(BaseAddress, BoardHub.Path), options =>
                {
                    if (personId is { } id)
                    {
                        options.Headers["Cookie"] = SessionCookies.Header(Services, id, roles);
                    }
                })
                .Build();
            var listener = new BoardListener(connection);
            try
            {
                await connection.StartAsync();
                await listener.Ready.Task.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }

            return listener;
        }

    }

    /// <summary>The first event handler: notes when a case's change was committed (before the board's handler runs).</summary>
    public sealed class CommitClock : ICaseEventHandler
    {
        private readonly ConcurrentDictionary<string, long> _last = new(StringComparer.Ordinal);

        public long Last(string number) => _last[number];

        public Task HandleAsync(IReadOnlyList<CaseEvent> events, CancellationToken cancellationToken)
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var e in events)
            {
                _last[e.Number] = now;
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>Records what a board connection receives.</summary>
    public sealed class BoardListener : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private readonly BlockingCollection<BoardChangeMessage> _queue = [];
        private readonly ConcurrentQueue<BoardChangeMessage> _received = new();

        public BoardListener(HubConnection connection)
        {
            _connection = connection;
            connection.On<BoardChangeMessage>(BoardHub.CaseChangedMethod, m =>
            {
                _received.Enqueue(m);
                _queue.Add(m);
            });
            connection.On(BoardHub.ReadyMethod, () => Ready.TrySetResult());
        }

        public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyCollection<BoardChangeMessage> Received => _received;

        /// <summary>The next message about <paramref name="number"/> (others, and repeats, are skipped).</summary>
        public Task<BoardChangeMessage> NextAsync(string number, TimeSpan timeout) => Task.Run(() =>
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            while (true)
            {
                var left = TimeSpan.FromSeconds((double)(deadline - Stopwatch.GetTimestamp()) / Stopwatch.Frequency);
                if (left <= TimeSpan.Zero || !_queue.TryTake(out var m, left))
                {
                    throw new TimeoutException($"No board message about {number} within {timeout}");
                }

                if (m.Number == number)
                {
                    return m;
                }
            }
        });

        public async ValueTask DisposeAsync()
        {
            await _connection.DisposeAsync();
            _queue.Dispose();
        }
    }
}
