using System.Globalization;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using Xunit.Abstractions;
using static MesaServicio.Tests.EndToEnd.PortalPages;
using static Microsoft.Playwright.Assertions;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.EndToEnd;

/// <summary>
/// Site visits in real Chromium: on Thursday 19 March 2026 the assignee plans a visit to the requester's dependencia for
/// Friday 20 March at 10:00 and the requester reads it in her conversation; on Friday afternoon (the portal restarted on
/// a later clock) the assignee records it done, and the expediente PDF lists it with its business time and findings.
/// Screenshots of the case page with its visits and of each dialog at 1366×768 and 390×844 in <c>artifacts/e2e/visitas/</c>.
/// </summary>
[Trait("Pass", "Once")]
public sealed class SiteVisitBrowserTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const string Purpose = "Revisar la conexión de red del equipo de la recepción.";
    private const string Findings = "El cable de red del puesto estaba dañado; se reemplazó y el equipo quedó conectado.";
    private static readonly (int Width, int Height)[] Sizes = [(1366, 768), (390, 844)];

    private static string Folder
    {
        get
        {
            var folder = Path.Combine(ArtifactsFolder, "visitas");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    [Fact]
    public async Task An_agent_plans_a_visit_the_requester_reads_it_and_once_done_it_is_in_the_expediente()
    {
        var thursday = new DateTimeOffset(2026, 3, 19, 9, 0, 0, TimeSpan.FromHours(-5));
        await using var core = await CoreHost.StartAsync(thursday);
        var number = (await core.FileAsync()).Number;
        var group = (await core.LoadAsync(number)).AssignedGroupId!.Value;
        await core.Get<AssignCase>().HandleAsync(new AssignCaseCommand(number, null, DemoPeople.Agent1, group, "Prueba."), CurrentUser.System, default);

        var first = PortalProcess.On(core.Database, Clock(thursday));
        await first.InitializeAsync();
        try
        {
            await using (var agent = await browser.NewSessionAsync(first, "visita-agente"))
            {
                var page = agent.Page;
                await SignInAsync(agent, DemoPeople.Agent1, "/casos/" + number);
                await WaitForInteractiveAsync(page);
                var section = page.Locator("[data-testid=visitas]");
                await Expect(section.GetByText("No hay visitas.", new() { Exact = false })).ToBeVisibleAsync();
                await page.Locator("[data-testid=programar-visita]").ClickAsync();
                var dialog = page.Locator(".mud-dialog");
                await Expect(dialog.GetByText("Programar una visita · caso " + number)).ToBeVisibleAsync();
                await Expect(dialog.Locator("#visita-dependencia")).ToHaveValueAsync("Dirección de Participación, Transparencia y Servicio al Ciudadano");
                await dialog.Locator("#visita-fecha").FillAsync("2026-03-20");
                await dialog.Locator("#visita-hora").FillAsync("10:00");
                await dialog.Locator("#visita-proposito").FillAsync(Purpose);
                await dialog.Locator("#visita-preparacion").FillAsync("Tenga encendido el equipo y a la mano el número del puesto de red.");
                await ShootAsync(page, "dialogo-programar");
                await dialog.Locator("[data-testid=visita-programar]").ClickAsync();
                await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
                await Expect(section.Locator("[data-testid=visita][data-estado=Planned]")).ToHaveCountAsync(1);
                await Expect(section).ToContainTextAsync("20/03/2026");
                await ShootAsync(page, "caso-visita-programada", section);
                Log(agent);
            }

            await using var requester = await browser.NewSessionAsync(first, "visita-solicitante");
            var mine = requester.Page;
            await SignInAsync(requester, DemoPeople.Requester, "/casos/" + number);
            var message = mine.Locator("li.message[data-tipo=SiteVisit]");
            await Expect(message).ToHaveCountAsync(1);
            await Expect(message).ToContainTextAsync("Visita a la dependencia");
            await Expect(message).ToContainTextAsync("viernes 20 de marzo de 2026, 10:00");
            await Expect(message).ToContainTextAsync("Tenga encendido el equipo");
            await Expect(mine.Locator("[data-testid=visitas]")).ToHaveCountAsync(0);
            await ShootAsync(mine, "solicitante-conversacion", message);
            Log(requester);
        }
        finally
        {
            await first.DisposeAsync();
        }

        var friday = new DateTimeOffset(2026, 3, 20, 15, 0, 0, TimeSpan.FromHours(-5));
        var second = PortalProcess.On(core.Database, Clock(friday));
        await second.InitializeAsync();
        try
        {
            await using var agent = await browser.NewSessionAsync(second, "visita-realizada");
            var page = agent.Page;
            await SignInAsync(agent, DemoPeople.Agent1, "/casos/" + number);
            await WaitForInteractiveAsync(page);
            var section = page.Locator("[data-testid=visitas]");
            await section.Locator("[data-testid=visita-realizada]").ClickAsync();
            var dialog = page.Locator(".mud-dialog");
            await Expect(dialog.Locator("#realizada-inicio-fecha")).ToHaveValueAsync("2026-03-20");
            await Expect(dialog.Locator("#realizada-inicio-hora")).ToHaveValueAsync("10:00");
            await dialog.Locator("#realizada-fin-hora").FillAsync("11:30");
            await dialog.Locator("#realizada-hallazgos").FillAsync(Findings);
            await ShootAsync(page, "dialogo-realizada");
            await dialog.Locator("[data-testid=visita-registrar]").ClickAsync();
            await Expect(page.Locator(".mud-dialog [role=alert]")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
            await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
            await Expect(section.Locator("[data-testid=visita][data-estado=Done]")).ToHaveCountAsync(1);
            await Expect(section.Locator("[data-testid=visita-tiempo]")).ToHaveTextAsync("1 h 30 min");
            await ShootAsync(page, "caso-visita-realizada", section);

            var pdf = await page.Context.APIRequest.GetAsync(MesaServicio.Web.Endpoints.CaseFileEndpoints.PdfPath(number));
            pdf.Status.Should().Be(200);
            using var document = PdfDocument.Open(await pdf.BodyAsync());
            var text = string.Join(" ", document.GetPages().Select(p => ContentOrderTextExtractor.GetText(p)))
                .Replace('\n', ' ').Replace("  ", " ", StringComparison.Ordinal);
            text.Should().Contain("Visitas a la dependencia").And.Contain("Realizada").And.Contain("Tiempo hábil: 1 h 30 min");
            text.Should().Contain("Visita a la dependencia programada").And.Contain("Visita a la dependencia realizada");
            Log(agent);
        }
        finally
        {
            await second.DisposeAsync();
        }

        var visit = (await core.Get<Core.Visits.GetCaseVisits>().HandleAsync(number, CoreHost.Agent(DemoPeople.Agent1), default)).Visits.Should().ContainSingle().Subject;
        visit.BusinessTime.Should().Be(TimeSpan.FromMinutes(90));
        visit.Findings.Should().Be(Findings);
    }

    private static Dictionary<string, string> Clock(DateTimeOffset start) =>
        new() { ["Clock:Start"] = start.ToString("O", CultureInfo.InvariantCulture) };

    /// <summary>The page at both sizes, scrolled to <paramref name="target"/> when given.</summary>
    private static async Task ShootAsync(IPage page, string name, ILocator? target = null)
    {
        foreach (var (width, height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            if (target is not null)
            {
                await target.ScrollIntoViewIfNeededAsync();
            }

            await page.WaitForTimeoutAsync(400);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, $"{name}-{width}.png") });
        }

        await page.SetViewportSizeAsync(1366, 768);
    }

    private void Log(PortalSession session)
    {
        foreach (var problem in session.Problems)
        {
            output.WriteLine(problem);
        }
    }
}
