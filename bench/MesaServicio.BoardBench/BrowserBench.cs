using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json;
using MesaServicio.Core.Board;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Live;
using MesaServicio.Core.People;
using MesaServicio.Core.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.BoardBench;

/// <summary>The issue 17 goals measured in Chromium over the portal hosted in this process (see docs/PERFORMANCE.md).</summary>
internal static class BrowserBench
{
    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string Load() => F($"load average {File.ReadAllText("/proc/loadavg").Trim()}; nproc {Environment.ProcessorCount}");

    /// <summary>P1: commit → card in its new column on the Chromium boards, with server-side boards on the same feed.</summary>
    public static async Task FeedLatencyAsync(int cases, int pages, int subscriptions, int changes, int gapMs)
    {
        const int warmUp = 10;
        await using var portal = await BenchPortal.StartAsync(cases);
        await using var browser = await BenchBrowser.LaunchAsync();
        Console.WriteLine($"feed-latency: cases={cases} chromium boards={pages} subscriptions in all={subscriptions} changes={changes} (+{warmUp} warm-up) gap={gapMs} ms; {Load()}");

        var boards = new List<IPage>();
        for (var i = 0; i < pages; i++)
        {
            var (id, roles, _) = Staff.All[i % Staff.All.Length];
            var context = await browser.SignedInAsync(portal, id, roles);
            boards.Add(await BenchBrowser.OpenAsync(context, "/tablero"));
        }

        // The rest: server-side boards on the same feed, each a LiveBoard from a GetBoard read, applying every change it hears.
        var feed = portal.Services.GetRequiredService<LiveFeed>();
        var getBoard = portal.Services.GetRequiredService<GetBoard>();
        var calendar = portal.Services.GetRequiredService<IBusinessCalendarProvider>().Current;
        var views = new Dictionary<Guid, BoardView>();
        foreach (var (id, roles, _) in Staff.All)
        {
            views[id] = await getBoard.HandleAsync(CurrentUser.Person(id, roles), BoardFilter.None, default);
        }

        var servers = new List<ServerBoard>();
        var extra = Math.Max(0, subscriptions - feed.SubscriberCount);
        for (var i = 0; i < extra; i++)
        {
            var board = new ServerBoard(new LiveBoard(views[Staff.All[i % Staff.All.Length].Id]), calendar);
            board.Subscription = feed.Subscribe(board);
            servers.Add(board);
        }

        Console.WriteLine($"subscribers on the feed: {feed.SubscriberCount} ({pages} Chromium boards and their bells, {servers.Count} server-side boards)");

        // Floor: a round trip in the same browser: the home page's menu button (server handler toggles the drawer).
        var floor = await ToggleFloorAsync(browser, portal, warmUp + 30);

        var attend = portal.Services.GetRequiredService<AttendCase>();
        var agent = CurrentUser.Person(DemoPeople.Agent1, PersonRoles.Agent);
        var boardBefore = portal.Commands.Board;
        var allBefore = portal.Commands.All;
        var perChange = new List<long>();
        for (var i = 0; i < changes + warmUp; i++)
        {
            var number = BenchDatabase.Probe(i);
            var before = portal.Commands.Board;
            await attend.HandleAsync(new AttendCaseCommand(number, null), agent, default);
            await Task.Delay(gapMs);
            if (i >= warmUp)
            {
                perChange.Add(portal.Commands.Board - before);
            }
        }

        await Task.Delay(1000);
        var first = new List<double>();
        var missing = 0;
        foreach (var page in boards)
        {
            var seen = await page.EvaluateAsync<Dictionary<string, double>>("() => window.__bench.seen");
            for (var i = warmUp; i < changes + warmUp; i++)
            {
                var number = BenchDatabase.Probe(i);
                if (seen.TryGetValue(number + "|InProgress", out var at))
                {
                    _ = at;
                }
                else
                {
                    missing++;
                }
            }
        }

        for (var i = warmUp; i < changes + warmUp; i++)
        {
            var number = BenchDatabase.Probe(i);
            var commit = Wall(portal.Commits[number]);
            var arrivals = new List<double>();
            foreach (var page in boards)
            {
                var seen = await page.EvaluateAsync<Dictionary<string, double>>("() => window.__bench.seen");
                if (seen.TryGetValue(number + "|InProgress", out var at))
                {
                    arrivals.Add(at - commit);
                }
            }

            if (arrivals.Count > 0)
            {
                first.Add(arrivals.Min());
            }
        }

        var latencies = new List<double>();
        foreach (var page in boards)
        {
            var seen = await page.EvaluateAsync<Dictionary<string, double>>("() => window.__bench.seen");
            for (var i = warmUp; i < changes + warmUp; i++)
            {
                var number = BenchDatabase.Probe(i);
                if (seen.TryGetValue(number + "|InProgress", out var at))
                {
                    latencies.Add(at - Wall(portal.Commits[number]));
                }
            }
        }

        Console.WriteLine($"{Load()}");
        Console.WriteLine("commit → card in its new column, every (Chromium board, change) that showed it: " + Stats.Summary(latencies));
        if (first.Count > 0)
        {
            Console.WriteLine("commit → card, first Chromium board per change: " + Stats.Summary(first));
        }

        Console.WriteLine($"(board, change) pairs not shown: {missing} (a board that does not reach the case, or draws it below its first page)");
        Console.WriteLine(F($"board reads (commands through GetBoard or a component) during the changes: {portal.Commands.Board - boardBefore}; per change max {perChange.DefaultIfEmpty().Max()}; all commands during the changes: {portal.Commands.All - allBefore} (the sender's own included)"));
        Console.WriteLine(F($"server-side boards applied {servers.Sum(s => s.Applied)} changes ({servers.Sum(s => s.Heard)} heard)"));
        Console.WriteLine("floor, home page menu button click → drawer changed (Blazor round trip, same browser): " + Stats.Summary(floor));
        foreach (var server in servers)
        {
            server.Subscription?.Dispose();
        }
    }

