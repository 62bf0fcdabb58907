using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using MesaServicio.Core.Persistence;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static MesaServicio.Tests.EndToEnd.PortalPages;
using static Microsoft.Playwright.Assertions;

namespace MesaServicio.Tests.EndToEnd;

/// <summary>
/// axe-core (shipped inside Deque.AxeCore.Commons, nothing downloaded) on the portal's main pages with the WCAG 2.1 A
/// and AA rules: no serious or critical violation. Every violation found (any impact) is printed with its rule,
/// impact, help and the selectors of the elements, so it can be fixed.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class AccessibilityTests(PortalProcess portal, BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    [Fact]
    public Task The_new_case_form_has_no_serious_violations() =>
        CheckAsync(SeedData.DemoPeople.Requester, "/casos/nuevo", async page =>
            await Expect(page.GetByRole(AriaRole.Tree, new() { Name = "Categorías de servicio" })).ToBeVisibleAsync());

    [Fact]
    public Task The_requesters_case_list_has_no_serious_violations() =>
        CheckAsync(SeedData.DemoPeople.Requester, "/casos", WaitForTableAsync);

    [Fact]
    public Task The_staff_case_list_has_no_serious_violations() =>
        CheckAsync(SeedData.DemoPeople.Coordinator, "/casos", WaitForTableAsync);

    [Fact]
    public async Task A_case_page_has_no_serious_violations_for_the_requester_nor_the_coordinator()
    {
        var number = await FileSampleCaseAsync();
        // As the requester lands on it right after filing: with the confirmation of what happens next.
        await CheckAsync(SeedData.DemoPeople.Requester, "/casos/" + number + "?registrado=1", async page =>
        {
            await WaitForCaseAsync(page, number);
            await Expect(page.GetByTestId("caso-registrado")).ToBeVisibleAsync();
        });
        await CheckAsync(SeedData.DemoPeople.Coordinator, "/casos/" + number, async page =>
        {
            await WaitForCaseAsync(page, number);
            await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Acciones sobre el caso" })).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task The_board_has_no_serious_violations()
    {
        var number = await FileSampleCaseAsync();
        await CheckAsync(SeedData.DemoPeople.Agent1, "/tablero", async page =>
        {
            await OpenBoardAsync(page);
            await Expect(Card(page, number)).ToBeVisibleAsync();
        });
    }

    [Theory]
    [InlineData("Categorías", "tabla-categorias")]
    [InlineData("Grupos", "error-none")]
    [InlineData("Enrutamiento y líderes", "error-none")]
    [InlineData("ANS", "tabla-ans")]
    [InlineData("Horario y días no hábiles", "error-none")]
    [InlineData("Matriz de prioridad", "matriz-prioridad")]
    [InlineData("Indicadores", "grupos-indicador-7")]
    public Task Each_tab_of_the_configuration_has_no_serious_violations(string tab, string testId) =>
        CheckAsync(SeedData.DemoPeople.Coordinator, "/configuracion", async page =>
        {
            await page.GetByRole(AriaRole.Tab, new() { Name = tab, Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 }).First).ToBeVisibleAsync();
            if (testId != "error-none")
            {
                await Expect(page.GetByTestId(testId)).ToBeVisibleAsync();
            }
        });

    [Fact]
    public Task The_audit_has_no_serious_violations() =>
        CheckAsync(SeedData.DemoPeople.Coordinator, "/auditoria", async page =>
            await Expect(page.GetByTestId("tabla-auditoria").Locator("tbody tr").First).ToBeVisibleAsync());

    private static async Task WaitForTableAsync(IPage page) =>
        await Expect(page.Locator("table").First).ToBeVisibleAsync();

    private static async Task WaitForCaseAsync(IPage page, string number) =>
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Caso " + number);

    /// <summary>Files a case as the requester (so pages have something to show) and returns its number.</summary>
    private async Task<string> FileSampleCaseAsync()
    {
        await using var session = await browser.NewSessionAsync(portal, "solicitante");
        await SignInAsync(session, SeedData.DemoPeople.Requester, "/casos/nuevo");
        var number = await FileCaseAsync(session.Page, new NewCaseInput(
            "No puedo entrar al correo institucional (" + Guid.NewGuid().ToString("N")[..6] + ")",
            "Al abrir el correo aparece «contraseña vencida» y no me deja cambiarla.",
            "correo", "Correo electrónico institucional"));
        session.OutsideRequests.Should().BeEmpty("the pages must request nothing outside 127.0.0.1");
        return number;
    }

    private async Task CheckAsync(Guid person, string path, Func<IPage, Task> ready)
    {
        var name = path.Trim('/').Replace('/', '-');
        AxeResult result;
        IReadOnlyList<string> outside;
        await using (var session = await browser.NewSessionAsync(portal, name))
        {
            await SignInAsync(session, person, path);
            await ready(session.Page);
            result = await session.Page.RunAxe(new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
            });
            outside = session.OutsideRequests;
            foreach (var problem in session.Problems)
            {
                output.WriteLine(problem);
            }
        }

        result.Passes.Should().NotBeEmpty("axe must really have run its WCAG rules on {0}", path);
        var report = Describe(path, result.Violations) + $"({result.Passes.Length} rules passed; {result.Incomplete.Length} need a person to review: "
            + string.Join(", ", result.Incomplete.Select(i => $"{i.Id} at {string.Join(" ", i.Nodes.Select(n => n.Target))}")) + ")";
        output.WriteLine(report);
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        blocking.Should().BeEmpty($"axe (WCAG 2.1 A/AA) must find no serious or critical violation on {path}:\n{report}");
        outside.Should().BeEmpty("the pages must request nothing outside 127.0.0.1");
    }

    private static string Describe(string path, IEnumerable<AxeResultItem> violations)
    {
        var text = new StringBuilder();
        var list = violations.ToList();
        text.AppendLine($"axe on {path}: {list.Count} violation(s).");
        foreach (var v in list)
        {
            text.AppendLine($"- {v.Id} [{v.Impact}] {v.Help} ({v.HelpUrl})");
            foreach (var node in v.Nodes)
            {
                text.AppendLine($"    at {node.Target}: {Shorten(node.Html)}");
            }
        }

        return text.ToString();
    }

    private static string Shorten(string? html) =>
        html is null ? "" : html.Length <= 200 ? html : html[..200] + "…";
}
