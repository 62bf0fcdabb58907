using System.Net;
using System.Text.Json;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Auth;
using MesaServicio.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Web;

/// <summary>Issue 20's host findings in Development (the in-memory portal): return URLs, origins, warm-up.</summary>
public sealed class HostHardeningTests : IClassFixture<HostHardeningTests.OriginPortal>
{
    private const string Search = "/casos?buscar=contraseña";
    private const string SearchEncoded = "/casos?buscar=contrase%C3%B1a";

    private readonly OriginPortal _portal;

    public HostHardeningTests(OriginPortal portal) => _portal = portal;

    [Theory]
    [InlineData(Search, SearchEncoded)]
    [InlineData("/casos/MS-2026-000001", "/casos/MS-2026-000001")]
    [InlineData("/ayuda?tema=año nuevo 😀", "/ayuda?tema=a%C3%B1o%20nuevo%20%F0%9F%98%80")]
    [InlineData("//evil.example/ñ", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/casos\r\nSet-Cookie: x=1", "/")]
    public void A_return_url_stays_local_and_is_ready_for_a_Location_header(string returnUrl, string expected)
    {
        var local = AuthEndpoints.LocalReturnUrl(returnUrl);

        local.Should().Be(expected);
        local.Should().MatchRegex("^[\\x21-\\x7E]+$", "Kestrel refuses a header with a non-ASCII or control character (error 500)");
    }

    [Fact]
    public async Task Signing_in_with_a_non_ASCII_return_url_lands_there_with_a_session()
    {
        using var browser = _portal.NewBrowser();
        var page = await browser.GetStringAsync(new Uri("/ingresar/local?returnUrl=" + Uri.EscapeDataString(Search), UriKind.Relative));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["personId"] = DemoPeople.Agent1.ToString(),
            ["returnUrl"] = Search,
            ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(page),
        });

        using var response = await browser.PostAsync(new Uri("/ingresar/local", UriKind.Relative), form);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be(SearchEncoded);
        response.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith(SessionCookies.Name + "=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Signing_out_with_a_non_ASCII_return_url_goes_there_encoded()
    {
        using var browser = _portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, DemoPeople.Agent1);
        var page = await browser.GetStringAsync(new Uri("/", UriKind.Relative));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["returnUrl"] = Search,
            ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(page),
        });

        using var response = await browser.PostAsync(new Uri("/salir", UriKind.Relative), form);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be(SearchEncoded);
    }

    [Theory]
    [InlineData("https://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("https://localhost.evil.example", HttpStatusCode.Forbidden)]
    [InlineData("http://localhost:8080", HttpStatusCode.Forbidden)]
    [InlineData("null", HttpStatusCode.Forbidden)]
    [InlineData("https://localhost", HttpStatusCode.OK)]
    [InlineData("https://mesa.entidad.gov.co", HttpStatusCode.OK)]
    [InlineData(null, HttpStatusCode.OK)]
    public async Task The_circuit_answers_only_the_portals_own_origins(string? origin, HttpStatusCode expected)
    {
        using var client = _portal.NewBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(expected);
    }

    [Fact]
    public async Task A_WebSocket_upgrade_from_a_foreign_origin_is_refused_before_the_upgrade()
    {
        foreach (var path in new[] { "/_blazor?id=x", "/hubs/tablero" })
        {
            var sockets = _portal.Server.CreateWebSocketClient();
            sockets.ConfigureRequest = request => request.Headers.Origin = "https://evil.example";

            var connect = () => sockets.ConnectAsync(new Uri("wss://localhost" + path), CancellationToken.None);

            (await connect.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("403");
        }
    }

    [Fact]
    public async Task The_warm_up_health_check_is_not_ready_until_the_warm_up_has_run()
    {
        var state = new WarmUpState();
        var check = new WarmUpHealthCheck(state);

        (await check.CheckHealthAsync(new HealthCheckContext())).Status.Should().Be(HealthStatus.Degraded);
        state.Done();
        (await check.CheckHealthAsync(new HealthCheckContext())).Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task Ready_waits_for_the_warm_up_which_runs_the_hot_paths_once()
    {
        await _portal.FileCaseAsync(DemoPeople.Requester, "Un caso para calentar la página del caso");
        using var warm = _portal.WithWebHostBuilder(b => b.UseSetting(PortalWarmUp.EnabledKey, "true"));
        using var client = warm.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        var state = warm.Services.GetRequiredService<WarmUpState>();

        await state.Completion.WaitAsync(TimeSpan.FromSeconds(90));

        state.Warmed.Should().Equal("modelo", "ingreso", "tablero", "caso", "escalamiento", "páginas");
        using var ready = await client.GetAsync(new Uri(Operations.ReadyPath, UriKind.Relative));
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("warm-up").GetString()
            .Should().Be("Healthy");
    }

    [Theory]
    [InlineData("/css/site.css")]
    [InlineData("/js/reconnect.js")]
    [InlineData("/fonts/roboto/roboto.css")]
    public async Task The_portals_own_files_are_served_without_a_warning_in_Development(string path)
    {
        using var client = _portal.NewBrowser();
        var before = _portal.Logs.Lines.Count;

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _portal.Logs.Lines.Skip(before).Where(l => l.Level >= LogLevel.Warning).Select(l => l.Message).Should().BeEmpty();
    }

    /// <summary>The in-memory portal with one listed origin besides its own, its log captured.</summary>
    public sealed class OriginPortal : PortalFactory
    {
        public CapturingLoggerProvider Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(OriginCheck.AllowedOriginsKey + ":0", "https://mesa.entidad.gov.co");
            builder.ConfigureServices(s => s.AddSingleton<ILoggerFactory>(_ => LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug))));
        }
    }
}
