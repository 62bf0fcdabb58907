using MesaServicio.Core.Persistence;
using MesaServicio.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static MesaServicio.Tests.EndToEnd.PortalPages;
using static Microsoft.Playwright.Assertions;

namespace MesaServicio.Tests.EndToEnd;

/// <summary>
/// The knowledge base as a requester meets it: typing a subject on /casos/nuevo offers a published public article; she
/// opens it in place, marks "Esto resolvió mi necesidad", is told nothing was filed, and the case avoided is counted.
/// Screenshots of /conocimiento, an article and the suggestion at 1366×768 and 390×844 (artifacts/e2e/conocimiento-*).
/// </summary>
[Collection(BrowserSuite.Name)]
[Trait("Pass", "Once")]
public sealed class KnowledgeBrowserTests(PortalProcess portal, BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task A_requester_is_offered_an_article_opens_it_marks_it_useful_files_nothing_and_it_is_counted()
    {
        var tag = Guid.NewGuid().ToString("N")[..5];
        var id = await KnowledgeSeed.PublishAsync(portal, $"Cómo quitar un atasco de papel de la impresora ({tag})", """
            Si la impresora muestra **«Atasco de papel»**:

            1. Apague la impresora y abra la tapa frontal.
            2. Retire con cuidado las hojas atascadas, sin romperlas.
            3. Cierre la tapa y enciéndala de nuevo.

            Más ayuda en la [guía de impresoras](https://intranet.entidad.gov.co/guias/impresoras-y-escaneres-de-todas-las-sedes-de-la-entidad).
            """);
        await using var session = await browser.NewSessionAsync(portal, "conocimiento");
        var page = session.Page;
        await page.SetViewportSizeAsync(1366, 768);
        await SignInAsync(session, SeedData.DemoPeople.Requester, "/casos/nuevo");

        var subject = $"Las impresoras tienen atasco de papel {tag}";
        await page.GetByLabel("Asunto").FillAsync(subject);
        var suggestions = page.GetByTestId("articulos-sugeridos");
        await Expect(suggestions).ToContainTextAsync($"Cómo quitar un atasco de papel de la impresora ({tag})", new() { Timeout = PageTimeout });
        await ScreenshotAsync(page, "conocimiento-sugerencia-1366x768");
        await page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(page, "conocimiento-sugerencia-390x844");
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(390);

        // Opened in place, by keyboard: the toggle is a button.
        var toggle = suggestions.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex(tag) });
        await toggle.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(page.GetByTestId("articulo-abierto")).ToContainTextAsync("Retire con cuidado las hojas atascadas");
        await ScreenshotAsync(page, "conocimiento-sugerencia-abierta-390x844");
        await AxeCheck.AssertCleanAsync(page, "/casos/nuevo with an article open", output);

        // Tapped, as on a phone: the button sits at the bottom of the scrolled page, where MudBlazor's ripple used to
        // make the page jump between the press and the release, so the tap was lost.
        var useful = page.GetByRole(AriaRole.Button, new() { Name = "Esto resolvió mi necesidad" });
        await useful.ClickAsync();
        var confirmation = page.GetByTestId("necesidad-resuelta");
        await Expect(confirmation).ToContainTextAsync("No se registró ningún caso", new() { Timeout = PageTimeout });
        await Expect(confirmation).ToContainTextAsync("puede registrar el caso cuando quiera");
        await ScreenshotAsync(page, "conocimiento-resuelto-390x844");

        (await KnowledgeSeed.CasesAvoidedAsync(portal, id)).Should().Equal(SeedData.DemoPeople.Requester);
        (await KnowledgeSeed.CasesWithSubjectAsync(portal, subject)).Should().Be(0, "nothing was filed");

        // "Registrar el caso de todos modos" brings the form back as it was typed.
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrar el caso de todos modos" }).ClickAsync();
        await Expect(page.GetByLabel("Asunto")).ToHaveValueAsync(subject);

        // The knowledge base and the article, at both sizes.
        await GotoAsync(page, "/conocimiento?q=impresoras");
        await Expect(page.GetByTestId("articulos")).ToContainTextAsync(tag);
        await ScreenshotAsync(page, "conocimiento-lista-390x844");
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(390);
        await page.SetViewportSizeAsync(1366, 768);
        await ScreenshotAsync(page, "conocimiento-lista-1366x768");
        await GotoAsync(page, $"/conocimiento/{id}");
        await Expect(page.GetByTestId("contenido-articulo")).ToContainTextAsync("Apague la impresora");
        await ScreenshotAsync(page, "conocimiento-articulo-1366x768");
        await page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(page, "conocimiento-articulo-390x844");
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(390);
        session.OutsideRequests.Should().BeEmpty();
    }

    [Fact]
    public async Task The_coordinator_reads_an_articles_history_and_publishes_a_draft_written_from_the_form()
    {
        await using var session = await browser.NewSessionAsync(portal, "conocimiento-coordinador");
        var page = session.Page;
        await page.SetViewportSizeAsync(1366, 768);
        await SignInAsync(session, SeedData.DemoPeople.Coordinator, "/conocimiento/nuevo");
        await page.GetByLabel("Título").FillAsync("Escáner: guardar en la carpeta compartida");
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar borrador" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Escriba el contenido del artículo.", new() { Timeout = PageTimeout });
        await Expect(page.GetByLabel("Título")).ToHaveValueAsync("Escáner: guardar en la carpeta compartida");
        await ChooseAsync(page, "Categoría de servicio", "Impresoras y escáneres");
        await page.GetByLabel("Contenido (Markdown)").FillAsync("Elija **Escanear a carpeta** <script>alert(1)</script> y [siga](javascript:alert(1)).");
        await page.GetByRole(AriaRole.Button, new() { Name = "Guardar borrador" }).ClickAsync();
        await Expect(page.GetByTestId("estado-articulo")).ToHaveTextAsync("Borrador", new() { Timeout = PageTimeout });
        var body = page.GetByTestId("contenido-articulo");
        await Expect(body).ToContainTextAsync("<script>alert(1)</script>");
        (await body.Locator("script").CountAsync()).Should().Be(0);
        (await body.Locator("a").CountAsync()).Should().Be(0, "a javascript: link is shown as text");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publicar" }).ClickAsync();
        await Expect(page.GetByTestId("estado-articulo")).ToHaveTextAsync("Publicado", new() { Timeout = PageTimeout });
        await Expect(page.GetByTestId("historial-articulo")).ToContainTextAsync("Publicó el artículo");
        await AxeCheck.AssertCleanAsync(page, "/conocimiento/{id} as the coordinator", output);
        await ScreenshotAsync(page, "conocimiento-articulo-coordinador-1366x768");
        await page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(page, "conocimiento-articulo-coordinador-390x844");
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(390);
    }
}
