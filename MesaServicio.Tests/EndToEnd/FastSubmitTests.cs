using MesaServicio.Core.Persistence;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static MesaServicio.Tests.EndToEnd.PortalPages;
using static Microsoft.Playwright.Assertions;

namespace MesaServicio.Tests.EndToEnd;

/// <summary>
/// A person who types the description and presses "Registrar caso" at once (well within the text field's debounce)
/// gets her case registered every time, not one time in three.
/// </summary>
[Collection(BrowserSuite.Name)]
[Trait("Pass", "Once")]
public sealed class FastSubmitTests(PortalProcess portal, BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task Filling_the_description_and_registering_at_once_registers_every_time()
    {
        await using var session = await browser.NewSessionAsync(portal, "solicitante rápida");
        var page = session.Page;
        await SignInAsync(session, SeedData.DemoPeople.Requester, "/casos/nuevo");
        var numbers = new List<string>();
        try
        {
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                if (attempt > 1)
                {
                    await GotoAsync(page, "/casos/nuevo");
                }

                await page.GetByLabel("Categoría: busque o elija en el árbol").FillAsync("vpn");
                var category = page.GetByRole(AriaRole.Treeitem, new() { Name = "VPN y acceso remoto", Exact = true });
                await category.ClickAsync();
                await Expect(category).ToHaveAttributeAsync("aria-selected", "true");
                await page.GetByLabel("Asunto").FillAsync($"No conecta la VPN (intento {attempt})");

                // The description last, and the button right after it: no pause for any debounce to elapse.
                await page.GetByLabel("Descripción").FillAsync("Sale el error 809 al conectar desde la casa.");
                await page.GetByRole(AriaRole.Button, new() { Name = "Registrar caso" }).ClickAsync();

                await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/casos/MS-\d{4}-\d+"), new() { Timeout = PageTimeout });
                var heading = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
                await Expect(heading).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^Caso MS-\d{4}-\d+$"), new() { Timeout = PageTimeout });
                numbers.Add((await heading.InnerTextAsync()).Replace("Caso ", "", StringComparison.Ordinal).Trim());
                output.WriteLine($"Attempt {attempt}: {numbers[^1]}.");
            }
        }
        catch
        {
            await ScreenshotAsync(page, "registro-rapido-fallido");
            throw;
        }

        numbers.Should().HaveCount(3).And.OnlyHaveUniqueItems("each fast fill-and-click registers its own case");
    }
}
