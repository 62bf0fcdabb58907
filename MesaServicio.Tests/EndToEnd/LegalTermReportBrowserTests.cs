using System.Globalization;
using MesaServicio.Core.Persistence;
using MesaServicio.Tests.Reports;
using MesaServicio.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static MesaServicio.Tests.EndToEnd.PortalPages;
using static Microsoft.Playwright.Assertions;

namespace MesaServicio.Tests.EndToEnd;

/// <summary>Runs alone, like the other browser suites.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LegalTermReportBrowserSuite : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Término legal en el reporte, en el navegador";
}

/// <summary>
/// The report's "PQRS respondidas dentro del término legal" section in Chromium for the coordinator, on
/// <see cref="PqrsLegalTermMonthFixture"/>'s November (the portal on the same database, its clock at the reading):
/// the figure, the breaches linked to their cases, and screenshots at 1366×768 and 390×844 in
/// <c>artifacts/screenshots/issue-16/</c>.
/// </summary>
[Collection(LegalTermReportBrowserSuite.Name)]
[Trait("Pass", "Once")]
public sealed class LegalTermReportBrowserTests(LegalTermReportBrowserTests.Portal portal, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<LegalTermReportBrowserTests.Portal>
{
    [Fact]
    public async Task The_coordinator_reads_the_legal_term_figure_and_its_breaches_at_two_widths()
    {
        var folder = RepositoryFiles.PathOf(Path.Combine("artifacts", "screenshots", "issue-16"));
        Directory.CreateDirectory(folder);
        await using var session = await browser.NewSessionAsync(portal.Process, "coordinacion-termino-legal");
        var page = session.Page;
        await SignInAsync(session, SeedData.DemoPeople.Coordinator, "/reportes/mensual?mes=2026-11");
        var section = page.Locator("#termino-legal");
        await Expect(section).ToBeVisibleAsync(new() { Timeout = PageTimeout });
        await Expect(section.GetByRole(AriaRole.Heading, new() { Level = 2 }))
            .ToHaveTextAsync("PQRS respondidas dentro del término legal — PQRS atendidas en el mes");
        await Expect(section).ToContainTextAsync("Ley 1755 de 2015, art. 14");
        await Expect(page.Locator("#termino-legal-cifra")).ToHaveTextAsync("40,0 %");
        await Expect(section.GetByRole(AriaRole.Link, new() { Name = portal.Month.Number("P4") })).ToHaveAttributeAsync("href", "/casos/" + portal.Month.Number("P4"));
        await Expect(section).ToContainTextAsync("Sin respuesta");

        foreach (var (width, height) in new[] { (1366, 768), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.WaitForTimeoutAsync(400);
            await section.ScrollIntoViewIfNeededAsync();
            // The fixed app bar would cover the section's top in a shot of the element alone.
            await section.ScreenshotAsync(new()
            {
                Path = Path.Combine(folder, $"reporte-termino-legal-{width}.png"), Style = ".mud-appbar { visibility: hidden !important; }",
            });
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"reporte-termino-legal-pagina-{width}.png"), FullPage = true });
            File.Exists(Path.Combine(folder, $"reporte-termino-legal-{width}.png")).Should().BeTrue();
        }

        foreach (var problem in session.Problems)
        {
            output.WriteLine(problem);
        }
    }

    /// <summary>The PQRS month built by Core, and the portal process on its database with its clock at the reading.</summary>
    public sealed class Portal : IAsyncLifetime
    {
        public PqrsLegalTermMonthFixture Month { get; } = new();

        public PortalProcess Process { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            await Month.InitializeAsync();
            Process = PortalProcess.On(Month.Host.Database, new Dictionary<string, string>
            {
                ["Clock:Start"] = PqrsLegalTermMonthFixture.AsOf.ToString("O", CultureInfo.InvariantCulture),
                ["TimedWork:Enabled"] = "false",
            });
            await Process.InitializeAsync();
        }

        public async Task DisposeAsync()
        {
            await Process.DisposeAsync();
            await Month.DisposeAsync();
        }
    }
}
