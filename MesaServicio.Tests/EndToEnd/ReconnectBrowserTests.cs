using System.Text.RegularExpressions;
using MesaServicio.Core.Persistence;
using static MesaServicio.Tests.EndToEnd.PortalPages;
using static Microsoft.Playwright.Assertions;

namespace MesaServicio.Tests.EndToEnd;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReconnectBrowserSuite : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Reconexión en el navegador";
}

/// <summary>
/// Issue 20, finding 7: with the server down, the board kept a green «● En vivo» under Blazor's English "Rejoining the
/// server..." dialog. Now the dialog is the portal's own, in Spanish, and the board says it hears nothing. The portal of
/// this test is its own process (it is stopped here), not the shared one.
/// </summary>
[Collection(ReconnectBrowserSuite.Name)]
[Trait("Pass", "Once")]
public sealed class ReconnectBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task When_the_server_stops_the_board_stops_saying_live_and_a_Spanish_dialog_says_why()
    {
        var portal = new PortalProcess();
        await portal.InitializeAsync();
        try
        {
            await using var session = await browser.NewSessionAsync(portal, "reconexion");
            await SignInAsync(session, SeedData.DemoPeople.Coordinator, "/tablero");
            await OpenBoardAsync(session.Page);
            var page = session.Page;
            await Expect(page.Locator(".board-live")).ToHaveTextAsync(new Regex(@"^En vivo · \d+ casos?$"));
            await Expect(page.Locator("#components-reconnect-modal")).ToBeHiddenAsync();

            portal.KillAbruptly();

            var dialog = page.Locator("#components-reconnect-modal");
            await Expect(dialog).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(dialog).ToContainTextAsync(new Regex("Reconectando…|Sin conexión con el servidor"));
            await Expect(dialog).Not.ToContainTextAsync(new Regex("Rejoin|Retry|Reload|server", RegexOptions.IgnoreCase));
            await Expect(page.Locator(".board-live")).ToBeHiddenAsync();
            await Expect(page.Locator(".board-live-reconnecting, .board-live-offline").First).ToBeVisibleAsync();
            await Expect(page.Locator(".board-live-reconnecting, .board-live-offline").First).ToHaveTextAsync(new Regex("^(Reconectando…|Sin conexión)$"));
            await ScreenshotAsync(page, "reconexion-tablero");

            // Once Blazor gives up, the dialog offers «Reintentar» and a reload, and the board says «Sin conexión».
            await page.EvaluateAsync("() => document.getElementById('components-reconnect-modal').dispatchEvent(new CustomEvent('components-reconnect-state-changed', { detail: { state: 'failed' } }))");
            await page.EvaluateAsync("() => document.getElementById('components-reconnect-modal').className = 'reconnect-modal components-reconnect-failed'");
            await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Reintentar" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Recargar la página" })).ToBeVisibleAsync();
            await Expect(page.Locator(".board-live-offline")).ToHaveTextAsync("Sin conexión");
            await Expect(page.Locator(".board-live-reconnecting")).ToBeHiddenAsync();
            session.OutsideRequests.Should().BeEmpty("the dialog's script and styles are served by the portal");
        }
        finally
        {
            await portal.DisposeAsync();
        }
    }
}
