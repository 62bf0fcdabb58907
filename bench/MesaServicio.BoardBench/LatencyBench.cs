using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Claims;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Catalog;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.People;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using MesaServicio.Web.Auth;
using MesaServicio.Web.Realtime;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.BoardBench;

/// <summary>
/// Commit → arrival at another agent's connection, for escalations made through the Core use case while
/// <c>connections</c> board connections are open (real SignalR .NET clients, WebSockets on loopback, the portal on
/// Kestrel). The commit instant is taken by an event handler registered before the board's (Core delivers events
/// right after the commit); the arrival instant by the measured client's handler.
/// </summary>
internal static class LatencyBench
{
    private static readonly (Guid Id, PersonRoles Roles)[] Staff =
    [
        (DemoPeople.Agent1, PersonRoles.Agent), (DemoPeople.Agent2, PersonRoles.Agent), (DemoPeople.Agent3, PersonRoles.Agent),
        (DemoPeople.Agent4, PersonRoles.Agent), (DemoPeople.Agent5, PersonRoles.Agent), (DemoPeople.Agent6, PersonRoles.Agent),
        (DemoPeople.Level2Agent, PersonRoles.Agent), (DemoPeople.Level3Agent, PersonRoles.Agent),
        (DemoPeople.LeadFirstLevel, PersonRoles.Agent | PersonRoles.TechnicalLead), (DemoPeople.LeadMisional, PersonRoles.Agent | PersonRoles.TechnicalLead),
        (DemoPeople.LeadApoyo, PersonRoles.Agent | PersonRoles.TechnicalLead), (DemoPeople.LeadEspecializados, PersonRoles.Agent | PersonRoles.TechnicalLead),
        (DemoPeople.LeadAdministrativos, PersonRoles.Agent | PersonRoles.TechnicalLead), (DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator),
    ];

    /// <summary>
    /// <paramref name="redis"/> null: one node, the hub's own in-memory delivery. Set: the Redis backplane
    /// (<c>Redis:Connection</c>); with <paramref name="twoNodes"/> the escalation commits on node A while every board
    /// connection is on node B (two portals in this process on one SQLite file), so each message crosses Redis
    /// between two servers, as behind a load balancer.
    /// </summary>
    public static async Task RunAsync(int connections, int escalations, string? redis = null, bool twoNodes = false)
    {
        const int warmUp = 10;
        var folder = Path.Combine(Path.GetTempPath(), "mesa-bench", Guid.NewGuid().ToString("N"));
        var prefix = "mesa-bench-" + Guid.NewGuid().ToString("N")[..8];
        await using var portal = new Portal(folder, redis, prefix);
        portal.UseKestrel(0);
        portal.StartServer();
        await using var second = twoNodes ? new Portal(folder, redis ?? throw new ArgumentException("Two nodes need --redis."), prefix) : null;
        var listening = portal;
        if (second is not null)
        {
            second.UseKestrel(0);
            second.StartServer();
            listening = second;
        }

        var address = new Uri(listening.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var setup = redis is null ? "one node, no backplane" : twoNodes ? $"two nodes through Redis {redis}" : $"one node through Redis {redis}";
        Console.WriteLine($"{setup}: board connections on {address}; opening {connections}…");

        var measured = await ConnectAsync(listening, address, DemoPeople.Level2Agent, PersonRoles.Agent);
        var others = new List<Listener>();
        var received = 0L;
        for (var i = 1; i < connections; i++)
        {
            var (id, roles) = Staff[i % Staff.Length];
            var other = await ConnectAsync(listening, address, id, roles);
            other.OnMessage = () => Interlocked.Increment(ref received);
            others.Add(other);
        }

        var numbers = new List<string>();
        for (var i = 0; i < escalations + warmUp; i++)
        {
            numbers.Add(await portal.FileAsync(i));
        }

        Console.WriteLine($"{numbers.Count} cases filed; escalating one at a time…");
        var escalate = portal.Services.GetRequiredService<EscalateCase>();
        var latencies = new List<double>();
        foreach (var (number, index) in numbers.Select((n, i) => (n, i)))
        {
            var assignee = await portal.AssigneeAsync(number);
            var arrival = measured.Expect(number);
            await escalate.HandleAsync(
                new EscalateCaseCommand(number, null, EscalationKind.NextLevel, DemoPeople.Level2Agent, null, "Requiere el segundo nivel."),
                CurrentUser.Person(assignee, PersonRoles.Agent), CancellationToken.None);
            var arrived = await arrival.WaitAsync(TimeSpan.FromSeconds(10));
            if (index >= warmUp)
            {
                latencies.Add(Stopwatch.GetElapsedTime(portal.Commits[number], arrived).TotalMilliseconds);
            }

            await Task.Delay(10);
        }

        await Task.Delay(500);
        Console.WriteLine($"{setup}: connections={connections} escalations={latencies.Count} (after {warmUp} warm-up)");
        Console.WriteLine("commit → arrival at another agent's connection: " + Stats.Summary(latencies));
        Console.WriteLine($"messages delivered to the other {others.Count} connection(s): {Interlocked.Read(ref received)}");
        foreach (var other in others)
        {
            await other.DisposeAsync();
        }

        await measured.DisposeAsync();
    }

    private static async Task<Listener> ConnectAsync(Portal portal, Uri address, Guid personId, PersonRoles roles)
    {
        var cookie = portal.SessionCookie(personId, roles);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(address, BoardHub.Path), options => options.Headers["Cookie"] = "MesaServicio.Sesion=" + cookie)
            .Build();
        var listener = new Listener(connection);
        await connection.StartAsync();
        await listener.Ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return listener;
    }

