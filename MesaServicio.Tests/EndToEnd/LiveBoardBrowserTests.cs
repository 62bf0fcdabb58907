using System.Text.RegularExpressions;
using MesaServicio.Core;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Catalog;
using MesaServicio.Core.People;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static MesaServicio.Tests.EndToEnd.PortalPages;
using static Microsoft.Playwright.Assertions;

namespace MesaServicio.Tests.EndToEnd;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LiveBoardBrowserSuite : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Tablero en vivo en el navegador";
}

/// <summary>
/// The live feed as people see it (issue #17) in real Chromium: the coordinator, the case's technical lead and its
/// technician each have their board open; the technician attends the case and then asks the requester a question from
/// the board; the other boards move the card and their column counts without a reload; the requester, on her case
/// page, sees the question appear and what she must do. Screenshots of each role at 1366×768 and 390×844 in
/// <c>artifacts/screenshots/issue-17/</c>.
/// </summary>
[Collection(LiveBoardBrowserSuite.Name)]
[Trait("Pass", "Once")]
public sealed class LiveBoardBrowserTests(LiveBoardBrowserTests.BoardPortal portal, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<LiveBoardBrowserTests.BoardPortal>
{
    private const string Question = "¿Desde qué equipo intenta imprimir? Indíquenos el número de inventario.";

    private static string ScreenshotFolder => RepositoryFiles.ScreenshotFolder(17);

    [Fact]
    public async Task Every_role_sees_the_change_on_its_open_page_without_a_reload_and_the_requester_is_asked()
    {
        var (number, assignee, lead) = await portal.FileCasesAsync();
        output.WriteLine($"Case {number}: technician {assignee}, lead {lead}.");
        var sessions = new List<PortalSession>();
        try
        {
            var coordinator = await OpenBoardAsAsync(sessions, "coordinadora", SeedData.DemoPeople.Coordinator);
            var leader = await OpenBoardAsAsync(sessions, "lider", lead);
            var agent = await OpenBoardAsAsync(sessions, "tecnico", assignee);
            await Expect(coordinator.Page.Locator(".board-live")).ToHaveTextAsync($"En vivo · {BoardPortal.Filed} casos");
            await Expect(Heading(coordinator.Page, "NewOrAssigned")).ToContainTextAsync($"{BoardPortal.Filed} casos");
            await Expect(Heading(coordinator.Page, "InProgress")).ToContainTextAsync("0 casos");

            var requester = await browser.NewSessionAsync(portal.Process, "solicitante");
            sessions.Add(requester);
            await SignInAsync(requester, SeedData.DemoPeople.Requester, "/casos/" + number);
            await Expect(requester.Page.Locator(".case-facts")).ToBeVisibleAsync(new() { Timeout = PageTimeout });
            await WaitForInteractiveAsync(requester.Page);
            foreach (var session in sessions)
            {
                await MarkAsync(session.Page, "sin-recargar");
            }

            // The technician attends the case: the other boards move the card and their counts.
            await MoveByKeyboardAsync(agent.Page, number, "Attend");
            foreach (var watcher in new[] { coordinator, leader })
            {
                await Expect(CardIn(watcher.Page, "InProgress", number)).ToBeVisibleAsync(new() { Timeout = LiveTimeout });
                await Expect(Heading(watcher.Page, "InProgress")).ToContainTextAsync("1 caso");
            }

            await Expect(Heading(coordinator.Page, "NewOrAssigned")).ToContainTextAsync($"{BoardPortal.Filed - 1} casos");

            // Then asks the requester from the board.
            await MoveByKeyboardAsync(agent.Page, number, "WaitOnRequester");
            var dialog = agent.Page.GetByRole(AriaRole.Dialog);
            await Expect(dialog).ToContainTextAsync($"Esperar la respuesta del usuario — caso {number}");
            await dialog.GetByLabel("Mensaje para el usuario (lo verá en su caso)").FillAsync(Question);
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Enviar y esperar" }).ClickAsync();
            await Expect(dialog).ToBeHiddenAsync(new() { Timeout = LiveTimeout });

            foreach (var watcher in new[] { coordinator, leader, agent })
            {
                await Expect(CardIn(watcher.Page, "WaitingOnRequester", number)).ToBeVisibleAsync(new() { Timeout = LiveTimeout });
            }

            var asked = requester.Page.Locator("[data-testid=pregunta-pendiente]");
            await Expect(asked).ToContainTextAsync(Question, new() { Timeout = LiveTimeout });
            await Expect(asked).ToContainTextAsync("Responda abajo");
            await Expect(requester.Page.Locator(".case-header")).ToContainTextAsync("En espera del usuario");

            foreach (var session in sessions)
            {
                (await HasMarkAsync(session.Page, "sin-recargar")).Should().BeTrue($"{session.Name}'s page changed live, without a reload");
            }

            await ShootAsync(coordinator.Page, "tablero-coordinadora");
            await ShootAsync(leader.Page, "tablero-lider");
            await ShootAsync(agent.Page, "tablero-tecnico");
            await ShootAsync(requester.Page, "caso-solicitante-pregunta");

            // The card's «Mover a…» opens the board's moves dialog: labelled, each move with where the card goes, no axe
            // violation of any impact; Escape closes it, nothing moves, and focus returns to the card's button.
            // (The moves' confirmations fade out first: axe reads a toast mid-fade as low contrast.)
            await agent.Page.SetViewportSizeAsync(1366, 768);
            await Expect(agent.Page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
            var moveButton = Card(agent.Page, number).GetByRole(AriaRole.Button, new() { Name = $"Mover a… (caso {number})" });
            await moveButton.ClickAsync();
            var moves = agent.Page.GetByRole(AriaRole.Dialog, new() { Name = $"Mover el caso {number}" });
            await Expect(moves.Locator("[data-mover]").First).ToBeFocusedAsync();
            await Expect(moves.Locator("[data-mover='Resume']")).ToContainTextAsync("Reanudar la atención");
            await Expect(moves.Locator("[data-mover='Resume']")).ToContainTextAsync("Pasa a «En atención»");
            await agent.Page.WaitForTimeoutAsync(400);
            await AxeCheck.AssertCleanAsync(agent.Page, "the board's move dialog");
            await ShootAsync(agent.Page, "tablero-tecnico-mover");
            await agent.Page.Keyboard.PressAsync("Escape");
            await Expect(moves).ToBeHiddenAsync();
            await Expect(moveButton).ToBeFocusedAsync();
            await Expect(CardIn(agent.Page, "WaitingOnRequester", number)).ToBeVisibleAsync();
            foreach (var session in sessions)
            {
                session.OutsideRequests.Should().BeEmpty("{0}'s page must request nothing outside 127.0.0.1", session.Name);
            }
        }
        finally
        {
            foreach (var session in sessions)
            {
                foreach (var problem in session.Problems)
                {
                    output.WriteLine($"[{session.Name}] {problem}");
                }

                await session.DisposeAsync();
            }
        }
    }

    private static ILocator Heading(IPage page, string column) => page.Locator($"section.board-column[data-columna='{column}'] h2");

    private async Task<PortalSession> OpenBoardAsAsync(List<PortalSession> sessions, string name, Guid person)
    {
        var session = await browser.NewSessionAsync(portal.Process, name);
        sessions.Add(session);
        await SignInAsync(session, person, "/tablero");
        await OpenBoardAsync(session.Page);
        await Expect(session.Page.Locator(".board-live")).ToHaveTextAsync(new Regex(@"^En vivo · \d+ casos?$"));
        return session;
    }

    private static async Task ShootAsync(IPage page, string name)
    {
        foreach (var (width, height) in new[] { (1366, 768), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.WaitForTimeoutAsync(400);
            await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, $"{name}-{width}.png"), FullPage = true });

            // The page never scrolls sideways (the board scrolls its columns in its own region) and "Salir" stays on screen.
            var wide = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('body *')].filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible' || e.getBoundingClientRect().right > innerWidth + 1).slice(0, 12).map(e => e.tagName + '.' + (e.className.baseVal ?? e.className) + ' ' + Math.round(e.getBoundingClientRect().right) + '/' + e.scrollWidth + '/' + e.clientWidth).join(' | ') + ` innerWidth=${innerWidth} client=${document.documentElement.clientWidth} body=${document.body.scrollWidth}`");
            (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(width, "{0} at {1} px ({2})", name, width, wide);
            var signOut = await page.GetByRole(AriaRole.Button, new() { Name = "Salir" }).BoundingBoxAsync();
            signOut.Should().NotBeNull("«Salir» is shown on {0} at {1} px", name, width);
            (signOut!.X + signOut.Width).Should().BeLessThanOrEqualTo(width, "«Salir» must be reachable on {0} at {1} px", name, width);
        }
    }

    /// <summary>A portal of its own (SQLite, no timed work) with a few printer cases of the demo requester.</summary>
    public sealed class BoardPortal : IAsyncLifetime
    {
        public const int Filed = 4;

        private readonly string _folder = Path.Combine(Path.GetTempPath(), "mesa-tests", "tablero-" + Guid.NewGuid().ToString("N"));
        private TestDatabase? _database;

        public PortalProcess Process { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(_folder);
            _database = TestDatabase.Create(_folder);
            Process = PortalProcess.On(_database, new Dictionary<string, string> { ["TimedWork:Enabled"] = "false" });
            await Process.InitializeAsync();
        }

        /// <summary>Files <see cref="Filed"/> cases through Core on the portal's database; returns the first with its technician and lead.</summary>
        public async Task<(string Number, Guid Assignee, Guid Lead)> FileCasesAsync()
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(_database!.Settings.ToDictionary(kv => kv.Key, kv => (string?)kv.Value))
                .Build();
            await using var core = new ServiceCollection()
                .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
                .AddMesaServicioCore(configuration)
                .BuildServiceProvider(validateScopes: true);
            var factory = core.GetRequiredService<IDbContextFactory<MesaDbContext>>();
            int category;
            await using (var db = await factory.CreateDbContextAsync())
            {
                category = await db.Categories.Where(c => c.Name == "Impresoras y escáneres").Select(c => c.Id).SingleAsync();
            }

            var requester = SeedData.DemoPeople.Requester;
            var numbers = new List<string>();
            for (var i = 1; i <= Filed; i++)
            {
                var filed = await core.GetRequiredService<RegisterCase>().HandleAsync(
                    new RegisterCaseCommand(CaseKind.Incident, category, $"La impresora del piso {i} no imprime", "Muestra «Error 79» y no imprime.",
                        Impact.Medium, Urgency.Medium, CaseChannel.Portal, requester),
                    CurrentUser.Person(requester, PersonRoles.None), CancellationToken.None);
                numbers.Add(filed.Number);
            }

            await using (var db = await factory.CreateDbContextAsync())
            {
                var first = await db.Cases.SingleAsync(c => c.Number == numbers[0]);
                var path = await CategoryPath.LoadAsync(db, first.CategoryId, CancellationToken.None);
                return (first.Number, first.AssigneeId!.Value, CategoryPath.TechnicalLead(path)!.Value);
            }
        }

        public async Task DisposeAsync()
        {
            await Process.DisposeAsync();
            _database?.Dispose();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind is harmless.
            }
        }
    }
}
