using System.Globalization;
using Bunit;
using MesaServicio.Core.Catalog;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.People;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Reports;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Components.Reports;
using MesaServicio.Web.Endpoints;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Reports;

/// <summary>
/// The monthly report screen on a small month made with the use cases: three cases filed on Monday 2 March
/// 2026 (two in one category, one in another), one of them attended and resolved; the screen is read on Monday 6
/// April, so its default (the current month, partial) is April and March is asked for with <c>?mes=2026-03</c>.
/// </summary>
public sealed class ReportScreenTests : ComponentTestContext
{
    private static readonly YearMonth March = new(2026, 3);
    private static readonly CurrentUser Coordinator = CurrentUser.Person(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);
    private static readonly CurrentUser Agent = CurrentUser.Person(DemoPeople.Agent1, PersonRoles.Agent);

    private string[] _numbers = [];
    private int _printers;
    private int _other;

    public ReportScreenTests()
    {
        SignInAs(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);
        Services.AddDistributedMemoryCache().AddMesaReportDownloads();
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var tree = await Get<CategoryTree>().GetAsync(default);
        _printers = tree[0].Children[0].Id;
        _other = tree[0].Children[1].Id;

        var first = await FileAsync(_printers, "Impresora sin tóner");
        Time.Advance(TimeSpan.FromMinutes(10));
        var second = await FileAsync(_printers, "Impresora atascada");
        Time.Advance(TimeSpan.FromMinutes(10));
        var third = await FileAsync(_other, "Otro asunto");
        _numbers = [first, second, third];

        var assignee = (await LoadAsync(first)).AssigneeId ?? throw new InvalidOperationException("Routing assigned nobody.");
        var technician = CurrentUser.Person(assignee, PersonRoles.Agent);
        Time.Advance(TimeSpan.FromMinutes(10));
        await Get<AttendCase>().HandleAsync(new AttendCaseCommand(first, null), technician, default);
        Time.Advance(TimeSpan.FromMinutes(30));
        await Get<ResolveCase>().HandleAsync(new ResolveCaseCommand(first, null, "Se cambió el tóner."), technician, default);

        Time.SetUtcNow(new DateTimeOffset(2026, 4, 6, 9, 0, 0, TimeSpan.FromHours(-5)));
    }

    [Fact]
    public void The_screen_opens_on_the_current_month_with_partial_figures_and_says_when_it_is_empty()
    {
        var cut = Render<MonthlyReportPage>();
        cut.WaitForElement("[data-figure='filed']", TimeSpan.FromSeconds(10));

        cut.Find("h1").TextContent.Should().Contain("Abril de 2026");
        cut.Find("#alcance").TextContent.Should().Contain("cifras parciales, al lunes 6 de abril de 2026");
        cut.Find("#mes-vacio").TextContent.Should().Contain("En abril de 2026 no se radicó ni se atendió ningún caso");
        Figure(cut, "filed").Should().Be("0");
        Figure(cut, "indicator7").Should().Be("—");
    }

