using MesaServicio.Core.Cases;
using MesaServicio.Core.Problems;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static MesaServicio.Core.Persistence.SeedData;
using static MesaServicio.Tests.EndToEnd.PortalPages;
using static Microsoft.Playwright.Assertions;

namespace MesaServicio.Tests.EndToEnd;

/// <summary>Runs alone, like the other browser suites with a portal of their own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProblemBrowserSuite : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Problemas en el navegador";
}

/// <summary>
/// Issue 19's journey in Debian's Chromium against the real portal: three similar incidents make the case page suggest a
/// problem; the lead opens it from the suggestion with the three linked, records a workaround; the first incident's
/// assignee hears of it in the bell, opens the case and applies it in one action; its requester reads it in her
/// conversation. Screenshots at 1366×768 and 390×844, axe on every new page.
/// </summary>
[Collection(ProblemBrowserSuite.Name)]
[Trait("Pass", "Once")]
public sealed class ProblemBrowserTests(ProblemBrowserTests.Portal portal, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<ProblemBrowserTests.Portal>
{
    [Fact]
    public async Task A_lead_opens_a_problem_from_three_incidents_records_a_workaround_and_an_assignee_applies_it_from_the_notice()
    {
        var first = await portal.Core.FileAsync(subject: "Outlook pide la contraseña una y otra vez", requester: DemoPeople.Requester);
        var second = await portal.Core.FileAsync(subject: "Outlook pide contraseña cada rato", requester: DemoPeople.Requester2);
        var third = await portal.Core.FileAsync(subject: "El correo Outlook pide la contraseña", requester: DemoPeople.Requester3);
        var assignee = (await portal.Core.LoadAsync(first.Number)).AssigneeId!.Value;

        // The lead, on the first incident: the suggestion, and the form it opens with the three incidents.
        await using var lead = await browser.NewSessionAsync(portal.Process, "lider-problema");
        await lead.Page.SetViewportSizeAsync(1366, 768);
        await SignInAsync(lead, DemoPeople.LeadFirstLevel, "/casos/" + first.Number);
        var hint = lead.Page.GetByTestId("sugerencia-problema");
        await Expect(hint).ToContainTextAsync("3 incidencias parecidas de «Correo electrónico institucional»", new() { Timeout = PageTimeout });
        await ShotsAndAxeAsync(lead.Page, "problema-sugerencia-caso");
        await hint.GetByTestId("abrir-problema").ClickAsync();
        await lead.Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/problemas/nuevo"), new() { Timeout = PageTimeout });
        await WaitForInteractiveAsync(lead.Page);
        var incidents = lead.Page.Locator("#incidencias");
        await Expect(incidents).ToHaveValueAsync($"{first.Number}, {second.Number}, {third.Number}");
        await lead.Page.Locator("#titulo").FillAsync("Outlook pide la contraseña repetidamente");
        await lead.Page.Locator("#descripcion").FillAsync("Tres dependencias desde esta mañana.");
        await ShotsAndAxeAsync(lead.Page, "problema-nuevo");
        await lead.Page.GetByTestId("registrar-problema").ClickAsync();
        await Expect(lead.Page.GetByTestId("problema-registrado")).ToBeVisibleAsync(new() { Timeout = PageTimeout });
        var number = lead.Page.Url[(lead.Page.Url.LastIndexOf('/') + 1)..].Split('?')[0];
        number.Should().MatchRegex(@"^PR-\d{4}-\d{6}$");
        await Expect(lead.Page.GetByTestId("incidencias-problema")).ToContainTextAsync(third.Number);

        // Analysis, then the workaround: told to the incidents.
        await lead.Page.Locator("#iniciar-analisis").ClickAsync();
        await Expect(lead.Page.GetByTestId("estado-problema")).ToHaveTextAsync("En análisis", new() { Timeout = PageTimeout });
        await lead.Page.Locator("#solucion-temporal-texto").FillAsync("Entrar por el correo web mientras se renueva el certificado.");
        await lead.Page.Locator("#solucion-temporal-guardar").ClickAsync();
        await Expect(lead.Page.GetByTestId("estado-problema")).ToHaveTextAsync("Error conocido", new() { Timeout = PageTimeout });
        await ShotsAndAxeAsync(lead.Page, "problema-error-conocido");
        await GuideShotAsync(lead.Page, "problema-error-conocido.png");

        // A file that is not what its name says is refused beside the comment box, and what was typed stays.
        var fake = Path.Combine(Directory.CreateTempSubdirectory("mesa-e2e-falso-").FullName, "falso.pdf");
        await File.WriteAllTextAsync(fake, "Esto no es un PDF.");
        await lead.Page.Locator("#comentario-problema").FillAsync("Adjunto el registro del servidor de correo.");
        await lead.Page.Locator("input[type='file']").SetInputFilesAsync(fake);
        await lead.Page.Locator("#comentar-problema").ClickAsync();
        await Expect(lead.Page.GetByTestId("error-comentario")).ToContainTextAsync("falso.pdf", new() { Timeout = PageTimeout });
        await Expect(lead.Page.Locator("#comentario-problema")).ToHaveValueAsync("Adjunto el registro del servidor de correo.");
        await lead.Page.GetByRole(AriaRole.Button, new() { Name = "Quitar falso.pdf" }).ClickAsync();

        // A comment with a file (the server's log): kept with the comment, linked, downloaded by those who see the problem.
        // MudFileUpload adds a fresh input after each choice: the last one takes the next.
        await lead.Page.Locator("input[type='file']").Last.SetInputFilesAsync(WriteSamplePdf("registro-servidor.pdf"));
        await Expect(lead.Page.GetByLabel("Archivos para adjuntar")).ToContainTextAsync("registro-servidor.pdf");
        await lead.Page.Locator("#comentar-problema").ClickAsync();
        var file = lead.Page.GetByRole(AriaRole.Link, new() { Name = "registro-servidor.pdf" });
        await Expect(file).ToBeVisibleAsync(new() { Timeout = PageTimeout });
        await Expect(lead.Page.GetByTestId("historial-problema")).ToContainTextAsync("Comentó y adjuntó un archivo");
        await ShotsAndAxeAsync(lead.Page, "problema-comentario-archivo");
        var download = await lead.Page.Context.APIRequest.GetAsync(await file.GetAttributeAsync("href") ?? "");
        download.Status.Should().Be(200);
        download.Headers["content-disposition"].Should().StartWith("attachment");
        (await download.BodyAsync()).Should().StartWith("%PDF"u8.ToArray());
        await GotoAsync(lead.Page, "/problemas");
        await Expect(lead.Page.GetByTestId("tabla-problemas")).ToContainTextAsync(number);
        await ShotsAndAxeAsync(lead.Page, "problemas-lista");

        // The first incident's assignee: the bell, the case, one action.
        await using var agent = await browser.NewSessionAsync(portal.Process, "tecnico-problema");
        await agent.Page.SetViewportSizeAsync(1366, 768);
        await SignInAsync(agent, assignee, "/");
        var bell = agent.Page.Locator("[data-testid=campana-avisos] button");
        await bell.ClickAsync();
        var notice = agent.Page.GetByRole(AriaRole.Menuitem, new() { NameRegex = new System.Text.RegularExpressions.Regex($"{number} tiene solución temporal.*{first.Number}") });
        await notice.ClickAsync();
        await agent.Page.WaitForURLAsync("**/casos/" + first.Number, new() { Timeout = PageTimeout });
        var panel = agent.Page.GetByTestId("problema-del-caso");
        await Expect(panel).ToContainTextAsync("correo web");
        await ShotsAndAxeAsync(agent.Page, "problema-caso-tecnico");
        await GuideShotAsync(agent.Page, "problema-caso-tecnico.png");
        await panel.GetByTestId("aplicar-solucion-temporal").ClickAsync();
        await Expect(agent.Page.GetByText("Se aplicó la solución temporal del problema " + number, new() { Exact = false }).First)
            .ToBeVisibleAsync(new() { Timeout = PageTimeout });
        (await portal.Core.LoadAsync(first.Number)).Status.Should().Be(CaseStatus.Resolved);
        (await portal.Core.LoadAsync(second.Number)).Status.Should().NotBe(CaseStatus.Resolved, "each incident is applied on its own");

        // Her conversation says what happened with her case and why.
        await using var requester = await browser.NewSessionAsync(portal.Process, "solicitante-problema");
        await requester.Page.SetViewportSizeAsync(390, 844);
        await SignInAsync(requester, DemoPeople.Requester, "/casos/" + first.Number);
        await Expect(requester.Page.GetByText("hace parte de un problema que afecta a varias personas", new() { Exact = false }).First)
            .ToBeVisibleAsync(new() { Timeout = PageTimeout });
        (await requester.Page.ContentAsync()).Should().NotContain("problema-del-caso", "requesters do not see the problem's panel");
        await ScreenshotAsync(requester.Page, "problema-caso-solicitante-390x844");

        await using var db = portal.Core.NewContext();
        (await db.ProblemHistory.CountAsync(h => h.Kind == ProblemHistoryKind.FixApplied)).Should().Be(1);
        lead.OutsideRequests.Should().BeEmpty();
    }

    /// <summary>The page at 1366×768 and 390×844 as artifacts, and axe at each size (no violation of any impact).</summary>
    private async Task ShotsAndAxeAsync(IPage page, string name)
    {
        // A toast fades away by itself; axe would measure its fading colours.
        await Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        foreach (var (width, height) in new[] { (1366, 768), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            await ScreenshotAsync(page, $"{name}-{width}x{height}");
            await AxeCheck.AssertCleanAsync(page, $"{name} at {width}×{height}", output);
        }

        await page.SetViewportSizeAsync(1366, 768);
    }

    /// <summary>The guide's picture of this page (<c>wwwroot-assets/img/ayuda</c>, committed), so «Problemas» in the management guide shows the page as it is.</summary>
    private static async Task GuideShotAsync(IPage page, string name)
    {
        await page.SetViewportSizeAsync(1366, 768);
        await page.WaitForTimeoutAsync(500);
        await page.ScreenshotAsync(new() { Path = RepositoryFiles.PathOf(Path.Combine("wwwroot-assets", "img", "ayuda", name)) });
    }

    /// <summary>Core on a database and the portal process on the same database, on the same clock.</summary>
    public sealed class Portal : IAsyncLifetime
    {
        public CoreHost Core { get; private set; } = default!;

        public PortalProcess Process { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            Core = await CoreHost.StartAsync(CaseBuilder.MondayMorning);
            Process = PortalProcess.On(Core.Database, new Dictionary<string, string>
            {
                ["Clock:Start"] = CaseBuilder.MondayMorning.AddHours(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            });
            await Process.InitializeAsync();
        }

        public async Task DisposeAsync()
        {
            await Process.DisposeAsync();
            await Core.DisposeAsync();
        }
    }
}
