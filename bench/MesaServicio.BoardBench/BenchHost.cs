using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using MesaServicio.Benchmarks;
using MesaServicio.Core;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.People;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Sla;
using MesaServicio.Web.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.BoardBench;

/// <summary>
/// A seeded database for a run: <c>cases</c> board cases (<see cref="BoardSeed"/>, through the domain's methods) plus
/// <c>probes</c> "probe" cases the runs move: critical, assigned to Agent 1, received 40 days ago (so each sorts first in
/// any column it enters, and the measured boards draw it). Built once into a template under /tmp and copied per run.
/// </summary>
internal static class BenchDatabase
{
    public const int Probes = 300;

    public static async Task<string> PrepareAsync(string folder, int cases)
    {
        var templates = Path.Combine(Path.GetTempPath(), "mesa-bench-templates");
        Directory.CreateDirectory(templates);
        // Keyed by the schema (the last migration's id): a template of another schema is never copied in.
        var schema = typeof(MesaDbContext).Assembly.GetTypes()
            .Select(t => t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false)
                .OfType<Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute>().FirstOrDefault()?.Id)
            .OfType<string>().Max(StringComparer.Ordinal);
        var template = Path.Combine(templates, string.Create(CultureInfo.InvariantCulture, $"board-{cases}-{Probes}-{schema}-v3.db"));
        if (!File.Exists(template))
        {
            var building = template + ".building";
            File.Delete(building);
            var watch = Stopwatch.StartNew();
            await BuildAsync(building, cases);
            File.Move(building, template);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Template {template} built in {watch.Elapsed.TotalSeconds:F0} s"));
        }

        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "mesa.db");
        File.Copy(template, file, overwrite: true);
        return file;
    }

    private static async Task BuildAsync(string file, int cases)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Mesa"] = $"Data Source={file}",
        }).Build();
        await using (var services = new ServiceCollection().AddLogging().AddMesaServicioCore(configuration).BuildServiceProvider())
        {
            await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(default);
            await using var db = await services.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
            var calendar = services.GetRequiredService<IBusinessCalendarProvider>().Current;
            var now = DateTimeOffset.UtcNow;
            await BoardSeed.SeedAsync(db, cases, now, calendar);
            await SeedProbesAsync(db, now, calendar);

            // Everyone has accepted the privacy notice in force: otherwise the portal shows it before any board.
            var privacy = services.GetRequiredService<MesaServicio.Core.Privacy.PrivacyNotices>();
            var version = (await privacy.GetCurrentAsync(default)).Version;
            foreach (var person in await db.People.AsNoTracking().Select(p => p.Id).ToListAsync())
            {
                await privacy.AcceptAsync(MesaServicio.Core.Security.CurrentUser.Person(person, PersonRoles.None), version, default);
            }

            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static async Task SeedProbesAsync(MesaDbContext db, DateTimeOffset now, BusinessCalendar calendar)
    {
        var agent = DemoPeople.Agent1;
        var group = await db.GroupMembers.AsNoTracking().Where(m => m.PersonId == agent).Select(m => m.GroupId).FirstAsync();
        var roots = await db.Categories.AsNoTracking().Where(c => c.ParentId == null && c.GroupId == group).Select(c => c.Id).ToListAsync();
        var categories = await db.Categories.AsNoTracking().Where(c => c.ParentId != null && roots.Contains(c.ParentId!.Value)).Select(c => c.Id).ToListAsync();
        var policy = new SlaPolicy(null, CaseKind.Incident, CasePriority.Critical, SlaTarget.Hours(2), SlaTarget.Days(1));
        for (var i = 0; i < Probes; i++)
        {
            // Later probes were received earlier and have lower numbers: each one moved sorts before the ones moved before
            // it (a column orders by priority, due instant, then number; received outside business hours, they share a due instant).
            var received = now - TimeSpan.FromDays(40) - TimeSpan.FromMinutes(i);
            var c = Case.Register(
                new CaseRegistration(Probe(i), CaseKind.Incident,
                    categories[i % categories.Count], "Caso de medición " + i, "Caso que mueve la medición del tablero.", Impact.High, Urgency.High,
                    CasePriority.Critical, CaseChannel.Portal, DemoPeople.Requester, null, policy),
                new CaseContext(Actor.System, received, calendar));
            c.Assign(agent, group, 1, new CaseContext(Actor.System, received + TimeSpan.FromMinutes(1), calendar));
            c.ClearEvents();
            db.Cases.Add(c);
        }

        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    /// <summary>The probe cases in the order the runs move them.</summary>
    public static string Probe(int i) => string.Create(CultureInfo.InvariantCulture, $"MS-2024-{Probes - i:D6}");
}

/// <summary>Counts the database commands the portal runs; those issued by the board's reads (GetBoard) apart.</summary>
internal sealed class CommandCounter : DbCommandInterceptor
{
    private long _all;
    private long _board;

    public long All => Interlocked.Read(ref _all);

    /// <summary>Commands whose call stack runs through <c>GetBoard</c> (a board's read: first page, more, gap) or a component.</summary>
    public long Board => Interlocked.Read(ref _board);

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Count();
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    private void Count()
    {
        Interlocked.Increment(ref _all);
        var stack = Environment.StackTrace;
        if (stack.Contains("MesaServicio.Core.Board.GetBoard", StringComparison.Ordinal)
            || stack.Contains("MesaServicio.Web.Components", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _board);
        }
    }
}

/// <summary>
/// The portal as shipped (Development, local sign-in) on Kestrel with a real loopback port and its own SQLite file.
/// Records each case's commit instant (wall clock, high resolution) from an event handler registered before the
/// others, and counts database commands.
/// </summary>
internal sealed class BenchPortal(string folder, string database) : WebApplicationFactory<Program>, ICaseEventHandler
{
    public ConcurrentDictionary<string, DateTimeOffset> Commits { get; } = new(StringComparer.Ordinal);

    public CommandCounter Commands { get; } = new();

    public Uri Address => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<BenchPortal> StartAsync(int cases)
    {
        var folder = Path.Combine(Path.GetTempPath(), "mesa-bench", Guid.NewGuid().ToString("N"));
        var database = await BenchDatabase.PrepareAsync(folder, cases);
        var portal = new BenchPortal(folder, database);
        portal.UseKestrel(0);
        portal.StartServer();
        return portal;
    }

    public Task HandleAsync(IReadOnlyList<CaseEvent> events, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var e in events)
        {
            Commits[e.Number] = now;
        }

        return Task.CompletedTask;
    }

    public string SessionCookie(Guid personId, PersonRoles roles)
    {
        var options = Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
        var principal = new ClaimsPrincipal(MesaClaims.IdentityFor(personId, "Persona de medición", roles));
        return options.TicketDataFormat.Protect(new AuthenticationTicket(principal, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Mesa", $"Data Source={database}");
        builder.UseSetting("TimedWork:Enabled", "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Error");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseEnvironment("Development");
        builder.ConfigureServices(services =>
        {
            services.Insert(0, ServiceDescriptor.Singleton<ICaseEventHandler>(this));
            services.ConfigureDbContext<MesaDbContext>(options => options.AddInterceptors(Commands));

            // A closed tab's circuit goes at once (not kept 3 minutes for a reconnection): the memory steps stay clean.
            services.Configure<CircuitOptions>(options => options.DisconnectedCircuitMaxRetained = 0);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner.
        }
    }
}

/// <summary>Debian's Chromium through Playwright (nothing downloaded), one context per signed-in person.</summary>
internal sealed class BenchBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Records, in every page of a context, when cards and headings appear (page clock and wall clock).</summary>
    private const string Watch = """
        (() => {
          window.__bench = { seen: {}, events: [], firstCard: null, firstH1: null, interactive: null };
          const wall = () => performance.timeOrigin + performance.now();
          const look = (node) => {
            if (!(node instanceof Element)) return;
            const cards = node.matches('article.board-card') ? [node] : node.querySelectorAll('article.board-card');
            for (const card of cards) {
              if (window.__bench.firstCard === null) window.__bench.firstCard = performance.now();
              const column = card.closest('section.board-column');
              const key = card.getAttribute('data-numero') + '|' + (column ? column.getAttribute('data-columna') : '');
              if (!(key in window.__bench.seen)) { window.__bench.seen[key] = wall(); }
            }
            if (window.__bench.firstH1 === null && (node.matches('h1') || node.querySelector('h1'))) window.__bench.firstH1 = performance.now();
          };
          new MutationObserver((mutations) => {
            for (const m of mutations) {
              if (m.type === 'childList') { for (const n of m.addedNodes) look(n); }
              else if (m.type === 'attributes') { window.__bench.events.push({ kind: 'attr', t: performance.now(), cls: m.target.className }); }
            }
            if (window.__bench.interactive === null && window.Blazor && document.activeElement && document.activeElement.tagName === 'H1') {
              window.__bench.interactive = performance.now();
            }
          }).observe(document, { childList: true, subtree: true });
          document.addEventListener('focusin', () => {
            if (window.__bench.interactive === null && window.Blazor && document.activeElement && document.activeElement.tagName === 'H1') {
              window.__bench.interactive = performance.now();
            }
          }, true);
          document.addEventListener('click', (e) => { window.__bench.events.push({ kind: 'click', t: performance.now(), wall: wall() }); }, true);
        })();
        """;

    private readonly IPlaywright _playwright;

    private BenchBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<BenchBrowser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is missing: {ChromiumPath} (apt-get install -y chromium).");
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                "--disable-backgrounding-occluded-windows"],
            Timeout = 60_000,
        });
        return new BenchBrowser(playwright, browser);
    }

    /// <summary>A context signed in as <paramref name="personId"/> (the portal's own session cookie), with the watch script.</summary>
    public async Task<IBrowserContext> SignedInAsync(BenchPortal portal, Guid personId, PersonRoles roles, int height = 1000)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.Address.ToString().TrimEnd('/'),
            Locale = "es-CO",
            TimezoneId = "America/Bogota",
            ViewportSize = new ViewportSize { Width = 1600, Height = height },
        });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        await context.AddCookiesAsync([new Cookie { Name = "MesaServicio.Sesion", Value = portal.SessionCookie(personId, roles), Url = portal.Address.ToString() }]);
        await context.AddInitScriptAsync(Watch);
        return context;
    }

    /// <summary>
    /// Opens <paramref name="path"/> and waits until its circuit runs (the router focused the h1) and, on the board, it is
    /// live with its cards drawn (or live and empty: some staff have no open case in their reach).
    /// </summary>
    public static async Task<IPage> OpenAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await WaitReadyAsync(page, path);
        return page;
    }

    public static async Task WaitReadyAsync(IPage page, string path)
    {
        var board = path.StartsWith("/tablero", StringComparison.Ordinal);
        try
        {
            await page.WaitForFunctionAsync(
                board
                    ? "() => window.__bench && window.__bench.interactive !== null && document.querySelector(\"[data-live='conectado']\") !== null"
                      + " && (document.querySelector(\"[data-live='conectado'] article.board-card\") !== null || /· 0 casos$/.test(document.querySelector('.board-live').textContent))"
                    : "() => window.__bench && window.__bench.interactive !== null",
                null, new() { Timeout = 60_000, PollingInterval = 20 });
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{path} was not ready within 60 s: {await DescribeAsync(page)}", ex);
        }
    }

    /// <summary>What a page shows, for a run that stops: its circuit, live mark and each column's heading and first cards; a screenshot under /tmp.</summary>
    public static async Task<string> DescribeAsync(IPage page)
    {
        var shot = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"boardbench-{DateTime.UtcNow:HHmmssfff}.png"));
        await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
        var state = await page.EvaluateAsync<string>("""
            () => `url=${location.pathname}; blazor=${!!window.Blazor}; interactive=${window.__bench && window.__bench.interactive}; `
              + `live=${(document.querySelector('[data-live]') || {}).dataset?.live}; status=${(document.querySelector('.board-live') || {}).textContent}; `
              + [...document.querySelectorAll('section.board-column')].map(c => c.dataset.columna + ' "' + c.querySelector('h2').textContent.trim()
                  + '" ' + [...c.querySelectorAll('article.board-card')].slice(0, 3).map(a => a.dataset.numero).join(',')).join('; ')
            """);
        return state + "; screenshot " + shot;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
    }
}