    private sealed class Listener : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _expected = new(StringComparer.Ordinal);

        public Listener(HubConnection connection)
        {
            _connection = connection;
            connection.On<BoardChangeMessage>(BoardHub.CaseChangedMethod, m =>
            {
                var now = Stopwatch.GetTimestamp();
                OnMessage?.Invoke();
                if (_expected.TryRemove(m.Number, out var waiting))
                {
                    waiting.TrySetResult(now);
                }
            });
            connection.On(BoardHub.ReadyMethod, () => Ready.TrySetResult());
        }

        public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Action? OnMessage { get; set; }

        public Task<long> Expect(string number) =>
            _expected.GetOrAdd(number, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public ValueTask DisposeAsync() => _connection.DisposeAsync();
    }

    /// <summary>The portal as shipped (Development, local sign-in), on a SQLite file in <c>folder</c>; with Redis when given.</summary>
    private sealed class Portal(string folder, string? redis, string prefix) : WebApplicationFactory<Program>, ICaseEventHandler
    {
        private readonly string _folder = folder;

        public ConcurrentDictionary<string, long> Commits { get; } = new(StringComparer.Ordinal);

        public Task HandleAsync(IReadOnlyList<CaseEvent> events, CancellationToken cancellationToken)
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var e in events)
            {
                Commits[e.Number] = now;
            }

            return Task.CompletedTask;
        }

        public string SessionCookie(Guid personId, PersonRoles roles)
        {
            var options = Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
            var principal = new ClaimsPrincipal(MesaClaims.IdentityFor(personId, "Persona de prueba", roles));
            return options.TicketDataFormat.Protect(new AuthenticationTicket(principal, CookieAuthenticationDefaults.AuthenticationScheme));
        }

        public async Task<string> FileAsync(int i)
        {
            var tree = await Services.GetRequiredService<CategoryTree>().GetAsync(default);
            var requester = DemoPeople.Requester;
            var result = await Services.GetRequiredService<RegisterCase>().HandleAsync(
                new RegisterCaseCommand(CaseKind.Incident, tree[0].Children[i % tree[0].Children.Count].Id, "Caso de medición " + i, "Medición del tablero en vivo.",
                    Impact.Medium, Urgency.Medium, CaseChannel.Portal, requester),
                CurrentUser.Person(requester, PersonRoles.None), default);
            return result.Number;
        }

        public async Task<Guid> AssigneeAsync(string number)
        {
            await using var db = await Services.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
            return (await db.Cases.Where(c => c.Number == number).Select(c => c.AssigneeId).SingleAsync())!.Value;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            Directory.CreateDirectory(_folder);
            builder.UseSetting("ConnectionStrings:Mesa", $"Data Source={Path.Combine(_folder, "mesa.db")}");
            builder.UseSetting("TimedWork:Enabled", "false");
            if (redis is not null)
            {
                builder.UseSetting("Redis:Connection", redis);
                builder.UseSetting("Redis:Prefix", prefix);
            }

            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseEnvironment("Development");
            builder.ConfigureServices(services => services.Insert(0, ServiceDescriptor.Singleton<ICaseEventHandler>(this)));
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the temp cleaner.
            }
        }
    }
}
