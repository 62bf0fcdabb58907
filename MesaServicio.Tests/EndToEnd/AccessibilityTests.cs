using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using MesaServicio.Core.Persistence;
using MesaServicio.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static MesaServicio.Tests.EndToEnd.PortalPages;
using static Microsoft.Playwright.Assertions;

namespace MesaServicio.Tests.EndToEnd;

/// <summary>
/// axe-core (WCAG 2.1 A and AA, <see cref="AxeCheck"/>) on every page of the portal, as each role meets it, at a
/// laptop's 1366×768 and a phone's 390×844: no violation of any impact (Resolución 1519 de 2020; issue 18). Each page
/// at the phone's size is kept as an artifact (artifacts/e2e/axe-*-390x844.png) to be looked at. The page checks share
/// one browser context per person (<see cref="SignedInSessions"/>): each person signs in once, and each check then
/// sizes the window and loads its page afresh in that context.
/// </summary>
[Collection(BrowserSuite.Name)]
[Trait("Pass", "Once")]
public sealed class AccessibilityTests(PortalProcess portal, BrowserFixture browser, SignedInSessions sessions, ITestOutputHelper output)
    : IClassFixture<SignedInSessions>
{
    public static readonly TheoryData<int, int> Sizes = new() { { 1366, 768 }, { 390, 844 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public Task The_home_page_signed_out_has_no_violations(int width, int height) =>
        CheckAnonymousAsync("/", width, height, async page =>
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync());

    [Theory]
    [MemberData(nameof(Sizes))]
    public Task The_sign_in_page_has_no_violations(int width, int height) =>
        CheckAnonymousAsync("/ingresar/local", width, height, async page =>
            await Expect(page.Locator("form button[type='submit']").First).ToBeVisibleAsync());

    [Theory]
    [MemberData(nameof(Sizes))]
    public Task The_failed_sign_in_page_has_no_violations(int width, int height) =>
        CheckAnonymousAsync("/ingresar/error", width, height, async page =>
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync());

    [Theory]
    [InlineData("/ayuda", "Ayuda", 1366, 768)]
    [InlineData("/ayuda", "Ayuda", 390, 844)]
    [InlineData("/ayuda/usuario", "Guía del usuario interno", 1366, 768)]
    [InlineData("/ayuda/usuario", "Guía del usuario interno", 390, 844)]
    [InlineData("/ayuda/agente", "Guía del agente de servicio", 1366, 768)]
    [InlineData("/ayuda/agente", "Guía del agente de servicio", 390, 844)]
    [InlineData("/ayuda/gestion", "Guía de gestión de incidencias, peticiones y problemas", 1366, 768)]
    [InlineData("/ayuda/gestion", "Guía de gestión de incidencias, peticiones y problemas", 390, 844)]
    public Task The_guides_have_no_violations(string path, string title, int width, int height) =>
        CheckAnonymousAsync(path, width, height, async page =>
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title));

    [Theory]
    [MemberData(nameof(Sizes))]
    public Task The_accessibility_statement_has_no_violations(int width, int height) =>
        CheckAnonymousAsync("/accesibilidad", width, height, async page =>
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Declaración de accesibilidad"));

    [Theory]
    [MemberData(nameof(Sizes))]
    public Task The_error_page_has_no_violations(int width, int height) =>
        CheckAnonymousAsync("/error", width, height, async page =>
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ocurrió un error"));

    [Theory]
    [MemberData(nameof(Sizes))]
    public Task The_privacy_notice_has_no_violations(int width, int height) =>
        CheckAnonymousAsync("/privacidad", width, height, async page =>
            await Expect(page.Locator(".privacy-text")).ToBeVisibleAsync());

    [Theory]
    [MemberData(nameof(Sizes))]
    public Task The_integrity_list_has_no_violations(int width, int height) =>
        CheckAsync(SeedData.DemoPeople.Coordinator, "/integridad", width, height, async page =>
            await Expect(page.GetByTestId("avance-integridad")).ToBeVisibleAsync());

    [Theory]
    [MemberData(nameof(Sizes))]
    public Task The_retention_page_has_no_violations(int width, int height) =>
        CheckAsync(SeedData.DemoPeople.Coordinator, "/conservacion", width, height, async page =>
            await Expect(page.GetByTestId("carpeta-archivo")).ToBeVisibleAsync());

    [Theory]
    [MemberData(nameof(Sizes))]
    public Task The_home_page_signed_in_has_no_violations(int width, int height) =>
        CheckAsync(SeedData.DemoPeople.Requester, "/", width, height, async page =>
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync());

    [Theory]
    [MemberData(nameof(Sizes))]
    public Task The_new_case_form_has_no_violations(int width, int height) =>
        CheckAsync(SeedData.DemoPeople.Requester, "/casos/nuevo", width, height, async page =>
            await Expect(page.GetByRole(AriaRole.Tree, new() { Name = "Categorías de servicio" })).ToBeVisibleAsync());

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task The_new_case_form_with_similar_cases_and_a_chosen_file_has_no_violations(int width, int height)
    {
        await FileSampleCaseAsync();
        await CheckAsync(SeedData.DemoPeople.Requester, "/casos/nuevo", width, height, async page =>
        {
            await page.GetByLabel("Asunto").FillAsync("No puedo entrar al correo institucional");
            await Expect(page.Locator(".similar-cases li").First).ToBeVisibleAsync();
            await page.Locator("input[type='file']").SetInputFilesAsync(WriteSamplePdf("acta.pdf"));
            await Expect(page.Locator("[aria-label='Archivos para adjuntar']")).ToContainTextAsync("acta.pdf");
        }, "casos-nuevo-sugerencias");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task The_knowledge_base_and_an_article_have_no_violations(int width, int height)
    {
        var id = await KnowledgeSeed.PublishAsync(portal, "Impresora sin conexión a la red (" + width + ")",
            "## Pasos\n\n1. Revise el cable de red.\n2. Reinicie la impresora.\n\nVea la [guía](https://intranet.entidad.gov.co/guias).");
        await CheckAsync(SeedData.DemoPeople.Requester, "/conocimiento?q=impresoras", width, height, async page =>
            await Expect(page.GetByTestId("articulos")).ToBeVisibleAsync(), "conocimiento");
        await CheckAsync(SeedData.DemoPeople.Requester, "/conocimiento/" + id, width, height, async page =>
            await Expect(page.GetByTestId("contenido-articulo")).ToBeVisibleAsync(), "conocimiento-articulo");
        await CheckAsync(SeedData.DemoPeople.Coordinator, "/conocimiento/" + id, width, height, async page =>
            await Expect(page.GetByTestId("historial-articulo")).ToBeVisibleAsync(), "conocimiento-articulo-personal");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task The_new_article_form_and_the_edit_form_have_no_violations(int width, int height)
    {
        var id = await KnowledgeSeed.PublishAsync(portal, "Escáner a correo (" + width + ")", "Elija **Escanear a correo**.");
        await CheckAsync(SeedData.DemoPeople.Coordinator, "/conocimiento/nuevo", width, height, async page =>
            await Expect(page.GetByLabel("Contenido (Markdown)")).ToBeVisibleAsync(), "conocimiento-nuevo");
        await CheckAsync(SeedData.DemoPeople.Coordinator, "/conocimiento/" + id, width, height, async page =>
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Editar" }).ClickAsync();
            await Expect(page.GetByLabel("Título")).ToHaveValueAsync("Escáner a correo (" + width + ")");
        }, "conocimiento-editar");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task The_new_case_form_with_an_article_suggested_and_open_has_no_violations(int width, int height)
    {
        await KnowledgeSeed.PublishAsync(portal, "Tóner agotado en la fotocopiadora (" + width + ")", "Cambie el **tóner** siguiendo la guía.");
        await CheckAsync(SeedData.DemoPeople.Requester, "/casos/nuevo", width, height, async page =>
        {
            await page.GetByLabel("Asunto").FillAsync("La fotocopiadora dice tóner agotado");
            var toggle = page.GetByTestId("articulos-sugeridos").GetByRole(AriaRole.Button).First;
            await toggle.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByTestId("articulo-abierto")).ToBeVisibleAsync();
        }, "casos-nuevo-articulo");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public Task The_requesters_case_list_has_no_violations(int width, int height) =>
        CheckAsync(SeedData.DemoPeople.Requester, "/casos", width, height, WaitForTableAsync);

    [Theory]
    [MemberData(nameof(Sizes))]
    public Task The_preferences_have_no_violations(int width, int height) =>
        CheckAsync(SeedData.DemoPeople.Requester, "/preferencias", width, height, async page =>
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync());

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task The_not_found_and_access_denied_pages_have_no_violations(int width, int height)
    {
        // One after the other: both use the requester's context.
        await CheckAsync(SeedData.DemoPeople.Requester, "/no-encontrado", width, height, async page =>
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync());
        await CheckAsync(SeedData.DemoPeople.Requester, "/acceso-denegado", width, height, async page =>
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync());
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public Task The_staff_case_list_has_no_violations(int width, int height) =>
        CheckAsync(SeedData.DemoPeople.Coordinator, "/casos", width, height, WaitForTableAsync);

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task A_case_page_has_no_violations_for_the_requester_nor_the_coordinator(int width, int height)
    {
        var number = await FileSampleCaseAsync();
        // As the requester lands on it right after filing: with the confirmation of what happens next.
        await CheckAsync(SeedData.DemoPeople.Requester, "/casos/" + number + "?registrado=1", width, height, async page =>
        {
            await WaitForCaseAsync(page, number);
            await Expect(page.GetByTestId("caso-registrado")).ToBeVisibleAsync();
        });
        await CheckAsync(SeedData.DemoPeople.Coordinator, "/casos/" + number, width, height, async page =>
        {
            await WaitForCaseAsync(page, number);
            await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Acciones sobre el caso" })).ToBeVisibleAsync();
        });
    }

    /// <summary>
    /// The case page's "Visitas" section and its dialogs (plan, reschedule, cancel, record done), open, as the coordinator
    /// meets them, at both sizes in one session.
    /// </summary>
    [Fact]
    public async Task The_site_visit_section_and_its_dialogs_have_no_violations_at_either_size()
    {
        var number = await FileSampleCaseAsync();
        await using var session = await browser.NewSessionAsync(portal, "visitas");
        var page = session.Page;
        await SignInAsync(session, SeedData.DemoPeople.Coordinator, "/casos/" + number);
        await WaitForCaseAsync(page, number);
        var section = page.Locator("[data-testid=visitas]");
        var calendar = Core.Calendar.BusinessCalendar.ColombiaDefault();
        var day = DateOnly.FromDateTime(calendar.ToLocal(DateTimeOffset.UtcNow).DateTime).AddDays(1);
        while (!calendar.IsBusinessDay(day))
        {
            day = day.AddDays(1);
        }

        async Task CheckDialogAsync(string opener, string what, int width, int height, bool close = true)
        {
            await section.Locator(opener).First.ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog).ToBeVisibleAsync();
            await Expect(dialog.Locator("textarea, input").First).ToBeVisibleAsync();
            await AxeCheck.AssertCleanAsync(page, $"the «{what}» dialog at {width}×{height}", output);
            if (close)
            {
                await page.Keyboard.PressAsync("Escape");
                await Expect(dialog).ToHaveCountAsync(0);
            }
        }

        await CheckDialogAsync("[data-testid=programar-visita]", "Programar visita", 1366, 768, close: false);
        var plan = page.GetByRole(AriaRole.Dialog);
        await plan.Locator("#visita-fecha").FillAsync(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await plan.Locator("#visita-hora").FillAsync("10:00");
        await plan.Locator("#visita-proposito").FillAsync("Revisar el equipo.");
        await plan.Locator("[data-testid=visita-programar]").ClickAsync();
        await Expect(section.Locator("[data-testid=visita]")).ToHaveCountAsync(1);
        foreach (var (w, h) in new[] { (1366, 768), (390, 844) })
        {
            await page.SetViewportSizeAsync(w, h);
            await section.ScrollIntoViewIfNeededAsync();
            await AxeCheck.AssertCleanAsync(page, $"the case page with a planned visit at {w}×{h}", output);
            if (w < 600)
            {
                await CheckDialogAsync("[data-testid=programar-visita]", "Programar visita", w, h);
            }

            await CheckDialogAsync("[data-testid=visita-reprogramar-abrir]", "Reprogramar", w, h);
            await CheckDialogAsync("[data-testid=visita-cancelar]", "Cancelar visita", w, h);
            await CheckDialogAsync("[data-testid=visita-realizada]", "Registrar realizada", w, h);
        }

        session.OutsideRequests.Should().BeEmpty();
    }

    /// <summary>
    /// Every dialog of the case actions, open, as the coordinator meets them (she may do every action), at both sizes in
    /// one session (one case filed: the suite's time matters).
    /// </summary>
    [Fact]
    public async Task The_case_action_dialogs_have_no_violations_at_either_size()
    {
        var number = await FileSampleCaseAsync();
        await using var session = await browser.NewSessionAsync(portal, "dialogos");
        var page = session.Page;
        await SignInAsync(session, SeedData.DemoPeople.Coordinator, "/casos/" + number);
        await WaitForCaseAsync(page, number);
        var actions = page.GetByRole(AriaRole.Group, new() { Name = "Acciones sobre el caso" });
        int width = 0, height = 0;

        async Task CheckDialogAsync(string button)
        {
            await actions.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog).ToBeVisibleAsync();
            await Expect(dialog.Locator("textarea, input").First).ToBeVisibleAsync();
            if (width < 600)
            {
                await ScreenshotAsync(page, $"axe-dialogo-{button.Split(' ')[0].ToLowerInvariant()}-{width}x{height}");
            }

            await AxeCheck.AssertCleanAsync(page, $"the «{button}» dialog at {width}×{height}", output);
            await page.Keyboard.PressAsync("Escape");
            await Expect(dialog).ToHaveCountAsync(0);
        }

        async Task CheckEveryDialogAsync(string[] buttons)
        {
            foreach (var (w, h) in new[] { (1366, 768), (390, 844) })
            {
                (width, height) = (w, h);
                await page.SetViewportSizeAsync(w, h);
                foreach (var button in buttons)
                {
                    await CheckDialogAsync(button);
                }
            }
        }

        await CheckEveryDialogAsync(["Reasignar", "Rechazar", "Escalar"]);
        await actions.GetByRole(AriaRole.Button, new() { Name = "Atender", Exact = true }).ClickAsync();
        await Expect(actions.GetByRole(AriaRole.Button, new() { Name = "Resolver", Exact = true })).ToBeVisibleAsync();
        await CheckEveryDialogAsync(["Resolver", "Pedir información al usuario"]);

        session.OutsideRequests.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task The_board_has_no_violations_full_or_with_empty_columns(int width, int height)
    {
        var number = await FileSampleCaseAsync();
        await CheckAsync(SeedData.DemoPeople.Agent1, "/tablero", width, height, async page =>
        {
            await OpenBoardAsync(page);
            await Expect(Card(page, number)).ToBeAttachedAsync();
        });

        // A level-3 agent's board: most (or all) of its columns are empty.
        await CheckAsync(SeedData.DemoPeople.Level3Agent, "/tablero", width, height, OpenBoardAsync, "tablero-vacio");
    }

    [Theory]
    [InlineData("Categorías", "tabla-categorias", 1366, 768)]
    [InlineData("Grupos", "error-none", 1366, 768)]
    [InlineData("Enrutamiento y líderes", "error-none", 1366, 768)]
    [InlineData("ANS", "tabla-ans", 1366, 768)]
    [InlineData("Horario y días no hábiles", "error-none", 1366, 768)]
    [InlineData("Matriz de prioridad", "matriz-prioridad", 1366, 768)]
    [InlineData("Indicadores", "grupos-indicador-7", 1366, 768)]
    [InlineData("Categorías", "tabla-categorias", 390, 844)]
    [InlineData("Grupos", "error-none", 390, 844)]
    [InlineData("ANS", "tabla-ans", 390, 844)]
    [InlineData("Indicadores", "grupos-indicador-7", 390, 844)]
    public Task Each_tab_of_the_configuration_has_no_violations(string tab, string testId, int width, int height) =>
        CheckAsync(SeedData.DemoPeople.Coordinator, "/configuracion", width, height, async page =>
        {
            var tabButton = page.GetByRole(AriaRole.Tab, new() { Name = tab, Exact = true });
            await tabButton.ClickAsync();
            await Expect(tabButton).ToBeInViewportAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 }).First).ToBeVisibleAsync();
            if (testId != "error-none")
            {
                await Expect(page.GetByTestId(testId)).ToBeVisibleAsync();
            }
        }, "configuracion-" + testId);

    [Theory]
    [MemberData(nameof(Sizes))]
    public Task The_api_keys_have_no_violations(int width, int height) =>
        CheckAsync(SeedData.DemoPeople.Coordinator, "/configuracion/claves-api", width, height, async page =>
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync());

    [Theory]
    [MemberData(nameof(Sizes))]
    public Task The_audit_has_no_violations(int width, int height) =>
        CheckAsync(SeedData.DemoPeople.Coordinator, "/auditoria", width, height, async page =>
            await Expect(page.GetByTestId("tabla-auditoria").Locator("tbody tr").First).ToBeVisibleAsync());

    [Theory]
    [MemberData(nameof(Sizes))]
    public Task The_monthly_report_has_no_violations(int width, int height) =>
        CheckAsync(SeedData.DemoPeople.Coordinator, "/reportes/mensual", width, height, async page =>
            await Expect(page.Locator("#cifras")).ToBeVisibleAsync(new() { Timeout = PageTimeout }));

    /// <summary>
    /// <see cref="AxeCheck"/> runs axe-core in the page itself (decision 0038): on a page with known faults it finds the
    /// same violations, on the same elements, as Deque's own <c>RunAxe</c>, and fails the check.
    /// </summary>
    [Fact]
    public async Task The_axe_check_finds_what_deques_runner_finds_and_fails_on_it()
    {
        await using var session = await browser.NewSessionAsync(portal, "axe-fallas");
        var page = session.Page;
        await page.SetContentAsync(
            """
            <html lang="es"><head><title>Fallas conocidas</title></head><body><main><h1>Fallas conocidas</h1>
            <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
            <p style="color:#bbb;background:#fff">Texto con poco contraste</p>
            <button></button><input type="text"></main></body></html>
            """);

        var ours = await AxeCheck.RunAsync(page);
        var deques = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. AxeCheck.WcagTags] } });

        ours.Violations.Select(v => v.Id).Should().Contain(["image-alt", "color-contrast", "button-name", "label"]);
        ours.Violations.Select(v => (v.Id, Targets: string.Join(" ", v.Nodes.Select(n => n.Target.ToString()))))
            .Should().BeEquivalentTo(deques.Violations.Select(v => (v.Id, Targets: string.Join(" ", v.Nodes.Select(n => n.Target.ToString())))));
        ours.Passes.Select(p => p.Id).Should().BeEquivalentTo(deques.Passes.Select(p => p.Id));
        var check = () => AxeCheck.AssertCleanAsync(page, "a page with known faults");
        (await check.Should().ThrowAsync<Xunit.Sdk.XunitException>()).WithMessage("*image-alt*");
    }

    [Fact]
    public async Task The_category_tree_is_one_tab_stop_walked_with_the_arrow_keys()
    {
        await using var session = await browser.NewSessionAsync(portal, "arbol-teclado");
        await SignInAsync(session, SeedData.DemoPeople.Requester, "/casos/nuevo");
        var page = session.Page;
        var tree = page.GetByRole(AriaRole.Tree, new() { Name = "Categorías de servicio" });
        await Expect(tree).ToBeVisibleAsync();
        await Expect(tree.Locator("[tabindex='0']")).ToHaveCountAsync(1);

        // Tab from the search box enters the tree once, on its first category; Tab again leaves it.
        await page.GetByLabel("Categoría: busque o elija en el árbol").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        var items = tree.Locator("[data-tree-item]");
        var first = tree.Locator("button[role='treeitem']").First;
        await Expect(first).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        (await tree.EvaluateAsync<bool>("t => t.contains(document.activeElement)")).Should().BeFalse("the tree is one Tab stop");

        await page.Keyboard.PressAsync("Shift+Tab");
        await Expect(first).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(tree.Locator("button[role='treeitem']").Nth(1)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(first).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(items.First).ToBeFocusedAsync();
        await Expect(items.First).ToHaveAttributeAsync("role", "treeitem");
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(first).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("End");
        await Expect(items.Last).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Home");
        await Expect(items.First).ToBeFocusedAsync();

        // A letter goes to the next item that starts with it (accents ignored); Enter chooses it.
        var correo = tree.GetByRole(AriaRole.Treeitem, new() { Name = "Correo electrónico institucional", Exact = true });
        for (var i = 0; i < 40 && !await correo.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("c");
        }

        await Expect(correo).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(correo).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(correo).ToHaveAttributeAsync("tabindex", "0");
        await Expect(tree.Locator("[tabindex='0']")).ToHaveCountAsync(1);
        await Expect(page.GetByText("Seleccionada: Correo electrónico institucional")).ToBeVisibleAsync();

        // Typing in the search box filters the tree; the Tab stop stays on something shown.
        await page.GetByLabel("Categoría: busque o elija en el árbol").FillAsync("impresora");
        await Expect(tree.Locator("[tabindex='0']")).ToHaveCountAsync(1);
        await AxeCheck.AssertCleanAsync(page, "/casos/nuevo with the tree walked", output);
    }

    [Fact]
    public async Task A_requester_files_a_case_with_the_keyboard_alone()
    {
        await using var session = await browser.NewSessionAsync(portal, "caso-teclado");
        await SignInAsync(session, SeedData.DemoPeople.Requester, "/casos/nuevo");
        var page = session.Page;
        var subject = "Teclado: no imprime la impresora del piso 3 (" + Guid.NewGuid().ToString("N")[..6] + ")";

        // Only keys from here on: Tab to each field, arrows in the radio group, the tree and the lists.
        await TabToAsync(page, page.GetByRole(AriaRole.Radio, new() { Name = "Incidencia", Exact = false }));
        await page.Keyboard.PressAsync("Space");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Incidencia", Exact = false })).ToBeCheckedAsync();

        var tree = page.GetByRole(AriaRole.Tree, new() { Name = "Categorías de servicio" });
        await TabToAsync(page, tree.Locator("[tabindex='0']"));
        var impresoras = tree.GetByRole(AriaRole.Treeitem, new() { Name = "Impresoras y escáneres", Exact = true });
        for (var i = 0; i < 40 && !await impresoras.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        await page.Keyboard.PressAsync("Enter");
        await Expect(impresoras).ToHaveAttributeAsync("aria-selected", "true");

        await TabToAsync(page, page.GetByLabel("Asunto"));
        await page.Keyboard.TypeAsync(subject);
        await TabToAsync(page, page.GetByLabel("Descripción"));
        await page.Keyboard.TypeAsync("La impresora compartida muestra «sin conexión» desde esta mañana.");

        await ChooseByKeyboardAsync(page, "¿A cuántas personas afecta?", "A mi grupo de trabajo o dependencia");
        await ChooseByKeyboardAsync(page, "¿Qué tan pronto le afecta?", "No puedo trabajar o un trámite está detenido");
        await Expect(page.GetByTestId("prioridad")).ToContainTextAsync("Prioridad resultante");

        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Registrar caso" }));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(CasePageUrl(), new() { Timeout = PageTimeout });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(CaseHeading(), new() { Timeout = PageTimeout });
        await Expect(page.GetByText(subject).First).ToBeVisibleAsync();
    }

    /// <summary>Presses Tab until <paramref name="target"/> has the focus (at most 60 times): it is reachable by keyboard.</summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var i = 0; i < 60; i++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement || e.contains(document.activeElement)"))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        throw new Xunit.Sdk.XunitException($"Tab never reached {target}");
    }

    /// <summary>
    /// A MudSelect by keyboard: Tab to it, Enter opens it, ArrowDown one option at a time — the shown value follows the
    /// highlighted option, and each step waits for it to change — then Escape closes the list on the wanted one.
    /// </summary>
    private static async Task ChooseByKeyboardAsync(IPage page, string label, string option)
    {
        var select = page.GetByLabel(label, new() { Exact = true });
        await TabToAsync(page, select);
        await page.Keyboard.PressAsync("Enter");
        await Expect(select).ToHaveAttributeAsync("aria-expanded", "true");
        for (var i = 0; i < 10; i++)
        {
            var shown = (await select.InnerTextAsync()).Trim();
            if (shown.Contains(option, StringComparison.Ordinal))
            {
                break;
            }

            await page.Keyboard.PressAsync("ArrowDown");
            await Expect(select).Not.ToHaveTextAsync(shown);
        }

        await page.Keyboard.PressAsync("Escape");
        await Expect(select).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(select).ToContainTextAsync(option);
    }

    private static async Task WaitForTableAsync(IPage page) =>
        await Expect(page.Locator("table").First).ToBeVisibleAsync();

    private static async Task WaitForCaseAsync(IPage page, string number) =>
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Caso " + number);

    /// <summary>Files a case as the requester (so pages have something to show) and returns its number.</summary>
    private async Task<string> FileSampleCaseAsync()
    {
        var (session, loaded) = await sessions.OpenAsync(browser, portal, SeedData.DemoPeople.Requester, 1366, 768, "/casos/nuevo");
        if (!loaded)
        {
            await GotoAsync(session.Page, "/casos/nuevo");
        }

        var outsideBefore = session.OutsideRequests.Count;
        var number = await FileCaseAsync(session.Page, new NewCaseInput(
            "No puedo entrar al correo institucional (" + Guid.NewGuid().ToString("N")[..6] + ")",
            "Al abrir el correo aparece «contraseña vencida» y no me deja cambiarla.",
            "correo", "Correo electrónico institucional"));
        session.OutsideRequests.Skip(outsideBefore).Should().BeEmpty("the pages must request nothing outside 127.0.0.1");
        return number;
    }

    private Task CheckAsync(Guid person, string path, int width, int height, Func<IPage, Task> ready, string? name = null) =>
        CheckPageAsync(person, path, width, height, ready, name);

    private Task CheckAnonymousAsync(string path, int width, int height, Func<IPage, Task> ready) =>
        CheckPageAsync(null, path, width, height, ready, null);

    private async Task CheckPageAsync(Guid? person, string path, int width, int height, Func<IPage, Task> ready, string? name)
    {
        name ??= path.Trim('/').Split('?')[0].Replace('/', '-') is { Length: > 0 } n ? n : "inicio";
        name = $"axe-{name}-{(person is null ? "anonimo" : person.Value.ToString()[^2..])}";

        // The person's context, sized for this check, signed in once (straight onto this path the first time); the page is
        // then loaded afresh, as a person opening it would.
        var (session, loaded) = await sessions.OpenAsync(browser, portal, person, width, height, path);
        var outsideBefore = session.OutsideRequests.Count;
        var problemsBefore = session.Problems.Count;
        try
        {
            if (!loaded && person is null)
            {
                await session.Page.GotoAsync(path);
            }
            else if (!loaded)
            {
                await GotoAsync(session.Page, path);
            }

            await ready(session.Page);
            if (width < 600)
            {
                await ScreenshotAsync(session.Page, $"{name}-{width}x{height}");
                (await session.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should()
                    .BeLessThanOrEqualTo(width, "{0} must fit a phone's width: the page itself never scrolls sideways", path);
            }

            await AxeCheck.AssertCleanAsync(session.Page, $"{path} at {width}×{height}", output);
        }
        catch
        {
            // A context left in an unknown state is not lent to the next check.
            await sessions.DiscardAsync(session);
            throw;
        }
        finally
        {
            foreach (var problem in session.Problems.Skip(problemsBefore))
            {
                output.WriteLine(problem);
            }
        }

        session.OutsideRequests.Skip(outsideBefore).Should().BeEmpty("the pages must request nothing outside 127.0.0.1");
    }
}
