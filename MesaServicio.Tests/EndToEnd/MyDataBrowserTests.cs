using System.Text.Json;
using MesaServicio.Core.Persistence;
using MesaServicio.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static MesaServicio.Tests.EndToEnd.PortalPages;
using static Microsoft.Playwright.Assertions;

namespace MesaServicio.Tests.EndToEnd;

/// <summary>«Mis datos» in the browser: a requester reads what the desk holds, downloads it, and files a consulta that gets its legal term.</summary>
[Collection(BrowserSuite.Name)]
[Trait("Pass", "Once")]
public sealed class MyDataBrowserTests(PortalProcess portal, BrowserFixture browser, ITestOutputHelper output)
{
    [Theory]
    [InlineData(1366, 768)]
    [InlineData(390, 844)]
    public async Task A_requester_sees_and_downloads_her_data_and_files_a_consulta_with_its_legal_term(int width, int height)
    {
        await using var session = await browser.NewSessionAsync(portal, $"mis-datos-{width}");
        var page = session.Page;
        await page.SetViewportSizeAsync(width, height);
        await SignInAsync(session, SeedData.DemoPeople.Requester2, "/mis-datos");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mis datos");
        await Expect(page.GetByText("Aceptó la versión")).ToBeVisibleAsync();
        await AxeCheck.AssertCleanAsync(page, $"/mis-datos at {width}×{height}", output);

        var json = await page.Context.APIRequest.GetAsync("/mis-datos/mis-datos.json");
        json.Status.Should().Be(200);
        using (var document = JsonDocument.Parse(await json.TextAsync()))
        {
            document.RootElement.GetProperty("persona").GetProperty("nombre").GetString().Should().NotBeNullOrEmpty();
            document.RootElement.GetProperty("avisosDePrivacidadAceptados").GetArrayLength().Should().BeGreaterThan(0);
        }

        var pdf = await page.Context.APIRequest.GetAsync("/mis-datos/mis-datos.pdf");
        pdf.Status.Should().Be(200);
        pdf.Headers["content-type"].Should().Be("application/pdf");

        await page.Locator("#enviar-solicitud").ClickAsync();
        await Expect(page.GetByText("Escriba su solicitud: qué datos y qué quiere que la entidad haga con ellos.")).ToBeVisibleAsync();

        await page.GetByLabel("Consulta: qué datos tienen y cómo los usan (10 días hábiles)").CheckAsync();
        await page.Locator("#detalle-solicitud").FillAsync("Quiero saber qué datos míos tiene la mesa de servicio y para qué los usa.");
        await page.Locator("#enviar-solicitud").ClickAsync();
        var filed = page.GetByTestId("solicitud-registrada");
        await Expect(filed).ToContainTextAsync("Su solicitud quedó registrada como el caso MS-");
        await Expect(filed).ToContainTextAsync("(10 días hábiles)");
        await ScreenshotAsync(page, $"mis-datos-{width}x{height}");
        if (width < 600)
        {
            (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(width);
        }

        await AxeCheck.AssertCleanAsync(page, $"/mis-datos after filing at {width}×{height}", output);

        await filed.GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/casos/MS-", StringComparison.Ordinal));
        await Expect(page.GetByText("Protección de datos personales: consulta de mis datos").First).ToBeVisibleAsync();
        await Expect(page.GetByText("Término legal", new() { Exact = false }).First).ToBeVisibleAsync();
        await ScreenshotAsync(page, $"mis-datos-caso-{width}x{height}");
        session.OutsideRequests.Should().BeEmpty();
    }
}
