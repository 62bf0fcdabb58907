using MesaServicio.Core.Persistence;
using Microsoft.Playwright;
using static MesaServicio.Tests.EndToEnd.PortalPages;
using static Microsoft.Playwright.Assertions;

namespace MesaServicio.Tests.EndToEnd;

/// <summary>The configuration's tab bar on a common office laptop screen (1366 px wide).</summary>
[Collection(BrowserSuite.Name)]
[Trait("Pass", "Once")]
public sealed class ConfigurationTabsTests(PortalProcess portal, BrowserFixture browser)
{
    [Fact]
    public async Task At_1366_pixels_every_configuration_tab_is_in_sight_without_scroll_arrows()
    {
        await using var session = await browser.NewSessionAsync(portal, "configuracion-1366");
        await session.Page.SetViewportSizeAsync(1366, 768);
        await SignInAsync(session, SeedData.DemoPeople.Coordinator, "/configuracion");
        var tabs = session.Page.GetByRole(AriaRole.Tab);
        await Expect(tabs.Filter(new() { HasText = "Indicadores" })).ToBeVisibleAsync();

        var names = await tabs.AllTextContentsAsync();
        names.Select(n => n.Trim()).Should().Equal(
            "Categorías", "Grupos", "Enrutamiento y líderes", "ANS", "Horario y días no hábiles", "Matriz de prioridad", "Indicadores", "Privacidad", "Claves API");
        await Expect(session.Page.Locator(".mud-tabs-scroll-button:visible")).ToHaveCountAsync(0);
        var viewport = 1366;
        foreach (var tab in await tabs.AllAsync())
        {
            var box = await tab.BoundingBoxAsync();
            box.Should().NotBeNull();
            box!.X.Should().BeGreaterThanOrEqualTo(0);
            (box.X + box.Width).Should().BeLessThanOrEqualTo(viewport, "every tab is on screen, none hidden behind an arrow");
            var content = await session.Page.Locator(".mud-tabs-tabbar-content").BoundingBoxAsync();
            (box.X + box.Width).Should().BeLessThanOrEqualTo(content!.X + content.Width + 0.5f, "inside the bar, not clipped by it");
        }

        await tabs.Filter(new() { HasText = "Indicadores" }).ClickAsync();
        await Expect(session.Page.GetByTestId("grupos-indicador-7")).ToBeVisibleAsync();
        var first = await tabs.First.BoundingBoxAsync();
        first!.X.Should().BeGreaterThanOrEqualTo(0, "choosing a later tab does not slide the first out of sight");
        session.OutsideRequests.Should().BeEmpty();
    }
}