    private static double Wall(DateTimeOffset instant) => (instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)TimeSpan.TicksPerMillisecond;

    /// <summary>Click (Playwright, trusted input) on the app bar's menu button → the drawer's class changed, timed in the page.</summary>
    private static async Task<List<double>> ToggleFloorAsync(BenchBrowser browser, BenchPortal portal, int count)
    {
        var context = await browser.SignedInAsync(portal, DemoPeople.Agent2, PersonRoles.Agent);
        var page = await BenchBrowser.OpenAsync(context, "/");
        await page.EvaluateAsync("""
            () => {
              window.__floor = [];
              const drawer = document.querySelector('.mud-drawer');
              new MutationObserver(() => { if (window.__click) { window.__floor.push(performance.now() - window.__click); window.__click = null; } })
                .observe(drawer, { attributes: true, attributeFilter: ['class'] });
              document.addEventListener('click', () => { window.__click = performance.now(); }, true);
            }
            """);
        var button = page.Locator("button[aria-label='Abrir o cerrar el menú']");
        for (var i = 0; i < count; i++)
        {
            var before = await page.EvaluateAsync<int>("() => window.__floor.length");
            await button.ClickAsync();
            await page.WaitForFunctionAsync($"() => window.__floor.length > {before}", null, new() { PollingInterval = 10 });
        }

        var all = await page.EvaluateAsync<double[]>("() => window.__floor");
        await context.CloseAsync();
        return [.. all.Skip(10)];
    }

