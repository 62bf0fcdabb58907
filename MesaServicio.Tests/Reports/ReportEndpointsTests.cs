using System.Net;
using System.Text;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Reports;
using MesaServicio.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Reports;

public sealed class ReportEndpointsTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private YearMonth ThisMonth =>
        YearMonth.Containing(DateTimeOffset.UtcNow, portal.Services.GetRequiredService<IBusinessCalendarProvider>().Current);

    [Fact]
    public async Task The_coordinator_downloads_the_month_as_PDF()
    {
        await portal.FileCaseAsync(DemoPeople.Requester);
        using var browser = portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, DemoPeople.Coordinator);

        using var response = await browser.GetAsync(new Uri($"/reportes/mensual/{ThisMonth}.pdf", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        var disposition = response.Content.Headers.ContentDisposition!;
        disposition.DispositionType.Should().Be("attachment");
        disposition.FileName.Should().Be($"informe-mensual-{ThisMonth}.pdf");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Encoding.ASCII.GetString(bytes, 0, 5).Should().Be("%PDF-");
    }

    [Fact]
    public async Task The_coordinator_downloads_the_month_as_CSV_with_BOM_and_semicolons()
    {
        var number = await portal.FileCaseAsync(DemoPeople.Requester, "Caso para el CSV del mes");
        using var browser = portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, DemoPeople.Coordinator);

        using var response = await browser.GetAsync(new Uri($"/reportes/mensual/{ThisMonth}.csv", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        response.Content.Headers.ContentDisposition.FileName.Should().Be($"informe-mensual-{ThisMonth}.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).Should().Equal([0xEF, 0xBB, 0xBF]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        text.Should().StartWith("Número;Radicado;Radicado en el mes;Tipo;");
        text.Should().Contain(number + ";").And.Contain("Caso para el CSV del mes");
    }

    [Theory]
    [InlineData("pdf")]
    [InlineData("csv")]
    public async Task An_agent_gets_403(string extension)
    {
        using var browser = portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, DemoPeople.Agent1);

        using var response = await browser.GetAsync(new Uri($"/reportes/mensual/{ThisMonth}.{extension}", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentDisposition.Should().BeNull();
    }

    [Theory]
    [InlineData("pdf")]
    [InlineData("csv")]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string extension)
    {
        using var browser = portal.NewBrowser();

        using var response = await browser.GetAsync(new Uri($"/reportes/mensual/2026-11.{extension}", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.PathAndQuery.Should().StartWith("/ingresar?returnUrl=%2Freportes%2Fmensual%2F2026-11");
    }

    [Fact]
    public async Task An_unknown_month_or_download_token_is_not_found()
    {
        using var browser = portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, DemoPeople.Coordinator);

        using var badMonth = await browser.GetAsync(new Uri("/reportes/mensual/2026-13.pdf", UriKind.Relative));
        badMonth.StatusCode.Should().Be(HttpStatusCode.NotFound);

        using var badToken = await browser.GetAsync(new Uri("/reportes/mensual/descargas/no-existe", UriKind.Relative));
        badToken.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
