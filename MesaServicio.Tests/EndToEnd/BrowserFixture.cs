using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace MesaServicio.Tests.EndToEnd;

/// <summary>
/// Playwright driving Debian's Chromium (<c>/usr/bin/chromium</c>): nothing is downloaded, no <c>playwright install</c>.
/// The driver (Node-based) ships in the Microsoft.Playwright package and is copied to the tests' output folder
/// (<c>.playwright/</c>). A missing Chromium fails the tests with the reason: CI installs it (<c>.ci/run</c>).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The window of a new context: a large desktop screen.</summary>
    public const int WindowWidth = 1600, WindowHeight = 1000;

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-quic",
    ];

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium is missing: {ChromiumPath} does not exist. The browser tests need Debian's Chromium " +
                "(`apt-get update && apt-get install -y chromium`; .ci/run installs it). Playwright must not download a browser here.");
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>A new isolated browser context (own cookies) on the portal, with every request outside 127.0.0.1 aborted and recorded.</summary>
    public async Task<PortalSession> NewSessionAsync(PortalProcess portal, string name)
    {
        ArgumentNullException.ThrowIfNull(portal);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.BaseAddress.ToString().TrimEnd('/'),
            Locale = "es-CO",
            TimezoneId = "America/Bogota",
            ViewportSize = new ViewportSize { Width = WindowWidth, Height = WindowHeight },
        });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        var session = new PortalSession(name, context);
        await session.InitializeAsync();
        return session;
    }
}

/// <summary>One person's browser: a context and its page, what it tried to load from outside, and what went wrong in it.</summary>
public sealed class PortalSession : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _outside = new();
    private readonly ConcurrentQueue<string> _problems = new();

    internal PortalSession(string name, IBrowserContext context)
    {
        Name = name;
        Context = context;
    }

    public string Name { get; }

    public IBrowserContext Context { get; }

    public IPage Page { get; private set; } = default!;

    /// <summary>Every request (HTTP or WebSocket) the pages tried to send anywhere but 127.0.0.1; all were aborted.</summary>
    public IReadOnlyList<string> OutsideRequests => [.. _outside];

    /// <summary>Console errors and uncaught page errors, for diagnostics.</summary>
    public IReadOnlyList<string> Problems => [.. _problems];

    internal async Task InitializeAsync()
    {
        await Context.RouteAsync(_ => true, async route =>
        {
            if (IsLocal(route.Request.Url))
            {
                await route.ContinueAsync();
            }
            else
            {
                _outside.Enqueue(route.Request.Method + " " + route.Request.Url);
                await route.AbortAsync("blockedbyclient");
            }
        });
        await Context.RouteWebSocketAsync(url => !IsLocal(url), ws =>
        {
            _outside.Enqueue("WebSocket " + ws.Url);
            _ = ws.CloseAsync();
        });
        Page = await Context.NewPageAsync();
        Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _problems.Enqueue($"[{Name}] console: {message.Text}");
            }
        };
        Page.PageError += (_, error) => _problems.Enqueue($"[{Name}] page error: {error}");
    }

    /// <summary>Whether a URL stays on this machine's 127.0.0.1 (data: and blob: URLs never leave the page).</summary>
    public static bool IsLocal(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.Scheme is "data" or "blob" or "about" || uri.Host == "127.0.0.1";
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}

/// <summary>
/// The browser tests share one portal process and one Chromium, started once. They run alone (not beside the other
/// test collections): the journey times the live board, which a busy CPU would distort.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserSuite : ICollectionFixture<PortalProcess>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "Portal en el navegador";
}