    /// <summary>P2: server memory per idle board circuit (slope over 10, 30, 60 pages), beside the home page's.</summary>
    public static async Task MemoryAsync(int cases, int[] steps)
    {
        await using var portal = await BenchPortal.StartAsync(cases);
        await using var browser = await BenchBrowser.LaunchAsync();
        var feed = portal.Services.GetRequiredService<LiveFeed>();
        Console.WriteLine($"memory: cases={cases} steps={string.Join('/', steps)}; {Load()}");
        foreach (var path in new[] { "/", "/tablero" })
        {
            var contexts = new List<IBrowserContext>();
            var points = new List<(int Pages, long Managed, long Private)>();
            var (m0, p0) = Measure();
            Console.WriteLine(F($"{path}: 0 pages: managed {m0 / 1024.0:F0} KB, private {p0 / 1024.0:F0} KB, feed subscribers {feed.SubscriberCount}"));
            foreach (var step in steps)
            {
                while (contexts.Count < step)
                {
                    var (id, roles, _) = Staff.All[contexts.Count % Staff.All.Length];
                    var context = await browser.SignedInAsync(portal, id, roles);
                    await BenchBrowser.OpenAsync(context, path);
                    contexts.Add(context);
                }

                await Task.Delay(2000);
                var (managed, privateBytes) = Measure();
                points.Add((step, managed, privateBytes));
                Console.WriteLine(F($"{path}: {step} pages: managed {managed / 1024.0:F0} KB, private {privateBytes / 1024.0:F0} KB, feed subscribers {feed.SubscriberCount}"));
            }

            if (int.TryParse(Environment.GetEnvironmentVariable("MESA_BENCH_HOLD_SECONDS"), out var hold) && hold > 0)
            {
                // Time to take a heap snapshot of the portal with its pages open: dotnet-gcdump collect -p <pid>.
                Console.WriteLine($"{path}: holding {hold} s with {contexts.Count} pages open (pid {Environment.ProcessId})");
                await Task.Delay(TimeSpan.FromSeconds(hold));
            }

            var slope = Slope(points.Select(p => ((double)p.Pages, (double)p.Managed)).ToList()) / 1024;
            var slopePrivate = Slope(points.Select(p => ((double)p.Pages, (double)p.Private)).ToList()) / 1024;
            Console.WriteLine(F($"{path}: per circuit (least-squares slope): managed {slope:F0} KB, private {slopePrivate:F0} KB"));
            if (path == "/tablero")
            {
                Console.WriteLine(F($"board circuits 24 GiB would hold at the managed slope: {24.0 * 1024 * 1024 / slope:N0}; at the private slope: {24.0 * 1024 * 1024 / slopePrivate:N0}"));
            }

            foreach (var context in contexts)
            {
                await context.CloseAsync();
            }

            await Task.Delay(3000);
        }

        Console.WriteLine(Load());
    }

