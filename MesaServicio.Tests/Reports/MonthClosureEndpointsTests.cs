using System.Net;
using System.Security.Cryptography;
using System.Text;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.People;
using MesaServicio.Core.Reports;
using MesaServicio.Core.Reports.Closing;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Endpoints;
using Microsoft.Extensions.DependencyInjection;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Reports;

/// <summary>The stored files of a closed month over HTTP: every version's exact bytes, with their SHA-256.</summary>
public sealed class MonthClosureEndpointsTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    /// <summary>Two months back: ended and past its closing day whatever today is.</summary>
    private YearMonth Month =>
        YearMonth.Containing(DateTimeOffset.UtcNow, portal.Services.GetRequiredService<IBusinessCalendarProvider>().Current).AddMonths(-2);

    [Fact]
    public async Task Both_versions_of_a_reclosed_month_are_downloadable_with_their_SHA256()
    {
        var month = Month;
        (await portal.Services.GetRequiredService<FreezeMonth>().CloseAsync(month, default)).Should().NotBeNull();
        var reclosed = await portal.Services.GetRequiredService<RecloseMonth>().HandleAsync(
            month, "Se corrigieron casos mal clasificados.", CurrentUser.Person(DemoPeople.Coordinator, PersonRoles.Coordinator), default);
        reclosed.Version.Should().Be(2);
        using var browser = portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, DemoPeople.Coordinator);

        var hashes = new List<string>();
        foreach (var version in new[] { 1, 2 })
        {
            using var pdf = await browser.GetAsync(new Uri(MonthClosureEndpoints.PdfPath(month, version), UriKind.Relative));
            pdf.StatusCode.Should().Be(HttpStatusCode.OK);
            pdf.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
            pdf.Content.Headers.ContentDisposition!.FileName.Should().Be($"informe-mensual-{month}-v{version}.pdf");
            var bytes = await pdf.Content.ReadAsByteArrayAsync();
            Encoding.ASCII.GetString(bytes, 0, 5).Should().Be("%PDF-");
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            pdf.Headers.GetValues(MonthClosureEndpoints.Sha256Header).Should().Equal(hash);
            pdf.Headers.GetValues("Repr-Digest").Should().Equal("sha-256=:" + Convert.ToBase64String(SHA256.HashData(bytes)) + ":");
            hashes.Add(hash);

            using var csv = await browser.GetAsync(new Uri(MonthClosureEndpoints.CsvPath(month, version), UriKind.Relative));
            csv.StatusCode.Should().Be(HttpStatusCode.OK);
            csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
            var csvBytes = await csv.Content.ReadAsByteArrayAsync();
            csv.Headers.GetValues(MonthClosureEndpoints.Sha256Header).Should().Equal(Convert.ToHexStringLower(SHA256.HashData(csvBytes)));
            Encoding.UTF8.GetString(csvBytes).Should().StartWith("\uFEFFNúmero;");
        }

        hashes[1].Should().Be(reclosed.PdfSha256);
        hashes[0].Should().NotBe(hashes[1], "each version keeps its own file");

        using var missing = await browser.GetAsync(new Uri(MonthClosureEndpoints.PdfPath(month, 3), UriKind.Relative));
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);

        using var agent = portal.NewBrowser();
        await PortalFactory.SignInAsync(agent, DemoPeople.Agent1);
        using var refused = await agent.GetAsync(new Uri(MonthClosureEndpoints.PdfPath(month, 1), UriKind.Relative));
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        refused.Headers.Contains(MonthClosureEndpoints.Sha256Header).Should().BeFalse();

        using var anonymous = portal.NewBrowser();
        using var signIn = await anonymous.GetAsync(new Uri(MonthClosureEndpoints.CsvPath(month, 1), UriKind.Relative));
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
    }
}
