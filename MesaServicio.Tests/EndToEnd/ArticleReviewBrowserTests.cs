using MesaServicio.Core.Persistence;
using MesaServicio.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static MesaServicio.Tests.EndToEnd.PortalPages;
using static Microsoft.Playwright.Assertions;

namespace MesaServicio.Tests.EndToEnd;

/// <summary>
/// An article's owner is told, wherever she is in the portal, that its review day has come: the bell's notice names the
/// article and the date and opens the article, which asks her to review it and give it a new review date. Screenshots at 1366×768 and
/// 390×844 (artifacts/e2e/conocimiento-revision-*).
/// </summary>
[Collection(BrowserSuite.Name)]
[Trait("Pass", "Once")]
public sealed class ArticleReviewBrowserTests(PortalProcess portal, BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task The_owner_hears_of_the_review_day_in_the_bell_and_opens_the_article()
    {
        var bogota = TimeZoneInfo.FindSystemTimeZoneById("America/Bogota");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, bogota).DateTime);
        var tag = Guid.NewGuid().ToString("N")[..5];
        var id = await KnowledgeSeed.PublishAsync(portal, $"Cómo compartir una impresora en red ({tag})", "Abra **Configuración** y elija la impresora.", reviewOn: today);
        (await KnowledgeSeed.RunReviewSweepAsync(portal)).Should().BeGreaterThanOrEqualTo(1);

        await using var session = await browser.NewSessionAsync(portal, "conocimiento-revision");
        var page = session.Page;
        await page.SetViewportSizeAsync(1366, 768);
        await SignInAsync(session, SeedData.DemoPeople.Agent1, "/");
        foreach (var (width, height) in new[] { (1366, 768), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            await GotoAsync(page, "/");
            await page.Locator("[data-testid=campana-avisos] button").ClickAsync();
            var notice = page.GetByRole(AriaRole.Menuitem, new() { NameRegex = new System.Text.RegularExpressions.Regex($"Revise el artículo de conocimiento n\\.º {id}: su fecha de revisión era el") });
            await Expect(notice).ToBeVisibleAsync(new() { Timeout = PageTimeout });
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.mud-popover-open')].every(p => getComputedStyle(p).opacity === '1')");
            await ScreenshotAsync(page, $"conocimiento-revision-aviso-{width}x{height}");
            await notice.ClickAsync();
            await page.WaitForURLAsync($"**/conocimiento/{id}", new() { Timeout = PageTimeout });
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Cómo compartir una impresora en red ({tag})" })).ToBeVisibleAsync(new() { Timeout = PageTimeout });
            await Expect(page.GetByTestId("revision-pendiente")).ToContainTextAsync("Llegó el día de revisar este artículo");
            await ScreenshotAsync(page, $"conocimiento-revision-articulo-{width}x{height}");
            await AxeCheck.AssertCleanAsync(page, $"artículo por revisar {width}×{height}", output);
        }

        output.WriteLine($"Article {id} announced for review on {today:yyyy-MM-dd}.");
    }
}