    [Fact]
    public async Task The_screen_shows_the_headline_figures_of_the_month_asked_for()
    {
        var expected = await Get<ComputeMonthlyReport>().HandleAsync(March, Coordinator, null, default);

        var cut = RenderMarch();
        cut.WaitForElement("[data-figure='filed']", TimeSpan.FromSeconds(10));

        cut.Find("h1").TextContent.Should().Contain("Marzo de 2026");
        Figure(cut, "filed").Should().Be("3");
        Figure(cut, "resolved").Should().Be("1");
        Figure(cut, "rejected").Should().Be("0");
        Figure(cut, "open").Should().Be(ReportFormat.Count(expected.Totals.Open));
        expected.Totals.Open.Should().Be(2);
        Figure(cut, "indicator7").Should().Be(ReportFormat.Percent(expected.Indicator7.Percent));
        Figure(cut, "indicator7-all").Should().Be(ReportFormat.Percent(expected.Indicator7AllLevels.Percent));
        Figure(cut, "attention").Should().Be(ReportFormat.Percent(expected.AttentionCompliance.Percent));
        expected.AttentionCompliance.Should().Be(new IndicatorValue(3, 1, 0),
            "the first case was attended 30 minutes after filing; the other two were never attended and their 4 hours passed in March");
        Figure(cut, "satisfied").Should().Be(ReportFormat.Percent(expected.Scores.SatisfiedPercent));
        Figure(cut, "response").Should().Be(ReportFormat.Percent(expected.Scores.ResponseRate));
        cut.Find("[data-compliance='atencion']").TextContent.Should().Contain("33,3 %");
        cut.Find("#formula").TextContent.Should().NotBeNullOrWhiteSpace();
        cut.FindAll("#mes-vacio").Should().BeEmpty();
        cut.Find("#descargar-csv").GetAttribute("href").Should().Be("/reportes/mensual/2026-03.csv");
        var chart = cut.Find("[data-chart='volumenes'] svg");
        chart.GetAttribute("aria-label").Should().Contain("mar 2026: Radicados 3, Resueltos (de los radicados) 1");
        chart.QuerySelectorAll("text.axis-title").Select(t => t.TextContent).Should().Contain(["Casos", "Mes"]);
    }

    [Fact]
    public async Task A_category_figure_opens_the_list_of_its_cases()
    {
        var cut = RenderMarch();
        var button = cut.WaitForElement($"[data-drill='Category:{_printers.ToString(CultureInfo.InvariantCulture)}']", TimeSpan.FromSeconds(10));
        button.TextContent.Trim().Should().Be("2");

        await button.ClickAsync(new());

        cut.WaitForAssertion(() => DrilledNumbers(cut).Should().Equal(_numbers[0], _numbers[1]));
        cut.Find("#detalle-casos a.drill-case").GetAttribute("href").Should().Be($"/casos/{_numbers[0]}");
        cut.Find("#detalle-casos").TextContent.Should().Contain("Impresora sin tóner").And.Contain("Impresora atascada").And.NotContain("Otro asunto");
    }

    [Fact]
    public async Task Priority_and_technician_figures_open_their_cases()
    {
        var report = await Get<ComputeMonthlyReport>().HandleAsync(March, Coordinator, null, default);
        var technicianOfFirst = (await LoadAsync(_numbers[0])).AssigneeId!.Value.ToString();
        var expectedForTechnician = new List<string>();
        var expectedByPriority = new Dictionary<string, List<string>>();
        foreach (var number in _numbers)
        {
            var c = await LoadAsync(number);
            if (c.AssigneeId?.ToString() == technicianOfFirst)
            {
                expectedForTechnician.Add(number);
            }

            expectedByPriority.TryAdd(c.Priority.ToString(), []);
            expectedByPriority[c.Priority.ToString()].Add(number);
        }

        var cut = RenderMarch();
        cut.WaitForElement("[data-figure='filed']", TimeSpan.FromSeconds(10));

        await cut.Find($"[data-drill='Technician:{technicianOfFirst}']").ClickAsync(new());
        cut.WaitForAssertion(() => DrilledNumbers(cut).Should().Equal(expectedForTechnician));

        var priority = report.VolumesBy(ReportDimension.Priority).Rows[0].Key;
        await cut.Find($"[data-drill='Priority:{priority}']").ClickAsync(new());
        cut.WaitForAssertion(() => DrilledNumbers(cut).Should().Equal(expectedByPriority[priority]));
    }

    [Fact]
    public async Task The_drill_down_query_filters_by_month_dimension_and_key()
    {
        var list = ActivatorUtilities.CreateInstance<ListReportCases>(Services);
        var printers = await list.HandleAsync(March, ReportDimension.Category, _printers.ToString(CultureInfo.InvariantCulture), Coordinator, default);
        printers.Rows.Select(r => r.Number).Should().Equal(_numbers[0], _numbers[1]);
        printers.Total.Should().Be(2);

        var group = await list.HandleAsync(March, ReportDimension.CategoryGroup, (await LoadAsync(_numbers[0])).CategoryId.ToString(CultureInfo.InvariantCulture),
            Coordinator, default);
        group.Rows.Should().BeEmpty("a sub-category's id is not a group's key");

        var february = await list.HandleAsync(March.AddMonths(-1), ReportDimension.Category, _printers.ToString(CultureInfo.InvariantCulture), Coordinator, default);
        february.Total.Should().Be(0);
    }