    private static (long Managed, long Private) Measure()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var managed = GC.GetTotalMemory(true);
        using var process = Process.GetCurrentProcess();
        return (managed, process.PrivateMemorySize64);
    }

    private static double Slope(List<(double X, double Y)> points)
    {
        var mx = points.Average(p => p.X);
        var my = points.Average(p => p.Y);
        return points.Sum(p => (p.X - mx) * (p.Y - my)) / points.Sum(p => (p.X - mx) * (p.X - mx));
    }

    /// <summary>P4 in the browser: navigation → first cards (and → interactive) on /tablero, beside the home page.</summary>
    public static async Task NavigationAsync(int cases, int loads)
    {
        await using var portal = await BenchPortal.StartAsync(cases);
        await using var browser = await BenchBrowser.LaunchAsync();
        Console.WriteLine($"navigation: cases={cases} loads={loads} after 1 warm-up; {Load()}");
        foreach (var (who, id, roles, path) in new[]
        {
            ("agent 1", DemoPeople.Agent1, PersonRoles.Agent, "/tablero"),
            ("coordinator", DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator, "/tablero"),
            ("agent 1", DemoPeople.Agent1, PersonRoles.Agent, "/"),
        })
        {
            var context = await browser.SignedInAsync(portal, id, roles);
            var page = await context.NewPageAsync();
            var content = new List<double>();
            var interactive = new List<double>();
            for (var i = 0; i < loads + 1; i++)
            {
                await page.GotoAsync("about:blank");
                await page.GotoAsync(path);
                await BenchBrowser.WaitReadyAsync(page, path);
                var marks = await page.EvaluateAsync<JsonElement>("() => window.__bench");
                if (i == 0)
                {
                    continue;
                }

                var shown = path == "/" ? marks.GetProperty("firstH1") : marks.GetProperty("firstCard");
                content.Add(shown.ValueKind == JsonValueKind.Number ? shown.GetDouble() : double.NaN);
                interactive.Add(marks.GetProperty("interactive").GetDouble());
            }

            var what = path == "/" ? "h1" : "first cards";
            Console.WriteLine($"{path} as {who}: navigation → {what} in the DOM: " + Stats.Summary(content));
            Console.WriteLine($"{path} as {who}: navigation → interactive (circuit up, h1 focused{(path == "/" ? "" : ", live cards")}): " + Stats.Summary(interactive));
            await context.CloseAsync();
        }

        Console.WriteLine(Load());
    }

    /// <summary>P7: the card's "Mover a…" → "Atender el caso" in the moves dialog: click → card in «En atención», in the page.</summary>
    public static async Task MoveAsync(int cases, int moves)
    {
        const int warmUp = 3;
        await using var portal = await BenchPortal.StartAsync(cases);
        await using var browser = await BenchBrowser.LaunchAsync();
        Console.WriteLine($"move: cases={cases} moves={moves} after {warmUp} warm-up, as agent 1; {Load()}");
        // A column sorts the same whichever column it is: the k-th card moved from the top of «Nuevo / Asignado» lands k-th
        // in «En atención». A window tall enough that the column draws every card moved (the list draws what is in view).
        var context = await browser.SignedInAsync(portal, DemoPeople.Agent1, PersonRoles.Agent,
            height: 300 + (int)(MesaServicio.Web.Components.Board.BoardColumnView.CardHeight * (moves + warmUp + 4)));
        var page = await BenchBrowser.OpenAsync(context, "/tablero");
        var times = new List<double>();
        var floor = await ToggleFloorAsync(browser, portal, 10 + moves);
        for (var i = 0; i < moves + warmUp; i++)
        {
            // The top card of «Nuevo / Asignado» is the next probe (critical, due earliest).
            var number = await page.EvaluateAsync<string>(
                "() => document.querySelector(\"section.board-column[data-columna='NewOrAssigned'] article.board-card\").getAttribute('data-numero')");
            await page.Locator($"article.board-card[data-numero='{number}'] button[aria-label='Mover a… (caso {number})']").ClickAsync();
            var item = page.Locator("[role='dialog'] [data-mover='Attend']");
            await item.WaitForAsync();
            await page.EvaluateAsync("(n) => { window.__move = { n, click: null }; document.addEventListener('click', () => { if (window.__move.click === null) window.__move.click = performance.timeOrigin + performance.now(); }, { capture: true, once: true }); }", number);
            await item.ClickAsync();
            var key = number + "|InProgress";
            try
            {
                await page.WaitForFunctionAsync($"() => window.__bench.seen['{key}'] !== undefined", null, new() { PollingInterval = 10 });
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException($"{number} never showed in «En atención»: {await BenchBrowser.DescribeAsync(page)}", ex);
            }

            var elapsed = await page.EvaluateAsync<double>($"() => window.__bench.seen['{key}'] - window.__move.click");
            if (i >= warmUp)
            {
                times.Add(elapsed);
            }

            await Task.Delay(200);
        }

        Console.WriteLine("click «Atender el caso» → card in «En atención»: " + Stats.Summary(times));
        Console.WriteLine("floor, home page menu button click → drawer changed: " + Stats.Summary(floor));
        Console.WriteLine(Load());
    }

    /// <summary>A board on the server, as a circuit holds one: it hears, then applies on its own turn (not the publisher's thread).</summary>
    private sealed class ServerBoard(LiveBoard board, BusinessCalendar calendar) : ILiveSubscriber
    {
        private readonly Lock _gate = new();

        public IDisposable? Subscription { get; set; }

        public int Heard;

        public int Applied;

        public void OnMessage(LiveMessage message)
        {
            if (message is not CardChanged change || !board.Scope.Hears(change.Audience))
            {
                return;
            }

            Interlocked.Increment(ref Heard);
            ThreadPool.UnsafeQueueUserWorkItem(_ =>
            {
                lock (_gate)
                {
                    if (board.Apply(change, calendar, DateTimeOffset.UtcNow))
                    {
                        Applied++;
                    }
                }
            }, null);
        }

        public void OnResync()
        {
        }
    }
}