/// <summary>The staff who open boards in the runs (agents, leads, level 2 and 3, the coordinator).</summary>
internal static class Staff
{
    public static readonly (Guid Id, PersonRoles Roles, string Name)[] All =
    [
        (DemoPeople.Agent1, PersonRoles.Agent, "agent 1"), (DemoPeople.Agent2, PersonRoles.Agent, "agent 2"),
        (DemoPeople.Agent3, PersonRoles.Agent, "agent 3"), (DemoPeople.Agent4, PersonRoles.Agent, "agent 4"),
        (DemoPeople.Agent5, PersonRoles.Agent, "agent 5"), (DemoPeople.Agent6, PersonRoles.Agent, "agent 6"),
        (DemoPeople.Level2Agent, PersonRoles.Agent, "level 2"), (DemoPeople.Level3Agent, PersonRoles.Agent, "level 3"),
        (DemoPeople.LeadFirstLevel, PersonRoles.Agent | PersonRoles.TechnicalLead, "lead first level"),
        (DemoPeople.LeadMisional, PersonRoles.Agent | PersonRoles.TechnicalLead, "lead misional"),
        (DemoPeople.LeadApoyo, PersonRoles.Agent | PersonRoles.TechnicalLead, "lead apoyo"),
        (DemoPeople.LeadEspecializados, PersonRoles.Agent | PersonRoles.TechnicalLead, "lead especializados"),
        (DemoPeople.LeadAdministrativos, PersonRoles.Agent | PersonRoles.TechnicalLead, "lead administrativos"),
        (DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator, "coordinator"),
    ];
}
