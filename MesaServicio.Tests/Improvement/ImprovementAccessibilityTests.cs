using MesaServicio.Core.Persistence;
using MesaServicio.Tests.EndToEnd;
using MesaServicio.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static MesaServicio.Tests.EndToEnd.PortalPages;
using static Microsoft.Playwright.Assertions;

namespace MesaServicio.Tests.Improvement;

/// <summary>
/// The improvement actions' pages in real Chromium: the coordinator records one through the form, and axe-core (WCAG 2.1
/// A and AA) finds no serious or critical violation on the list, the form and the action's page.
/// </summary>
[Collection(BrowserSuite.Name)]
[Trait("Pass", "Once")]
public sealed class ImprovementAccessibilityTests(PortalProcess portal, BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task The_list_the_form_and_an_actions_page_have_no_serious_violations()
    {
        await using var session = await browser.NewSessionAsync(portal, "acciones-de-mejora");
        var page = session.Page;
        await SignInAsync(session, SeedData.DemoPeople.Coordinator, "/acciones-de-mejora/nueva?origen=revision-mes&mes=2026-11");
        await Expect(page.GetByLabel("Mes revisado (AAAA-MM)")).ToHaveValueAsync("2026-11");
        await CheckAsync(page, "/acciones-de-mejora/nueva");

        var title = "Revisar la plantilla de respuesta de correo (" + Guid.NewGuid().ToString("N")[..6] + ")";
        await page.GetByLabel("Qué se va a hacer").FillAsync(title);
        await page.GetByTestId("registrar-accion").ClickAsync();
        await Expect(page.GetByTestId("accion-registrada")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var heading = await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync();
        heading.Should().MatchRegex(@"^Acción de mejora AM-\d{4}-\d{4}$");
        await Expect(page.GetByTestId("historial-accion").Locator("tbody tr").First).ToBeVisibleAsync();
        await CheckAsync(page, "la página de la acción");

        await GotoAsync(page, "/acciones-de-mejora");
        await Expect(page.GetByTestId("tabla-acciones").GetByText(title)).ToBeVisibleAsync();
        await CheckAsync(page, "/acciones-de-mejora");
        session.OutsideRequests.Should().BeEmpty("the pages must request nothing outside 127.0.0.1");
    }

    private async Task CheckAsync(IPage page, string what)
    {
        await AxeCheck.AssertCleanAsync(page, what, output);
    }
}
