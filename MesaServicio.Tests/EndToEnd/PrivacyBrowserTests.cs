using MesaServicio.Core.Persistence;
using MesaServicio.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static MesaServicio.Tests.EndToEnd.PortalPages;
using static Microsoft.Playwright.Assertions;

namespace MesaServicio.Tests.EndToEnd;

/// <summary>
/// Ley 1581 de 2012 in the browser: the coordinator publishes a new privacy notice; a requester's next page is that
/// notice, and only it, until she accepts it; then she is where she was going.
/// </summary>
[Collection(BrowserSuite.Name)]
[Trait("Pass", "Once")]
public sealed class PrivacyBrowserTests(PortalProcess portal, BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task A_new_notice_published_by_the_coordinator_is_accepted_by_the_requester_at_her_next_page()
    {
        var text = $"Aviso de privacidad de prueba {Guid.NewGuid():N}.\n\nLa entidad trata sus datos para atender sus casos.";
        await using (var coordinator = await browser.NewSessionAsync(portal, "aviso-coordinador"))
        {
            var page = coordinator.Page;
            await page.SetViewportSizeAsync(1366, 768);
            await SignInAsync(coordinator, SeedData.DemoPeople.Coordinator, "/configuracion");
            await page.GetByRole(AriaRole.Tab, new() { Name = "Privacidad" }).ClickAsync();
            var current = await page.GetByTestId("aviso-vigente").TextContentAsync();
            var version = int.Parse(System.Text.RegularExpressions.Regex.Match(current!, "versión ([0-9]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            await page.Locator("#texto-aviso").FillAsync(text);
            await page.Locator("#publicar-aviso").ClickAsync();
            await Expect(page.GetByTestId("aviso-vigente")).ToContainTextAsync($"versión {version + 1},");
            await Expect(page.GetByTestId("aviso-vigente")).ToContainTextAsync("la han aceptado 0 personas");
            await ScreenshotAsync(page, "aviso-configuracion-1366x768");
            await AxeCheck.AssertCleanAsync(page, "the privacy tab", output);
        }

        // At the laptop's size she reads it and leaves it; at the phone's she accepts it.
        foreach (var (width, height) in new[] { (1366, 768), (390, 844) })
        {
            await using var requester = await browser.NewSessionAsync(portal, $"aviso-solicitante-{width}");
            var page = requester.Page;
            await page.SetViewportSizeAsync(width, height);
            await SignInAsync(requester, SeedData.DemoPeople.Requester, "/casos/nuevo", acceptPrivacyNotice: false);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Aviso de privacidad");
            await Expect(page.Locator(".privacy-text")).ToContainTextAsync("La entidad trata sus datos para atender sus casos.");
            await Expect(page.GetByText("Registrar un caso")).ToHaveCountAsync(0);
            await ScreenshotAsync(page, $"aviso-solicitante-{width}x{height}");
            (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(width);
            await AxeCheck.AssertCleanAsync(page, $"the privacy notice at {width}×{height}", output);
            if (width > 600)
            {
                continue;
            }

            await page.GetByTestId("aceptar-aviso").ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/casos/nuevo");
            await WaitForInteractiveAsync(page);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Registrar un caso");
            requester.OutsideRequests.Should().BeEmpty();
        }
    }
}
