using System.Globalization;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static MesaServicio.Tests.EndToEnd.PortalPages;
using static Microsoft.Playwright.Assertions;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.EndToEnd;

/// <summary>
/// Writes the screenshots the guides at /ayuda show (<c>wwwroot-assets/img/ayuda/*.png</c>, committed) by walking the pages
/// they explain as the requester, an agent and the coordinator, at 1366×768 (and the new-case form on a 390×844 phone), so
/// the guides stay true when the pages change: run this class and commit the images.
/// </summary>
[Trait("Pass", "Once")]
public sealed class GuideScreenshotsBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private static string Folder => RepositoryFiles.PathOf(Path.Combine("wwwroot-assets", "img", "ayuda"));

    [Fact]
    public async Task The_guides_screenshots_are_taken_from_the_pages_they_explain()
    {
        var monday = CaseBuilder.MondayMorning;
        await using var core = await CoreHost.StartAsync(monday);
        var number = (await core.FileAsync(subject: "No abre el correo institucional")).Number;
        var group = (await core.LoadAsync(number)).AssignedGroupId!.Value;
        await core.Get<AssignCase>().HandleAsync(new AssignCaseCommand(number, null, DemoPeople.Agent1, group, "Prueba."), CurrentUser.System, default);
        await core.Get<CommentOnCase>().HandleAsync(
            new CommentOnCaseCommand(number, "Buenos días. Ya revisamos su buzón; ¿el problema sigue en el equipo de su puesto?", false),
            CoreHost.Agent(DemoPeople.Agent1), default);
        Directory.CreateDirectory(Folder);

        var portal = PortalProcess.On(core.Database, new Dictionary<string, string>
        {
            ["Clock:Start"] = monday.AddMinutes(30).ToString("O", CultureInfo.InvariantCulture),
        });
        await portal.InitializeAsync();
        try
        {
            await using (var requester = await browser.NewSessionAsync(portal, "guia-usuario"))
            {
                var page = requester.Page;
                await SignInAsync(requester, DemoPeople.Requester, "/casos/nuevo");
                await WaitForInteractiveAsync(page);
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Registrar un caso");
                await ShootAsync(page, "usuario-nuevo-caso.png", 1366, 768);
                await ShootAsync(page, "usuario-nuevo-caso-telefono.png", 390, 844);
                await GotoAsync(page, "/casos/" + number);
                await WaitForInteractiveAsync(page);
                await Expect(page.Locator("li.message").First).ToBeVisibleAsync();
                await ShootAsync(page, "usuario-caso.png", 1366, 768);
                Log(requester);
            }

            await using (var agent = await browser.NewSessionAsync(portal, "guia-agente"))
            {
                var page = agent.Page;
                await SignInAsync(agent, DemoPeople.Agent1, "/tablero");
                await OpenBoardAsync(page);
                await Expect(Card(page, number)).ToBeAttachedAsync();
                await ShootAsync(page, "agente-tablero.png", 1366, 768);
                await GotoAsync(page, "/casos/" + number);
                await WaitForInteractiveAsync(page);
                await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Analizar" })).ToBeVisibleAsync();
                await ShootAsync(page, "agente-caso.png", 1366, 768);
                await page.Locator("[data-testid=programar-visita]").ClickAsync();
                var dialog = page.Locator(".mud-dialog");
                await dialog.Locator("#visita-fecha").FillAsync("2026-03-03");
                await dialog.Locator("#visita-hora").FillAsync("10:00");
                await dialog.Locator("#visita-proposito").FillAsync("Revisar la configuración de Outlook en el equipo del puesto.");
                await ShootAsync(page, "agente-visita.png", 1366, 768);
                Log(agent);
            }

            await using (var coordinator = await browser.NewSessionAsync(portal, "guia-gestion"))
            {
                var page = coordinator.Page;
                await SignInAsync(coordinator, DemoPeople.Coordinator, "/reportes/mensual");
                await WaitForInteractiveAsync(page);
                await Expect(page.Locator("#cifras")).ToBeVisibleAsync(new() { Timeout = 60_000 });
                await ShootAsync(page, "gestion-reporte.png", 1366, 768);
                Log(coordinator);
            }
        }
        finally
        {
            await portal.DisposeAsync();
        }

        foreach (var name in new[] { "usuario-nuevo-caso.png", "usuario-nuevo-caso-telefono.png", "usuario-caso.png", "agente-tablero.png", "agente-caso.png", "agente-visita.png", "gestion-reporte.png" })
        {
            File.Exists(Path.Combine(Folder, name)).Should().BeTrue(name);
        }
    }

    private static async Task ShootAsync(IPage page, string name, int width, int height)
    {
        await page.SetViewportSizeAsync(width, height);
        await page.WaitForTimeoutAsync(500);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, name) });
    }

    private void Log(PortalSession session)
    {
        foreach (var problem in session.Problems)
        {
            output.WriteLine(problem);
        }
    }
}
