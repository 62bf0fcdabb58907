using System.Globalization;
using MesaServicio.Core.Persistence;
using MesaServicio.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static MesaServicio.Tests.EndToEnd.PortalPages;
using static Microsoft.Playwright.Assertions;

namespace MesaServicio.Tests.EndToEnd;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClockExplanationBrowserSuite : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Cómo se calculó el ANS en el navegador";
}

/// <summary>
/// "Cómo se calculó el ANS" in real Chromium (issue #16): the portal's clock starts on Jueves Santo 2026 at 16:00
/// (<c>Clock:Start</c>), the demo requester files a case through the form, opens the section on her case and reads the
/// holiday's name; axe-core on the open section; screenshots at 1366×768 and 390×844 for her and the case's technician
/// in <c>artifacts/screenshots/issue-16/</c>.
/// </summary>
[Collection(ClockExplanationBrowserSuite.Name)]
[Trait("Pass", "Once")]
public sealed class ClockExplanationBrowserTests(ClockExplanationBrowserTests.HolyThursdayPortal portal, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<ClockExplanationBrowserTests.HolyThursdayPortal>
{
    private static string ScreenshotFolder => RepositoryFiles.ScreenshotFolder(16);

    [Fact]
    public async Task The_requester_opens_how_the_ANS_was_computed_and_reads_the_holidays_name()
    {
        await using var requester = await browser.NewSessionAsync(portal.Process, "solicitante-ans");
        await SignInAsync(requester, SeedData.DemoPeople.Requester, "/casos/nuevo");
        var number = await FileCaseAsync(requester.Page, new NewCaseInput(
            "No abre el correo en Semana Santa", "Outlook no abre desde esta tarde.", "correo", "Correo electrónico institucional"));
        var page = requester.Page;

        var button = page.GetByRole(AriaRole.Button, new() { Name = "Cómo se calculó el ANS" });
        await Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(page.Locator("#como-se-calculo-ans")).ToBeHiddenAsync();
        await button.ClickAsync();
        await Expect(button).ToHaveAttributeAsync("aria-expanded", "true");
        var section = page.Locator("#como-se-calculo-ans");
        await Expect(section).ToBeVisibleAsync();
        await Expect(section).ToContainTextAsync("Jueves Santo");
        await Expect(section).ToContainTextAsync("Viernes Santo");
        await Expect(section).ToContainTextAsync("Su caso se recibió el jueves 2 de abril de 2026");
        await Expect(section.Locator("table")).ToHaveCountAsync(0);

        await AxeCheck.AssertCleanAsync(page, "the case page with the section open", output);

        await ShootAsync(page, "solicitante");

        // The case's technician reads the same clocks as rows, the holiday with its law.
        var responsible = (await Fact(page, "Responsable").InnerTextAsync()).Trim();
        await using var agent = await browser.NewSessionAsync(portal.Process, "tecnico-ans");
        await SignInAsync(agent, TechnicianNamed(responsible), "/casos/" + number);
        await agent.Page.GetByRole(AriaRole.Button, new() { Name = "Cómo se calculó el ANS" }).ClickAsync();
        var rows = agent.Page.Locator("#como-se-calculo-ans table.clock-lines");
        await Expect(rows.First).ToContainTextAsync("Jueves Santo, festivo religioso de la Ley 51 de 1983");
        await ShootAsync(agent.Page, "tecnico");
    }

    private static Guid TechnicianNamed(string name) => name switch
    {
        "Carlos Pérez Téllez" => SeedData.DemoPeople.Agent1,
        "Diana Marcela Torres" => SeedData.DemoPeople.Agent2,
        "Jhon Jairo Martínez" => SeedData.DemoPeople.Agent3,
        _ => SeedData.DemoPeople.Coordinator,
    };

    /// <summary>Full-page screenshots at 1366×768 and 390×844 with the section open.</summary>
    private static async Task ShootAsync(IPage page, string name)
    {
        foreach (var (width, height) in new[] { (1366, 768), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.WaitForTimeoutAsync(400);
            await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, $"como-se-calculo-{name}-{width}.png"), FullPage = true });
        }
    }

    /// <summary>A portal of its own whose clock starts on Jueves Santo 2026 at 16:00, Bogotá.</summary>
    public sealed class HolyThursdayPortal : IAsyncLifetime
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "mesa-tests", "ans-" + Guid.NewGuid().ToString("N"));
        private TestDatabase? _database;

        public PortalProcess Process { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(_folder);
            _database = TestDatabase.Create(_folder);
            Process = PortalProcess.On(_database, new Dictionary<string, string>
            {
                ["Clock:Start"] = new DateTimeOffset(2026, 4, 2, 16, 0, 0, TimeSpan.FromHours(-5)).ToString("O", CultureInfo.InvariantCulture),
                ["TimedWork:Enabled"] = "false",
            });
            await Process.InitializeAsync();
        }

        public async Task DisposeAsync()
        {
            await Process.DisposeAsync();
            _database?.Dispose();
        }
    }
}
