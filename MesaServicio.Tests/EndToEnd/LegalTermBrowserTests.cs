using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using MesaServicio.Core.ApiKeys;
using MesaServicio.Core.Persistence;
using MesaServicio.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static MesaServicio.Tests.EndToEnd.PortalPages;
using static Microsoft.Playwright.Assertions;

namespace MesaServicio.Tests.EndToEnd;

/// <summary>
/// A PQRS filed through the intake API (with a key the coordinator makes in the portal) shows its legal term chip on its
/// board card and its case page (issue #16); screenshots at 1366×768 and 390×844 in <c>artifacts/screenshots/issue-16/</c>.
/// </summary>
[Collection(BrowserSuite.Name)]
[Trait("Pass", "Once")]
public sealed class LegalTermBrowserTests(PortalProcess portal, BrowserFixture browser, ITestOutputHelper output)
{
    private static string ScreenshotFolder => RepositoryFiles.ScreenshotFolder(16);

    [Fact]
    public async Task A_PQRS_filed_through_the_API_shows_its_legal_chip_on_its_board_card_and_case_page()
    {
        await using var session = await browser.NewSessionAsync(portal, "coordinacion-termino-legal");
        var page = session.Page;
        await SignInAsync(session, SeedData.DemoPeople.Coordinator, "/configuracion/claves-api");
        await page.GetByLabel("Nombre (el sistema que la usará)").FillAsync("PQRS de prueba " + Guid.NewGuid().ToString("N")[..6]);
        await page.Locator("#crear-clave").ClickAsync();
        var secretBox = page.GetByLabel("Clave de API");
        await Expect(secretBox).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^mesa_"), new() { Timeout = PageTimeout });
        var key = await secretBox.InputValueAsync();

        // Radicada an hour ago, a request for documents: 10 business days.
        var filedAt = DateTimeOffset.UtcNow.AddHours(-1).ToOffset(TimeSpan.FromHours(-5));
        var radicado = "2026-ER-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        using var http = new HttpClient { BaseAddress = portal.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add(ApiKeySecrets.HeaderName, key);
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["radicado"] = radicado,
            ["nombre"] = "Marta Lucía Rojas",
            ["correo"] = $"marta.rojas.{Guid.NewGuid():N}@correo.com.co",
            ["asunto"] = "Solicitud de copia del contrato de soporte",
            ["descripcion"] = "Solicito copia del contrato de soporte de la mesa de servicio.",
            ["categoria"] = "Correo electrónico institucional",
            ["modalidad"] = "documentos",
            ["fechaRadicacion"] = filedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        })
        {
            form.Add(new StringContent(value, Encoding.UTF8), name);
        }

        using var response = await http.PostAsync(new Uri("/api/v1/pqrs/casos", UriKind.Relative), form);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        using var json = JsonDocument.Parse(body);
        var number = json.RootElement.GetProperty("numero").GetString()!;
        var due = json.RootElement.GetProperty("vencimientoLegal").GetDateTimeOffset();
        var dueDay = due.ToString("d MMM", CultureInfo.GetCultureInfo("es-CO")).TrimEnd('.');

        await GotoAsync(page, "/tablero");
        await page.GetByLabel("Buscar por número o asunto").FillAsync(number);
        var chip = page.Locator($"article[data-numero='{number}'] [data-testid=termino-legal]");
        await Expect(chip).ToBeVisibleAsync(new() { Timeout = PageTimeout });
        await Expect(chip).ToContainTextAsync("Término legal: vence " + dueDay);
        (await chip.GetAttributeAsync("title")).Should().Contain("Documentos o información, 10 días hábiles");
        await ShootAsync(page, $"article[data-numero='{number}']", "tablero-tarjeta");

        await GotoAsync(page, "/casos/" + number);
        var header = page.Locator(".case-header [data-testid=termino-legal]");
        await Expect(header).ToBeVisibleAsync(new() { Timeout = PageTimeout });
        await Expect(header).ToContainTextAsync("Término legal: vence " + dueDay);
        await ShootAsync(page, ".case-header", "caso-encabezado");

        foreach (var problem in session.Problems)
        {
            output.WriteLine(problem);
        }
    }

    private static async Task ShootAsync(IPage page, string selector, string name)
    {
        foreach (var (width, height) in new[] { (1366, 768), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            await Expect(page.Locator(selector)).ToBeVisibleAsync(new() { Timeout = PageTimeout });
            await page.WaitForTimeoutAsync(400);
            await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, $"{name}-{width}.png") });
            File.Exists(Path.Combine(ScreenshotFolder, $"{name}-{width}.png")).Should().BeTrue();
        }
    }
}
