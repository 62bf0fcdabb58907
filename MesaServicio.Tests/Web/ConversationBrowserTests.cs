using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Catalog;
using MesaServicio.Core.People;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using MesaServicio.Tests.EndToEnd;
using MesaServicio.Tests.Support;
using Microsoft.Playwright;
using MimeKit;
using Xunit.Abstractions;
using static MesaServicio.Core.Persistence.SeedData;
using static MesaServicio.Tests.EndToEnd.PortalPages;
using static Microsoft.Playwright.Assertions;

namespace MesaServicio.Tests.Web;

/// <summary>Runs alone, like the other browser suites: a busy CPU would distort the live waits.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConversationBrowserSuite : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Conversación en el navegador";
}

/// <summary>
/// Issue 14's "Must show", in Debian's Chromium against the real portal process, with the requester, the agent and the
/// leads side by side: the acknowledgement (notice and <c>.eml</c>); the question that reaches the requester's open page
/// and bell live and by e-mail; her answer that reaches the agent's open page and runs the clock again; a duplicate's
/// reasons with the original's link; a case nobody could be given, shown "Sin asignar" to its lead, who assigns it; a
/// reassignment that rings the new assignee's bell and reaches their board live; a PQRS requester who answers through the
/// link read from the <c>.eml</c>. Screenshots at 1366×768 and 390×844 of each new state; axe on each.
/// </summary>
[Collection(ConversationBrowserSuite.Name)]
[Trait("Pass", "Once")]
public sealed class ConversationBrowserTests(ConversationBrowserTests.Portal portal, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<ConversationBrowserTests.Portal>
{
    private static readonly TimeSpan MailPatience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_requester_the_agent_and_the_leads_talk_through_the_case_live()
    {
        var sessions = new List<PortalSession>();
        try
        {
            // 1. The requester files a case: a notice and an e-mail acknowledge it.
            var requester = await OpenAsync(sessions, "solicitante", DemoPeople.Requester, "/casos/nuevo");
            var number = await FileCaseAsync(requester.Page, new NewCaseInput(
                "No abre Outlook en el equipo de la recepción", "Desde esta mañana Outlook se cierra al abrirlo.",
                "correo", "Correo electrónico institucional"));
            await MarkAsync(requester.Page, "sin recargar");
            var requesterBell = requester.Page.Locator("[data-testid=campana-avisos] button");
            await Expect(requesterBell).ToHaveAttributeAsync("aria-label", "Avisos: 1 sin leer", new() { Timeout = LiveTimeout });
            var ack = await portal.MailAsync(m => m.Subject == $"Caso {number}: lo recibimos");
            ack.TextBody.Should().Contain("Prioridad").And.Contain("a más tardar el");

            // 2. The agent asks a question from the case page.
            var assigneeId = (await portal.Core.LoadAsync(number)).AssigneeId!.Value;
            var agent = await OpenAsync(sessions, "técnico", assigneeId, "/casos/" + number);
            await ActAsync(agent.Page, "Atender");
            await ActAsync(agent.Page, "Pedir información al usuario");
            var dialog = agent.Page.GetByRole(AriaRole.Dialog);
            await dialog.GetByLabel("¿Qué necesita del usuario solicitante?").FillAsync("¿Qué mensaje de error muestra Outlook al cerrarse?");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Enviar y esperar" }).ClickAsync();
            await Expect(dialog).ToHaveCountAsync(0);

            // 3. The requester's open page shows it, and her bell rises, without a reload; the e-mail is written.
            var pending = requester.Page.GetByTestId("pregunta-pendiente");
            await Expect(pending).ToContainTextAsync("¿Qué mensaje de error muestra Outlook al cerrarse?", new() { Timeout = LiveTimeout });
            await Expect(requesterBell).ToHaveAttributeAsync("aria-label", "Avisos: 2 sin leer", new() { Timeout = LiveTimeout });
            (await HasMarkAsync(requester.Page, "sin recargar")).Should().BeTrue("the question must arrive on the open page, live");
            await portal.MailAsync(m => m.Subject == $"Caso {number}: necesitamos información suya");
            await ShotsAndAxeAsync(requester.Page, "caso-pregunta-solicitante");

            // 4. She answers in the conversation: the agent's open page shows it, and the resolution clock runs again.
            await MarkAsync(agent.Page, "sin recargar");
            await requester.Page.GetByLabel("Escribir un mensaje").FillAsync("Dice «Outlook no puede iniciarse»; pasa con cualquier usuario.");
            await requester.Page.GetByRole(AriaRole.Button, new() { Name = "Enviar mensaje" }).ClickAsync();
            await Expect(agent.Page.Locator(".message.requester")).ToContainTextAsync("Outlook no puede iniciarse", new() { Timeout = LiveTimeout });
            await Expect(agent.Page.Locator(".case-header")).ToContainTextAsync("En atención", new() { Timeout = LiveTimeout });
            (await HasMarkAsync(agent.Page, "sin recargar")).Should().BeTrue("the answer must arrive on the agent's open page, live");
            var resumed = await portal.Core.LoadAsync(number);
            resumed.Status.Should().Be(CaseStatus.InProgress);
            resumed.PausedSince.Should().BeNull("her answer runs the resolution clock again");
            await ShotsAndAxeAsync(agent.Page, "caso-respondido-tecnico");

            // 5. A duplicate: its reasons and the original's link reach the requester.
            var duplicate = await portal.Core.FileAsync(subject: "Outlook se cierra al abrirlo");
            var duplicateAgent = await portal.Core.UserAsync((await portal.Core.LoadAsync(duplicate.Number)).AssigneeId!.Value);
            await portal.Core.Get<RejectCase>().HandleAsync(new RejectCaseCommand(
                duplicate.Number, null, RejectionReason.Duplicate, "Es el mismo problema que ya atendemos en su otro caso.", number),
                duplicateAgent, default);
            await GotoAsync(requester.Page, "/casos/" + duplicate.Number);
            var reasons = requester.Page.Locator(".message[data-tipo='RejectionReason']");
            await Expect(reasons).ToContainTextAsync("Es el mismo problema que ya atendemos en su otro caso.");
            await Expect(reasons.GetByRole(AriaRole.Link, new() { Name = number })).ToHaveAttributeAsync("href", "/casos/" + number);
            await ShotsAndAxeAsync(requester.Page, "caso-duplicado-solicitante");

            // 6. A group with no active technician: the case waits "Sin asignar"; its lead sees it and assigns it.
            var unassigned = await portal.UnassignedCaseAsync();
            var lead = await OpenAsync(sessions, "líder", DemoPeople.LeadAdministrativos, "/tablero");
            await OpenBoardAsync(lead.Page);
            await lead.Page.Locator("input[data-filtro='sin-asignar']").CheckAsync();
            await Expect(Card(lead.Page, unassigned)).ToContainTextAsync("Sin asignar", new() { Timeout = LiveTimeout });
            await GotoAsync(lead.Page, "/casos/" + unassigned);
            await Expect(lead.Page.GetByTestId("sin-asignar")).ToBeVisibleAsync();
            await ShotsAndAxeAsync(lead.Page, "caso-sin-asignar-lider");
            await ActAsync(lead.Page, "Asignar");
            var assign = lead.Page.GetByRole(AriaRole.Dialog);
            await ChooseAsync(lead.Page, "Nuevo responsable", "Natalia Herrera Vargas", assign);
            await assign.GetByTestId("asignar-confirmar").ClickAsync();
            await Expect(assign).ToHaveCountAsync(0);
            await Expect(Fact(lead.Page, "Responsable")).ToHaveTextAsync("Natalia Herrera Vargas", new() { Timeout = LiveTimeout });

            // 7. The first level's lead reassigns the first case: the new assignee's bell and board show it, live.
            var (newId, newName) = FirstLevel.First(a => a.Id != assigneeId);
            var newcomer = await OpenAsync(sessions, "nuevo responsable", newId, "/tablero");
            await OpenBoardAsync(newcomer.Page);
            await MarkAsync(newcomer.Page, "sin recargar");
            var newcomerBell = newcomer.Page.Locator("[data-testid=campana-avisos] button");
            var before = await newcomerBell.GetAttributeAsync("aria-label");
            var firstLead = await OpenAsync(sessions, "líder primer nivel", DemoPeople.LeadFirstLevel, "/casos/" + number);
            await ActAsync(firstLead.Page, "Reasignar");
            var reassign = firstLead.Page.GetByRole(AriaRole.Dialog);
            await reassign.GetByTestId("asignar-confirmar").ClickAsync();
            await Expect(reassign.GetByText("Elija quién atenderá el caso.")).ToBeVisibleAsync();
            await ChooseAsync(firstLead.Page, "Nuevo responsable", newName, reassign);
            await reassign.GetByTestId("asignar-confirmar").ClickAsync();
            await Expect(reassign.GetByText("Para reasignar el caso escriba el motivo.")).ToBeVisibleAsync();
            await reassign.GetByLabel("Motivo de la reasignación (obligatorio)").FillAsync("El técnico asignado está en una capacitación.");
            await reassign.GetByTestId("asignar-confirmar").ClickAsync();
            await Expect(reassign).ToHaveCountAsync(0);
            await Expect(Card(newcomer.Page, number)).ToBeVisibleAsync(new() { Timeout = LiveTimeout });
            await Expect(newcomerBell).Not.ToHaveAttributeAsync("aria-label", before!, new() { Timeout = LiveTimeout });
            (await HasMarkAsync(newcomer.Page, "sin recargar")).Should().BeTrue("the reassigned case must reach the new assignee live");

            // 8. A PQRS requester without an account answers through the link in her e-mail; the clock resumes.
            var pqrs = await portal.PqrsCaseWaitingAsync("¿Con qué usuario intenta entrar al portal de trámites?");
            var question = await portal.MailAsync(m => m.Subject == $"Caso {pqrs}: necesitamos información suya");
            var link = Regex.Match(question.TextBody ?? "", "/respuesta/[A-Za-z0-9_-]{43}").Value;
            link.Should().NotBeEmpty("the e-mail carries the signed link");
            var citizen = await browser.NewSessionAsync(portal.Process, "ciudadano");
            sessions.Add(citizen);
            await citizen.Page.GotoAsync(link);
            await Expect(citizen.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Su caso {pqrs}");
            await Expect(citizen.Page.Locator(".message[data-tipo='Question']")).ToContainTextAsync("¿Con qué usuario intenta entrar");
            await ShotsAndAxeAsync(citizen.Page, "respuesta-por-enlace");
            await citizen.Page.GetByLabel("Su respuesta").FillAsync("Con mi cédula, 1020304050. Adjunto el pantallazo.");
            await citizen.Page.GetByLabel("Archivos (opcional)").SetInputFilesAsync(WriteSamplePdf("pantallazo-tramites.pdf"));
            await citizen.Page.GetByRole(AriaRole.Button, new() { Name = "Enviar respuesta" }).ClickAsync();
            await Expect(citizen.Page.GetByTestId("respuesta-enviada")).ToContainTextAsync("Recibimos su respuesta y su archivo");
            await Expect(citizen.Page.GetByTestId("respuesta-enviada")).ToContainTextAsync("el tiempo de solución corre de nuevo");
            await using (var db = portal.Core.NewContext())
            {
                var pqrsId = (await portal.Core.LoadAsync(pqrs)).Id;
                (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.CaseAttachments, a => a.CaseId == pqrsId))
                    .Should().Be(1, "her file went through the portal's checks into the case");
            }
            var answered = await portal.Core.LoadAsync(pqrs);
            answered.Status.Should().Be(CaseStatus.InProgress);
            answered.PausedSince.Should().BeNull();

            // 9. "Mis preferencias": she switches the e-mails of desk messages off; the portal notices stay.
            await GotoAsync(requester.Page, "/preferencias");
            await Expect(requester.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mis preferencias");
            // The interactive render reads the preferences again (a progress bar meanwhile): click the switches it ends with.
            await Expect(requester.Page.GetByRole(AriaRole.Progressbar)).ToHaveCountAsync(0);
            var deskMail = requester.Page.Locator("input[data-preferencia='DeskMessage']");
            await Expect(deskMail).ToBeCheckedAsync();
            await ShotsAndAxeAsync(requester.Page, "mis-preferencias");
            await deskMail.UncheckAsync();
            await Expect(requester.Page.Locator(".mud-snackbar")).ToContainTextAsync("Ya no recibirá correos");
            (await portal.Core.Get<Core.Notifications.GetEmailPreferences>().HandleAsync(CurrentUser.Person(DemoPeople.Requester, PersonRoles.None), default))
                .Single(p => p.Kind == Core.Notifications.MessageKind.DeskMessage).Enabled.Should().BeFalse();

            foreach (var session in sessions)
            {
                session.OutsideRequests.Should().BeEmpty("{0}'s pages must request nothing outside 127.0.0.1", session.Name);
            }
        }
        finally
        {
            foreach (var session in sessions)
            {
                await session.DisposeAsync();
            }
        }
    }

    private static readonly (Guid Id, string Name)[] FirstLevel =
    [
        (DemoPeople.Agent1, "Carlos Pérez Téllez"),
        (DemoPeople.Agent2, "Diana Marcela Torres"),
        (DemoPeople.Agent3, "Jhon Jairo Martínez"),
    ];

    private async Task<PortalSession> OpenAsync(List<PortalSession> sessions, string name, Guid person, string path)
    {
        var session = await browser.NewSessionAsync(portal.Process, name);
        sessions.Add(session);
        await SignInAsync(session, person, path);
        return session;
    }

    private static async Task ActAsync(IPage page, string action)
    {
        var actions = page.GetByRole(AriaRole.Group, new() { Name = "Acciones sobre el caso" });
        await actions.GetByRole(AriaRole.Button, new() { Name = action, Exact = true }).ClickAsync();
    }

    /// <summary>The page at 1366×768 and 390×844 as artifacts, and axe (WCAG 2.1 AA) at each size: no violation of any impact.</summary>
    private async Task ShotsAndAxeAsync(IPage page, string name)
    {
        // A toast fades away by itself; axe would measure its fading colours.
        await Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        foreach (var (width, height) in new[] { (1366, 768), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            await ScreenshotAsync(page, $"issue14-{name}-{width}x{height}");
            var result = await SettledAxeAsync(page);
            if (result.Violations.Any(v => v.Nodes.Any(n => n.Target.ToString().Contains("mud-snackbar", StringComparison.Ordinal))))
            {
                // A notice from the other process can arrive while axe runs: measure its toast again once it has faded in.
                result = await SettledAxeAsync(page);
            }

            result.Passes.Should().NotBeEmpty("axe must really have run on {0}", name);
            var report = AxeCheck.Describe($"{name} at {width}×{height}", result);
            output.WriteLine(report);
            result.Violations.Should().BeEmpty(report);
        }

        await page.SetViewportSizeAsync(BrowserFixture.WindowWidth, BrowserFixture.WindowHeight);
    }

    private static Task<AxeResult> SettledAxeAsync(IPage page) => AxeCheck.RunAsync(page);

    /// <summary>Core on a database file and the portal process on the same file, sending e-mail as <c>.eml</c> files every second.</summary>
    public sealed class Portal : IAsyncLifetime
    {
        private readonly string _mail = Path.Combine(Path.GetTempPath(), "mesa-tests", Guid.NewGuid().ToString("N"), "correo");

        public CoreHost Core { get; private set; } = default!;

        public PortalProcess Process { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            Core = await CoreHost.StartAsync(CaseBuilder.MondayMorning);
            Process = PortalProcess.On(Core.Database, new Dictionary<string, string>
            {
                ["Clock:Start"] = CaseBuilder.MondayMorning.AddHours(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["TimedWork:IntervalSeconds"] = "1",
                ["Email:Mode"] = "Folder",
                ["Email:Folder"] = _mail,
            });
            await Process.InitializeAsync();
        }

        public async Task DisposeAsync()
        {
            await Process.DisposeAsync();
            await Core.DisposeAsync();
        }

        /// <summary>The first <c>.eml</c> the portal wrote that matches, waiting for its outbox to send it.</summary>
        public async Task<MimeMessage> MailAsync(Func<MimeMessage, bool> match)
        {
            var until = DateTime.UtcNow + MailPatience;
            while (true)
            {
                var found = Directory.Exists(_mail)
                    ? Directory.GetFiles(_mail, "*.eml").Select(f => MimeMessage.Load(f)).FirstOrDefault(match)
                    : null;
                if (found is not null)
                {
                    return found;
                }

                if (DateTime.UtcNow > until)
                {
                    throw new TimeoutException($"No matching e-mail in {_mail} within {MailPatience}.");
                }

                await Task.Delay(250);
            }
        }

        /// <summary>
        /// A case of a category whose group has no active technician ("Traslado de puestos de trabajo", group "Servicios
        /// administrativos — nivel 1"): its members leave the group first, as the coordinator would.
        /// </summary>
        public async Task<string> UnassignedCaseAsync()
        {
            var coordinator = await Core.UserAsync(DemoPeople.Coordinator);
            int groupId;
            await using (var db = Core.NewContext())
            {
                var path = await CategoryPath.LoadAsync(db, await Core.CategoryAsync("Traslado de puestos de trabajo"), default);
                groupId = CategoryPath.Group(path)!.Value;
            }

            foreach (var member in new[] { DemoPeople.Agent3, DemoPeople.Agent6 })
            {
                await Core.Get<global::MesaServicio.Core.Configuration.Groups.RemoveGroupMember>().HandleAsync(new(groupId, member), coordinator, default);
            }

            var filed = await Core.FileAsync(category: "Traslado de puestos de trabajo", subject: "Trasladar mi puesto al piso 4", requester: DemoPeople.Requester2);
            (await Core.LoadAsync(filed.Number)).AssigneeId.Should().BeNull("nobody in its group is active");
            return filed.Number;
        }

        /// <summary>A PQRS case of a citizen without an account, attended and waiting on her answer to <paramref name="question"/>.</summary>
        public async Task<string> PqrsCaseWaitingAsync(string question)
        {
            var citizen = Guid.NewGuid();
            await using (var db = Core.NewContext())
            {
                db.People.Add(new Person(citizen, "Ciudadana de prueba", "ciudadana@correo.example", null, PersonRoles.None));
                await db.SaveChangesAsync();
            }

            var filed = await Core.Get<RegisterCase>().HandleAsync(new RegisterCaseCommand(
                CaseKind.Request, await Core.CategoryAsync("Cuentas de usuario y contraseñas"), "Acceso al portal de trámites",
                "No puedo entrar al portal de trámites.", Impact.Low, Urgency.Low, CaseChannel.Pqrs, citizen), CurrentUser.Integration, default);
            var agent = await Core.UserAsync((await Core.LoadAsync(filed.Number)).AssigneeId!.Value);
            await Core.Get<AttendCase>().HandleAsync(new AttendCaseCommand(filed.Number, null), agent, default);
            await Core.Get<WaitOnRequester>().HandleAsync(new WaitOnRequesterCommand(filed.Number, null, question), agent, default);
            return filed.Number;
        }
    }
}
