using System.Net;
using MesaServicio.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Tests.Web;

/// <summary>Issue 20's findings that show only in Production: a refused sign-out post, HSTS.</summary>
public sealed class ProductionHostTests : IClassFixture<ProductionHostTests.ProductionPortal>
{
    private readonly ProductionPortal _portal;

    public ProductionHostTests(ProductionPortal portal) => _portal = portal;

    [Fact]
    public async Task Signing_out_without_an_antiforgery_token_is_a_400_with_no_error_in_the_log()
    {
        using var client = _portal.Client("https://localhost");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" });
        var before = _portal.Logs.Lines.Count;

        using var response = await client.PostAsync(new Uri("/salir", UriKind.Relative), form);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var lines = _portal.Logs.Lines.Skip(before).ToList();
        lines.Should().NotContain(l => l.Level >= LogLevel.Error, "a refused form is the client's mistake, not a failure of the portal");
        lines.Where(l => l.Level >= LogLevel.Warning).Should().HaveCountLessThanOrEqualTo(1);
    }

    [Fact]
    public async Task HSTS_is_a_year_with_sub_domains()
    {
        using var client = _portal.Client("https://mesa.entidad.gov.co");

        using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        response.Headers.GetValues("Strict-Transport-Security").Single().Should().Be("max-age=31536000; includeSubDomains");
    }

    [Fact]
    public async Task HSTS_can_be_configured()
    {
        using var shorter = _portal.WithWebHostBuilder(b =>
        {
            b.UseSetting("Security:HstsMaxAgeDays", "30");
            b.UseSetting("Security:HstsIncludeSubDomains", "false");
        });
        using var client = shorter.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://mesa.entidad.gov.co"), AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        response.Headers.GetValues("Strict-Transport-Security").Single().Should().Be("max-age=2592000");
    }

    /// <summary>The portal in Production: Entra sign-in (never reached here: these requests need no sign-in).</summary>
    public sealed class ProductionPortal : PortalFactory
    {
        public CapturingLoggerProvider Logs { get; } = new();

        public HttpClient Client(string baseAddress) =>
            CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false });

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseSetting("AzureAd:Instance", "https://login.microsoftonline.com/");
            builder.UseSetting("AzureAd:TenantId", "00000000-0000-0000-0000-0000000000aa");
            builder.UseSetting("AzureAd:ClientId", "00000000-0000-0000-0000-0000000000bb");
            builder.UseSetting("AzureAd:ClientSecret", "secreto-de-prueba");
            builder.ConfigureServices(s => s.AddSingleton<ILoggerFactory>(_ => LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug))));
        }
    }
}
