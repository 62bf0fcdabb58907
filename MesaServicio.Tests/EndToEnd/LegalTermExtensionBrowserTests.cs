using System.Globalization;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Security;
using MesaServicio.Core.Sla;
using MesaServicio.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static MesaServicio.Tests.EndToEnd.PortalPages;
using static Microsoft.Playwright.Assertions;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.EndToEnd;

/// <summary>
/// The legal term's extension in real Chromium (issue #16): the assignee of a PQRS (a petición radicated on Monday
/// 2 March 2026, due Tuesday 24 March) extends it to Tuesday 14 April with a reason, and the requester reads the
/// extension in her conversation under its label. Screenshots of the dialog and of her conversation at 1366×768 and
/// 390×844 in <c>artifacts/screenshots/issue-16/</c>.
/// </summary>
[Trait("Pass", "Once")]
public sealed class LegalTermExtensionBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const string Reason = "Necesitamos copia del contrato que custodia el archivo central, que tarda diez días hábiles en enviarla.";

    private static string ScreenshotFolder => RepositoryFiles.ScreenshotFolder(16);

    [Fact]
    public async Task The_assignee_extends_the_term_and_the_requester_reads_it_in_her_conversation()
    {
        var filed = CaseBuilder.MondayMorning;
        await using var core = await CoreHost.StartAsync(filed);
        var number = await PqrsCases.FileAsync(core, PqrsModality.Peticion, filed);
        var group = (await core.LoadAsync(number)).AssignedGroupId!.Value;
        await core.Get<AssignCase>().HandleAsync(new AssignCaseCommand(number, null, DemoPeople.Agent1, group, "Prueba."), CurrentUser.System, default);

        var portal = PortalProcess.On(core.Database, new Dictionary<string, string>
        {
            ["Clock:Start"] = new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.FromHours(-5)).ToString("O", CultureInfo.InvariantCulture),
        });
        await portal.InitializeAsync();
        try
        {
            await using (var agent = await browser.NewSessionAsync(portal, "prorroga-agente"))
            {
                var page = agent.Page;
                await SignInAsync(agent, DemoPeople.Agent1, "/casos/" + number);
                await WaitForInteractiveAsync(page);
                await page.GetByRole(AriaRole.Button, new() { Name = "Prorrogar término legal" }).ClickAsync();
                var dialog = page.Locator(".mud-dialog");
                await Expect(dialog.GetByText("Prorrogar el término legal del caso " + number)).ToBeVisibleAsync();
                await Expect(dialog.Locator("[data-testid=prorroga-vence]")).ToContainTextAsync("martes 24 de marzo de 2026");
                await Expect(dialog.Locator("[data-testid=prorroga-limite]")).ToContainTextAsync("jueves 16 de abril de 2026");
                await dialog.Locator(".mud-picker input").FillAsync("14/04/2026");
                await dialog.Locator(".mud-picker input").PressAsync("Tab");
                await dialog.Locator("textarea").First.FillAsync(Reason);
                foreach (var (width, height) in new[] { (1366, 768), (390, 844) })
                {
                    await page.SetViewportSizeAsync(width, height);
                    await page.WaitForTimeoutAsync(400);
                    await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, $"prorroga-dialogo-{width}.png"), FullPage = true });
                }

                await dialog.GetByRole(AriaRole.Button, new() { Name = "Prorrogar e informar al usuario" }).ClickAsync();
                await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
                await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Prorrogar término legal" })).ToHaveCountAsync(0);
                Log(agent);
            }

            await using var requester = await browser.NewSessionAsync(portal, "prorroga-solicitante");
            var mine = requester.Page;
            await SignInAsync(requester, DemoPeople.Requester, "/casos/" + number);
            await Expect(mine.GetByText("Prórroga del término legal").First).ToBeVisibleAsync();
            await Expect(mine.GetByText(Reason, new() { Exact = false }).First).ToBeVisibleAsync();
            await Expect(mine.GetByText("martes 14 de abril de 2026", new() { Exact = false }).First).ToBeVisibleAsync();
            foreach (var (width, height) in new[] { (1366, 768), (390, 844) })
            {
                await mine.SetViewportSizeAsync(width, height);
                await mine.GetByText("Prórroga del término legal").First.ScrollIntoViewIfNeededAsync();
                await mine.WaitForTimeoutAsync(400);
                await mine.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, $"prorroga-conversacion-{width}.png"), FullPage = true });
            }

            Log(requester);
        }
        finally
        {
            await portal.DisposeAsync();
        }

        var extended = await core.LoadAsync(number);
        extended.LegalTermDays.Should().Be(28, "Tuesday 14 April is the 28th business day after radicación");
        extended.History.Should().ContainSingle(h => h.Action == CaseAction.LegalTermExtended && h.ActorId == DemoPeople.Agent1);
    }

    private void Log(PortalSession session)
    {
        foreach (var problem in session.Problems)
        {
            output.WriteLine(problem);
        }
    }
}
