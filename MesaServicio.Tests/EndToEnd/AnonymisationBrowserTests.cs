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

/// <summary>The coordinator anonymises a PQRS requester from «Configuración › Privacidad», and her case shows nothing of her.</summary>
[Collection(BrowserSuite.Name)]
[Trait("Pass", "Once")]
public sealed class AnonymisationBrowserTests(PortalProcess portal, BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task The_coordinator_finds_a_requester_anonymises_her_with_a_reason_and_her_case_shows_nothing_of_her()
    {
        await using var session = await browser.NewSessionAsync(portal, "anonimizar");
        var page = session.Page;
        await page.SetViewportSizeAsync(1366, 768);
        await SignInAsync(session, SeedData.DemoPeople.Coordinator, "/configuracion/claves-api");
        await page.GetByLabel("Nombre (el sistema que la usará)").FillAsync("PQRS anonimizar " + Guid.NewGuid().ToString("N")[..6]);
        await page.Locator("#crear-clave").ClickAsync();
        var secretBox = page.GetByLabel("Clave de API");
        await Expect(secretBox).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^mesa_"), new() { Timeout = PageTimeout });
        var key = await secretBox.InputValueAsync();

        var marker = Guid.NewGuid().ToString("N")[..6];
        var name = "Gloria Inés Betancourt " + marker;
        using var http = new HttpClient { BaseAddress = portal.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add(ApiKeySecrets.HeaderName, key);
        using var form = new MultipartFormDataContent();
        foreach (var (field, value) in new Dictionary<string, string>
        {
            ["radicado"] = "2026-ER-" + marker.ToUpperInvariant(),
            ["nombre"] = name,
            ["correo"] = $"gloria.{marker}@correo.com.co",
            ["asunto"] = "Mi número de documento quedó mal escrito " + marker,
            ["descripcion"] = "Mi cédula correcta es otra; corrijan el sistema.",
        })
        {
            form.Add(new StringContent(value, Encoding.UTF8), field);
        }

        using var response = await http.PostAsync(new Uri("/api/v1/pqrs/casos", UriKind.Relative), form);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        using var json = JsonDocument.Parse(body);
        var number = json.RootElement.GetProperty("numero").GetString()!;

        await GotoAsync(page, "/configuracion");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Privacidad" }).ClickAsync();
        await page.Locator("#buscar-persona").FillAsync(marker);
        await page.Locator("#buscar-persona-boton").ClickAsync();
        await page.GetByLabel(new System.Text.RegularExpressions.Regex(name)).CheckAsync();
        await Expect(page.Locator("#anonimizar")).ToBeDisabledAsync();
        await page.Locator("#motivo-anonimizar").FillAsync("Reclamo de supresión de la titular, resuelto a su favor.");
        await page.GetByLabel("Entiendo que la anonimización no se puede deshacer.").CheckAsync();
        await AxeCheck.AssertCleanAsync(page, "the anonymisation form", output);
        await page.Locator("#anonimizar").ClickAsync();
        await Expect(page.GetByTestId("anonimizacion-hecha")).ToContainTextAsync("Listo: 1 caso anonimizado");
        await ScreenshotAsync(page, "anonimizar-1366x768");

        await GotoAsync(page, "/casos/" + number);
        await Expect(page.GetByText("[Datos anonimizados]").First).ToBeVisibleAsync();
        await Expect(page.GetByText("Persona anonimizada", new() { Exact = false }).First).ToBeVisibleAsync();
        (await page.ContentAsync()).Should().NotContain("Betancourt").And.NotContain("quedó mal escrito").And.NotContain("gloria." + marker);
        await page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync(page, "anonimizada-caso-390x844");
        session.OutsideRequests.Should().BeEmpty();
    }
}