    [Fact]
    public async Task The_PDF_is_rendered_on_screen_with_progress_and_handed_over_once()
    {
        var cut = RenderMarch();
        cut.WaitForElement("[data-figure='filed']", TimeSpan.FromSeconds(10));

        await cut.Find("#descargar-pdf").ClickAsync(new());

        var link = cut.WaitForElement("#guardar-pdf", TimeSpan.FromSeconds(30));
        var href = link.GetAttribute("href")!;
        href.Should().StartWith("/reportes/mensual/descargas/");
        var token = Uri.UnescapeDataString(href["/reportes/mensual/descargas/".Length..]);

        var downloads = Get<ReportDownloads>();
        (await downloads.TakeAsync(token, DemoPeople.Agent1, default)).Should().BeNull("only its owner may take it");
        var file = await downloads.TakeAsync(token, DemoPeople.Coordinator, default);
        file.Should().NotBeNull();
        file!.FileName.Should().Be("informe-mensual-2026-03.pdf");
        System.Text.Encoding.ASCII.GetString(file.Content, 0, 5).Should().Be("%PDF-");
        (await downloads.TakeAsync(token, DemoPeople.Coordinator, default)).Should().BeNull("it is handed over once");
    }

    [Fact]
    public async Task Core_refuses_the_report_the_CSV_and_the_drill_down_to_anyone_but_the_coordinator()
    {
        var compute = () => Get<ComputeMonthlyReport>().HandleAsync(March, Agent, null, default);
        await compute.Should().ThrowAsync<ForbiddenException>();

        using var output = new MemoryStream();
        var csv = () => Get<MonthlyCasesCsv>().WriteAsync(March, Agent, output, default);
        await csv.Should().ThrowAsync<ForbiddenException>();
        output.Length.Should().Be(0, "nothing is written before the check");

        var lead = CurrentUser.Person(DemoPeople.LeadApoyo, PersonRoles.Agent | PersonRoles.TechnicalLead);
        var list = () => ActivatorUtilities.CreateInstance<ListReportCases>(Services)
            .HandleAsync(March, ReportDimension.Category, _printers.ToString(CultureInfo.InvariantCulture), lead, default);
        await list.Should().ThrowAsync<ForbiddenException>();

        await Get<MonthlyCasesCsv>().WriteAsync(March, Coordinator, output, default);
        output.Length.Should().BeGreaterThan(0);
    }

    [Fact]
    public void An_agent_who_reaches_the_screen_sees_the_refusal_and_no_figures()
    {
        SignInAs(DemoPeople.Agent1, PersonRoles.Agent);

        var cut = Render<MonthlyReportPage>();

        cut.WaitForElement(".mud-alert-filled-error, .mud-alert-text-error, .mud-alert", TimeSpan.FromSeconds(10));
        cut.FindAll("[data-figure]").Should().BeEmpty();
    }

    private async Task<string> FileAsync(int category, string subject)
    {
        var filed = await Get<RegisterCase>().HandleAsync(
            new RegisterCaseCommand(CaseKind.Incident, category, subject, "Descripción de " + subject + ".", Impact.Medium, Urgency.Medium,
                CaseChannel.Portal, DemoPeople.Requester),
            CurrentUser.Person(DemoPeople.Requester, PersonRoles.None), default);
        return filed.Number;
    }

    private IRenderedComponent<MonthlyReportPage> RenderMarch()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/reportes/mensual?mes=2026-03");
        return Render<MonthlyReportPage>();
    }

    private static string Figure(IRenderedComponent<MonthlyReportPage> cut, string id) =>
        cut.Find($"[data-figure='{id}'] .figure-value").TextContent.Trim();

    private static List<string> DrilledNumbers(IRenderedComponent<MonthlyReportPage> cut) =>
        cut.FindAll("#detalle-casos a.drill-case").Select(a => a.TextContent.Trim()).ToList();
}
