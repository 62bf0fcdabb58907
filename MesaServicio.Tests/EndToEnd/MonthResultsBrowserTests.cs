using System.Globalization;
using MesaServicio.Core.Persistence;
using MesaServicio.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static MesaServicio.Tests.EndToEnd.PortalPages;
using static Microsoft.Playwright.Assertions;

namespace MesaServicio.Tests.EndToEnd;

/// <summary>
/// The month's results in real Chromium (issue #15): the desk's report for the coordinator and the Jefe OTIC, "Mis
/// resultados" for a technician and a lead (her own cases or a group's), the requester kept out of both, axe-core on
/// both pages, and screenshots at 1366×768 and 390×844 in <c>artifacts/screenshots/issue-15/</c> to be looked at.
/// The figures come from cases filed through the portal by the demo requester and routed by the portal itself. Each
/// person signs in once for the class (<see cref="SignedInSessions"/>); each step loads its page afresh.
/// </summary>
[Collection(BrowserSuite.Name)]
[Trait("Pass", "Once")]
public sealed class MonthResultsBrowserTests(PortalProcess portal, BrowserFixture browser, SignedInSessions sessions, ITestOutputHelper output)
    : IClassFixture<SignedInSessions>
{
    private const string FirstLevelGroup = "Grupo Mesa de ayuda — primer nivel";

    /// <summary>The first-level technicians the portal routes «Correo electrónico institucional» to, by the name a case page shows.</summary>
    private static readonly IReadOnlyDictionary<string, Guid> FirstLevel = new Dictionary<string, Guid>
    {
        ["Carlos Pérez Téllez"] = SeedData.DemoPeople.Agent1,
        ["Diana Marcela Torres"] = SeedData.DemoPeople.Agent2,
        ["Jhon Jairo Martínez"] = SeedData.DemoPeople.Agent3,
    };

    private static string ScreenshotFolder => RepositoryFiles.ScreenshotFolder(15);

    [Fact]
    public async Task Mis_resultados_shows_a_technicians_own_cases_and_a_group_changes_them()
    {
        // Before: every first-level technician's own «Radicados», and the group's.
        var ownBefore = new Dictionary<Guid, int>();
        var groupBefore = -1;
        foreach (var technician in FirstLevel.Values)
        {
            var session = await OpenAsync(technician, "/mis-resultados");
            ownBefore[technician] = await FiledAsync(session.Page);
            if (groupBefore < 0)
            {
                await ChooseAsync(session.Page, "Cifras de", FirstLevelGroup);
                groupBefore = await FiledAsync(session.Page);
            }
        }

        // Two cases filed by the requester, routed by the portal to first-level technicians.
        var assigned = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            var number = await FileSampleCaseAsync();
            var coordinator = await OpenAsync(SeedData.DemoPeople.Coordinator, "/casos/" + number);
            var responsible = (await Fact(coordinator.Page, "Responsable").InnerTextAsync()).Trim();
            FirstLevel.Should().ContainKey(responsible, "«Correo electrónico institucional» is routed to the first-level group");
            assigned.Add(FirstLevel[responsible]);
        }

        // After: each technician's own figure grew by exactly the cases assigned to her; the group's by both.
        foreach (var technician in FirstLevel.Values)
        {
            var page = (await OpenAsync(technician, "/mis-resultados")).Page;
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Mis resultados");
            var own = await FiledAsync(page);
            own.Should().Be(ownBefore[technician] + assigned.Count(a => a == technician),
                "«Mis resultados» counts the cases assigned to the technician herself");
            await ChooseAsync(page, "Cifras de", FirstLevelGroup);
            var group = await FiledAsync(page);
            group.Should().Be(groupBefore + 2, "the group's figures count every case assigned to the group");
            group.Should().BeGreaterThan(own, "the group's figures are not the technician's own");
        }
    }

    [Fact]
    public async Task A_requester_has_no_results_in_the_menu_and_is_refused_at_both_addresses()
    {
        var session = await OpenAsync(SeedData.DemoPeople.Requester, "/casos");
        var page = session.Page;
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Principal" });
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Casos", Exact = true })).ToBeVisibleAsync();
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Mis resultados" })).ToHaveCountAsync(0);
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Reporte mensual" })).ToHaveCountAsync(0);

        foreach (var path in new[] { "/mis-resultados", "/reportes/mensual?mes=2026-11" })
        {
            await page.GotoAsync(path);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
                .ToHaveTextAsync("No tiene permiso para esta página", new() { Timeout = PageTimeout });
            await Expect(page.Locator("#cifras")).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Reporte mensual" })).ToHaveCountAsync(0);
        }

        // Over HTTP too: the CSV of the month is refused to her cookie.
        var response = await session.Context.APIRequest.GetAsync("/reportes/mensual/2026-11.csv", new() { MaxRedirects = 0 });
        response.Status.Should().BeOneOf([403, 302, 404], "a requester cannot download the desk's report");
        (await response.TextAsync()).Should().NotContain("Radicados");
    }

    [Fact]
    public async Task The_Jefe_reads_the_report_without_operating_it_and_the_coordinator_sees_the_same_figures()
    {
        var month = MonthWithData();
        await FileSampleCaseAsync();

        var jefe = await OpenAsync(SeedData.DemoPeople.Jefe, "/reportes/mensual?mes=" + month);
        await WaitForReportAsync(jefe.Page, "Reporte mensual");
        (await FiledAsync(jefe.Page)).Should().BeGreaterThan(0, "a case was filed this month");
        await Expect(jefe.Page.Locator("#cierre-del-mes")).ToBeVisibleAsync();
        await Expect(jefe.Page.GetByRole(AriaRole.Button, new() { Name = "Volver a cerrar el mes" })).ToHaveCountAsync(0);
        await Expect(jefe.Page.Locator("#accion-revision")).ToHaveCountAsync(0);

        // The coordinator reads the same desk's figures, with the month's review open to her.
        var coordinator = await OpenAsync(SeedData.DemoPeople.Coordinator, "/reportes/mensual?mes=" + month);
        await WaitForReportAsync(coordinator.Page, "Reporte mensual");
        (await FiledAsync(coordinator.Page)).Should().Be(await FiledAsync(jefe.Page), "both read the same desk's report");
        await Expect(coordinator.Page.Locator("#accion-revision")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_report_and_mis_resultados_have_no_serious_violations()
    {
        await FileSampleCaseAsync();

        await CheckAxeAsync(SeedData.DemoPeople.Coordinator, "/reportes/mensual?mes=" + MonthWithData(), "Reporte mensual");
        await CheckAxeAsync(SeedData.DemoPeople.Agent1, "/mis-resultados", "Mis resultados");
    }

    [Fact]
    public async Task Screenshots_of_the_results_and_the_improvement_actions_at_two_widths()
    {
        var month = MonthWithData();
        await FileSampleCaseAsync();

        // The lead of the specialised group records an improvement action from the month's review.
        var lead = (await OpenAsync(SeedData.DemoPeople.LeadEspecializados, "/acciones-de-mejora/nueva?origen=revision-mes&mes=" + month)).Page;
        await lead.GetByLabel("Qué se va a hacer").FillAsync("Publicar una guía de recuperación de contraseña del correo");
        await lead.GetByTestId("registrar-accion").ClickAsync();
        await Expect(lead.GetByTestId("accion-registrada")).ToBeVisibleAsync(new() { Timeout = PageTimeout });
        var actionNumber = (await lead.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).Split(' ')[^1];

        await ShootAsync(SeedData.DemoPeople.Coordinator, "/reportes/mensual?mes=" + month, "reporte-coordinacion", "Reporte mensual");
        await ShootAsync(SeedData.DemoPeople.Jefe, "/reportes/mensual?mes=" + month, "reporte-jefe", "Reporte mensual");
        await ShootAsync(SeedData.DemoPeople.Agent1, "/mis-resultados", "mis-resultados-tecnico", "Mis resultados");
        await ShootAsync(SeedData.DemoPeople.LeadEspecializados, "/mis-resultados", "mis-resultados-lider", "Mis resultados");
        await ShootAsync(SeedData.DemoPeople.LeadEspecializados, "/acciones-de-mejora", "acciones-lista-lider", null);
        await ShootAsync(SeedData.DemoPeople.LeadEspecializados, "/acciones-de-mejora/" + actionNumber, "accion-lider", null);
        foreach (var name in new[] { "reporte-coordinacion", "reporte-jefe", "mis-resultados-tecnico", "mis-resultados-lider", "acciones-lista-lider", "accion-lider" })
        {
            foreach (var width in new[] { 1366, 390 })
            {
                File.Exists(Path.Combine(ScreenshotFolder, $"{name}-{width}.png")).Should().BeTrue();
            }
        }
    }

    /// <summary>The current month in Bogotá (the cases filed by the tests are in it).</summary>
    private static string MonthWithData() =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/Bogota")).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>
    /// The context of <paramref name="person"/> (signed in on first use) at the usual window size, on <paramref name="path"/>
    /// loaded afresh and interactive.
    /// </summary>
    private async Task<PortalSession> OpenAsync(Guid person, string path)
    {
        var (session, loaded) = await sessions.OpenAsync(browser, portal, person, BrowserFixture.WindowWidth, BrowserFixture.WindowHeight, path);
        if (!loaded)
        {
            await GotoAsync(session.Page, path);
        }

        return session;
    }

    /// <summary>Files a case as the demo requester through /casos/nuevo; returns its number.</summary>
    private async Task<string> FileSampleCaseAsync() =>
        await FileCaseAsync((await OpenAsync(SeedData.DemoPeople.Requester, "/casos/nuevo")).Page, new NewCaseInput(
            "No puedo entrar al correo institucional (" + Guid.NewGuid().ToString("N")[..6] + ")",
            "Al abrir el correo aparece «contraseña vencida» y no me deja cambiarla.",
            "correo", "Correo electrónico institucional"));

    /// <summary>Waits for the report's figures and reads the «Radicados» headline.</summary>
    private static async Task<int> FiledAsync(IPage page)
    {
        var value = page.Locator("[data-figure='filed'] .figure-value");
        await Expect(value).ToBeVisibleAsync(new() { Timeout = PageTimeout });
        var text = (await value.InnerTextAsync()).Replace(".", "", StringComparison.Ordinal).Trim();
        return int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
    }

    private static async Task WaitForReportAsync(IPage page, string title)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(title);
        await Expect(page.Locator("#cifras")).ToBeVisibleAsync(new() { Timeout = PageTimeout });
    }

    private async Task CheckAxeAsync(Guid person, string path, string title)
    {
        var session = await OpenAsync(person, path);
        await WaitForReportAsync(session.Page, title);
        await AxeCheck.AssertCleanAsync(session.Page, path, output);
        session.OutsideRequests.Should().BeEmpty("the pages must request nothing outside 127.0.0.1");
    }

    /// <summary>Full-page screenshots at a laptop's 1366×768 and a phone's 390×844, once the page shows its content.</summary>
    private async Task ShootAsync(Guid person, string path, string name, string? reportTitle)
    {
        var session = await OpenAsync(person, path);
        var problemsBefore = session.Problems.Count;
        var page = session.Page;
        foreach (var (width, height) in new[] { (1366, 768), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            if (reportTitle is not null)
            {
                await WaitForReportAsync(page, reportTitle);
            }
            else
            {
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            }

            await page.WaitForTimeoutAsync(400);
            await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, $"{name}-{width}.png"), FullPage = true });
        }

        foreach (var problem in session.Problems.Skip(problemsBefore))
        {
            output.WriteLine(problem);
        }
    }
}
