using System.Net;
using MesaServicio.Tests.Support;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Configuration;

/// <summary>The configuration and the audit are the coordinator's pages: the web layer refuses them before Core does.</summary>
public sealed class ConfigurationAccessTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/configuracion")]
    [InlineData("/auditoria")]
    public async Task An_agent_is_refused(string path)
    {
        using var browser = portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, DemoPeople.Agent1);

        using var response = await browser.GetAsync(new Uri(path, UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.Should().Be("/acceso-denegado");
    }

    [Theory]
    [InlineData("/configuracion")]
    [InlineData("/auditoria")]
    public async Task A_technical_lead_is_refused(string path)
    {
        using var browser = portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, DemoPeople.LeadFirstLevel);

        using var response = await browser.GetAsync(new Uri(path, UriKind.Relative));

        response.Headers.Location!.AbsolutePath.Should().Be("/acceso-denegado");
    }

    [Theory]
    [InlineData("/configuracion", "%2Fconfiguracion")]
    [InlineData("/auditoria", "%2Fauditoria")]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string path, string escaped)
    {
        using var browser = portal.NewBrowser();

        using var response = await browser.GetAsync(new Uri(path, UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.PathAndQuery.Should().Be("/ingresar?returnUrl=" + escaped);
    }

    [Theory]
    [InlineData("/configuracion", "<h1", "Configuración")]
    [InlineData("/auditoria", "<h1", "Auditoría")]
    public async Task The_coordinator_gets_the_page(string path, string tag, string title)
    {
        using var browser = portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, DemoPeople.Coordinator);

        using var response = await browser.GetAsync(new Uri(path, UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain(tag).And.Contain(title);
        html.Should().Contain("href=\"/configuracion\"").And.Contain("href=\"/auditoria\"", "the menu offers both to the coordinator");
    }

    [Fact]
    public async Task The_menu_offers_neither_to_an_agent()
    {
        using var browser = portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, DemoPeople.Agent1);

        var html = await browser.GetStringAsync(new Uri("/", UriKind.Relative));

        html.Should().NotContain("href=\"/configuracion\"").And.NotContain("href=\"/auditoria\"");
    }
}
