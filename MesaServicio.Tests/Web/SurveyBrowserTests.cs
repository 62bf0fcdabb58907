using MesaServicio.Core.Cases;
using MesaServicio.Core.Surveys;
using MesaServicio.Tests.EndToEnd;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Components.Surveys;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static MesaServicio.Core.Persistence.SeedData;
using static MesaServicio.Tests.EndToEnd.PortalPages;
using static Microsoft.Playwright.Assertions;

namespace MesaServicio.Tests.Web;

/// <summary>Runs alone, like the other browser suites: a busy CPU would distort the live timings.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SurveyBrowserSuite : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Encuesta en el navegador";
}

/// <summary>
/// The survey and the bell in Debian's Chromium against the real portal process: axe (WCAG 2.1 A/AA) on the link page
/// and the case page's form, keyboard answers, the live bell of the assignee, nothing requested outside 127.0.0.1.
/// Core and the portal share the database file; the portal's clock starts where Core's fake clock is (<c>Clock:Start</c>).
/// </summary>
[Collection(SurveyBrowserSuite.Name)]
[Trait("Pass", "Once")]
public sealed class SurveyBrowserTests(SurveyBrowserTests.Portal portal, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<SurveyBrowserTests.Portal>
{
    [Fact]
    public async Task The_link_page_is_accessible_and_is_answered_by_keyboard_without_signing_in()
    {
        var (number, token) = await portal.ResolvedCaseWithLinkAsync("No imprime la impresora del tercer piso");
        await using var session = await browser.NewSessionAsync(portal.Process, "enlace");
        var page = session.Page;

        await page.GotoAsync(SurveyTokens.Link(token));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Encuesta de satisfacción del caso " + number);
        await CheckAxeAsync(page, "encuesta por enlace");

        // Keyboard only: into the first group, arrows choose inside a radio group.
        var satisfied = page.GetByRole(AriaRole.Group, new() { Name = "¿La solución resolvió su necesidad?" });
        await satisfied.GetByRole(AriaRole.Radio, new() { Name = "Sí" }).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(satisfied.GetByRole(AriaRole.Radio, new() { Name = "No" })).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Cuéntenos qué falta (novedad)")).ToBeVisibleAsync();
        await ScoreByKeyboardAsync(page, "Calificación general de la atención", 2);
        await ScoreByKeyboardAsync(page, "Oportunidad de la atención", 3);
        await ScoreByKeyboardAsync(page, "Trato digno", 5);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviar respuesta" }).PressAsync("Enter");

        // Refused: the message next to the comment, everything chosen still chosen.
        await Expect(page.Locator(".survey-comment .validation-message")).ToHaveTextAsync(SurveyFormModel.NovedadRequired);
        await Expect(satisfied.GetByRole(AriaRole.Radio, new() { Name = "No" })).ToBeCheckedAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Trato digno" }).GetByRole(AriaRole.Radio, new() { Name = "5 Excelente" })).ToBeCheckedAsync();
        await CheckAxeAsync(page, "encuesta por enlace con errores");

        await page.GetByLabel("Cuéntenos qué falta (novedad)").FillAsync("La impresora sigue sacando hojas en blanco.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviar respuesta" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("¡Gracias por responder!");
        (await portal.Core.LoadAsync(number)).Status.Should().Be(CaseStatus.NovedadReported);

        await page.GotoAsync(SurveyTokens.Link(token));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ya respondió, gracias");
        await CheckAxeAsync(page, "encuesta ya respondida");
        session.OutsideRequests.Should().BeEmpty("the pages must request nothing outside 127.0.0.1");
    }

    [Fact]
    public async Task The_requesters_answer_on_the_case_page_rings_the_assignees_bell_live()
    {
        var (number, _) = await portal.ResolvedCaseWithLinkAsync("No abre el sistema de correspondencia");
        var assignee = (await portal.Core.LoadAsync(number)).AssigneeId!.Value;
        await using var agent = await browser.NewSessionAsync(portal.Process, "técnico");
        await SignInAsync(agent, assignee, "/");
        var bell = agent.Page.Locator("[data-testid=campana-avisos] button");

        // The case's assignment already rang the assignee's bell: read it, so that the novedad's notice is the one counted.
        await Expect(bell).ToHaveAttributeAsync("aria-label", "Avisos: 1 sin leer");
        await bell.ClickAsync();
        await agent.Page.GetByTestId("marcar-leidos").ClickAsync();
        await Expect(bell).ToHaveAttributeAsync("aria-label", "Avisos: ninguno sin leer");

        await using var requester = await browser.NewSessionAsync(portal.Process, "solicitante");
        await SignInAsync(requester, DemoPeople.Requester, "/casos/" + number);
        var page = requester.Page;
        await Expect(page.GetByTestId("invitacion-encuesta")).ToBeVisibleAsync();
        await CheckAxeAsync(page, "encuesta en el caso");

        var form = page.GetByTestId("invitacion-encuesta");
        await form.GetByRole(AriaRole.Group, new() { Name = "¿La solución resolvió su necesidad?" }).GetByRole(AriaRole.Radio, new() { Name = "No" }).CheckAsync();
        await form.GetByRole(AriaRole.Group, new() { Name = "Calificación general de la atención" }).GetByRole(AriaRole.Radio, new() { Name = "2 Mal" }).CheckAsync();
        await form.GetByRole(AriaRole.Group, new() { Name = "Oportunidad de la atención" }).GetByRole(AriaRole.Radio, new() { Name = "2 Mal" }).CheckAsync();
        await form.GetByRole(AriaRole.Group, new() { Name = "Trato digno" }).GetByRole(AriaRole.Radio, new() { Name = "4 Bien" }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Enviar respuesta" }).ClickAsync();
        await Expect(form.Locator(".survey-comment .validation-message")).ToBeVisibleAsync();
        await CheckAxeAsync(page, "encuesta en el caso con errores");
        await form.GetByLabel("Cuéntenos qué falta (novedad)").FillAsync("Sigue sin abrir el sistema de correspondencia.");
        await form.GetByRole(AriaRole.Button, new() { Name = "Enviar respuesta" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Recibimos su novedad" })).ToBeVisibleAsync();
        await Expect(page.Locator(".case-header")).ToContainTextAsync("Con novedad");

        // The assignee's page, untouched since it loaded: the bell and a toast, live.
        await Expect(bell).ToHaveAttributeAsync("aria-label", "Avisos: 1 sin leer", new() { Timeout = LiveTimeout });
        await Expect(agent.Page.Locator(".mud-snackbar")).ToContainTextAsync(number, new() { Timeout = LiveTimeout });

        // The toast fades away by itself (axe would measure its fading colours).
        await Expect(agent.Page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await bell.ClickAsync();
        var notice = agent.Page.Locator($"[data-aviso]").First;
        await Expect(notice).ToContainTextAsync(number);
        await CheckAxeAsync(agent.Page, "campana abierta");
        await agent.Page.GetByTestId("marcar-leidos").ClickAsync();
        await Expect(bell).ToHaveAttributeAsync("aria-label", "Avisos: ninguno sin leer");

        // What the assignee decides next is offered in plain words.
        await GotoAsync(agent.Page, "/casos/" + number);
        var actions = agent.Page.GetByRole(AriaRole.Group, new() { Name = "Acciones sobre el caso" });
        await Expect(actions.GetByRole(AriaRole.Button, new() { Name = "Ampliar la solución (reabrir)" })).ToBeVisibleAsync();
        await Expect(actions.GetByRole(AriaRole.Button, new() { Name = "Pedir un caso nuevo" })).ToBeVisibleAsync();
        await Expect(actions.GetByRole(AriaRole.Button, new() { Name = "No hay otra solución" })).ToBeVisibleAsync();
        requester.OutsideRequests.Concat(agent.OutsideRequests).Should().BeEmpty("the pages must request nothing outside 127.0.0.1");
        foreach (var problem in requester.Problems.Concat(agent.Problems))
        {
            output.WriteLine(problem);
        }
    }

    private static async Task ScoreByKeyboardAsync(IPage page, string question, int score)
    {
        var group = page.GetByRole(AriaRole.Group, new() { Name = question });
        await group.GetByRole(AriaRole.Radio).First.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        for (var i = 1; i < score; i++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }

        await Expect(group.GetByRole(AriaRole.Radio).Nth(score - 1)).ToBeCheckedAsync();
    }

    private async Task CheckAxeAsync(IPage page, string what)
    {
        await AxeCheck.AssertCleanAsync(page, what, output);
    }

    /// <summary>Core on a database file and the portal process on the same file, its clock where Core's is.</summary>
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
                ["TimedWork:Enabled"] = "false",
            });
            await Process.InitializeAsync();
        }

        public async Task DisposeAsync()
        {
            await Process.DisposeAsync();
            await Core.DisposeAsync();
        }

        /// <summary>A case of the requester, attended and resolved by its assignee, and its survey link.</summary>
        public async Task<(string Number, string Token)> ResolvedCaseWithLinkAsync(string subject)
        {
            var filed = await Core.FileAsync(subject: subject);
            var agent = await Core.UserAsync((await Core.LoadAsync(filed.Number)).AssigneeId!.Value);
            await Core.Get<AttendCase>().HandleAsync(new AttendCaseCommand(filed.Number, null), agent, default);
            await Core.Get<ResolveCase>().HandleAsync(new ResolveCaseCommand(filed.Number, null, "Se reinstaló el controlador y se probó."), agent, default);
            var c = await Core.LoadAsync(filed.Number);
            var token = SurveyTokens.NewToken();
            await using var db = Core.NewContext();
            db.SurveyInvitations.Add(new SurveyInvitation(c.Id, c.SurveyRound, Core.Time.GetUtcNow(), c.SurveyDueAt!.Value, SurveyTokens.Hash(token)));
            await db.SaveChangesAsync();
            return (filed.Number, token);
        }
    }
}
