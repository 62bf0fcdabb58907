using MesaServicio.Core.Persistence;
using MesaServicio.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static MesaServicio.Tests.EndToEnd.PortalPages;
using static Microsoft.Playwright.Assertions;

namespace MesaServicio.Tests.EndToEnd;

/// <summary>The coordinator sets a group's retention at /conservacion with the keyboard and mouse, and reads what it means.</summary>
[Collection(BrowserSuite.Name)]
[Trait("Pass", "Once")]
public sealed class RetentionBrowserTests(PortalProcess portal, BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task The_coordinator_sets_a_groups_retention_and_reads_what_will_happen()
    {
        await using var session = await browser.NewSessionAsync(portal, "conservacion");
        var page = session.Page;
        await page.SetViewportSizeAsync(1366, 768);
        await SignInAsync(session, SeedData.DemoPeople.Coordinator, "/conservacion");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Conservación documental", Level = 1 })).ToBeVisibleAsync();

        var group = page.Locator("[data-grupo]").First;
        var years = group.GetByLabel("Años después del cierre");
        await years.FillAsync("10");
        await years.PressAsync("Tab");
        await group.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Guardar la conservación de") }).ClickAsync();
        await Expect(group.GetByTestId("conservacion-estado")).ToContainTextAsync(
            "Conserva sus casos 10 años después del cierre; luego los archiva y anonimiza sus datos personales.", new() { Timeout = PageTimeout });
        await Expect(page.GetByText("sus casos se conservan 10 años después del cierre", new() { Exact = false })).ToBeVisibleAsync();
        await AxeCheck.AssertCleanAsync(page, "/conservacion after a change", output);
        await ScreenshotAsync(page, "conservacion-1366x768");
        await page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(page, "conservacion-390x844");

        // Back to "keep for ever", as the portal starts (the other tests share this portal).
        await years.FillAsync("");
        await years.PressAsync("Tab");
        await group.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Guardar la conservación de") }).ClickAsync();
        await Expect(group.GetByTestId("conservacion-estado")).ToContainTextAsync("Conserva sus casos sin límite.", new() { Timeout = PageTimeout });
        session.OutsideRequests.Should().BeEmpty();
    }
}
