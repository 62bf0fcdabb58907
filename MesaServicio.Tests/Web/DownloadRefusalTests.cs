using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Reports;
using MesaServicio.Web.Endpoints;
using MesaServicio.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Web;

/// <summary>
/// Every download family answers a refusal through the one mapping (<see cref="Downloads"/>): a browser gets the portal's
/// Spanish status page with the status, a client that asks for JSON gets the same status as problem details.
/// </summary>
public sealed class DownloadRefusalTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string StatusPage = "No encontramos lo que busca";

    [Fact]
    public async Task A_case_attachment_with_an_unknown_id_or_of_a_case_out_of_reach_is_not_found()
    {
        var number = await portal.FileCaseAsync(DemoPeople.Requester);
        var path = AttachmentEndpoints.DownloadPath(number, Guid.NewGuid());

        await RefusedAsync(DemoPeople.Requester, path, HttpStatusCode.NotFound);
        await RefusedAsync(DemoPeople.Requester2, path, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_problem_attachment_of_an_unknown_problem_is_not_found()
    {
        await RefusedAsync(DemoPeople.Coordinator, ProblemAttachmentEndpoints.DownloadPath("PR-2099-999999", Guid.NewGuid()), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_case_file_of_an_unknown_case_or_of_a_case_out_of_reach_is_not_found()
    {
        var number = await portal.FileCaseAsync(DemoPeople.Requester);

        await RefusedAsync(DemoPeople.Requester, CaseFileEndpoints.PdfPath("MS-2099-999999"), HttpStatusCode.NotFound);
        await RefusedAsync(DemoPeople.Requester2, CaseFileEndpoints.PdfPath(number), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_monthly_report_is_forbidden_to_an_agent_and_an_unknown_month_or_token_is_not_found()
    {
        var month = YearMonth.Containing(DateTimeOffset.UtcNow, portal.Services.GetRequiredService<IBusinessCalendarProvider>().Current);

        await RefusedAsync(DemoPeople.Agent1, ReportEndpoints.PdfPath(month), HttpStatusCode.Forbidden);
        await RefusedAsync(DemoPeople.Agent1, ReportEndpoints.CsvPath(month), HttpStatusCode.Forbidden);
        await RefusedAsync(DemoPeople.Coordinator, "/reportes/mensual/2026-13.pdf", HttpStatusCode.NotFound);
        await RefusedAsync(DemoPeople.Coordinator, ReportEndpoints.TokenPath("no-existe"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_closed_months_file_is_forbidden_to_an_agent_and_an_unknown_version_is_not_found()
    {
        var month = new YearMonth(2020, 1);

        await RefusedAsync(DemoPeople.Agent1, MonthClosureEndpoints.PdfPath(month, 1), HttpStatusCode.Forbidden);
        await RefusedAsync(DemoPeople.Coordinator, MonthClosureEndpoints.CsvPath(month, 9), HttpStatusCode.NotFound);
    }

    /// <summary>The same refusal twice: as a browser's navigation (the status page) and as a JSON client's call (problem details).</summary>
    private async Task RefusedAsync(Guid person, string path, HttpStatusCode status)
    {
        using var browser = portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, person);

        using var page = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        page.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        using var pageResponse = await browser.SendAsync(page);
        pageResponse.StatusCode.Should().Be(status, path);
        pageResponse.Content.Headers.ContentType!.MediaType.Should().Be("text/html", path);
        pageResponse.Content.Headers.ContentDisposition.Should().BeNull(path);
        (await pageResponse.Content.ReadAsStringAsync()).Should().Contain(StatusPage, path);

        using var call = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        call.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var callResponse = await browser.SendAsync(call);
        callResponse.StatusCode.Should().Be(status, path);
        callResponse.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json", path);
        using var problem = JsonDocument.Parse(await callResponse.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("status").GetInt32().Should().Be((int)status, path);
        problem.RootElement.GetProperty("title").GetString().Should().Be(status == HttpStatusCode.NotFound ? "No encontrado" : "Sin permiso", path);
    }
}
