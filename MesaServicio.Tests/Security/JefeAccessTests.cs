using System.Net;
using MesaServicio.Core.Cases;
using MesaServicio.Core.People;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Security;

/// <summary>
/// Who reaches which page, over HTTP as a browser does (local sign-in, the session cookie, no redirects followed): the
/// Jefe OTIC reads the results, the audit and every case, and nothing else; the others keep what they had.
/// </summary>
public sealed class JefeAccessTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Ok = "ok";
    private const string Denied = "denegado";

    public static TheoryData<string, string, string> Pages() => new()
    {
        { "/reportes/mensual", "jefe", Ok },
        { "/reportes/mensual", "coordinator", Ok },
        { "/reportes/mensual", "technician", Denied },
        { "/reportes/mensual", "lead", Denied },
        { "/reportes/mensual", "requester", Denied },
        { "/auditoria", "jefe", Ok },
        { "/auditoria", "coordinator", Ok },
        { "/auditoria", "technician", Denied },
        { "/auditoria", "lead", Denied },
        { "/auditoria", "requester", Denied },
        { "/configuracion", "jefe", Denied },
        { "/configuracion", "coordinator", Ok },
        { "/configuracion", "technician", Denied },
        { "/configuracion", "lead", Denied },
        { "/configuracion", "requester", Denied },
        { "/tablero", "jefe", Denied },
        { "/tablero", "coordinator", Ok },
        { "/tablero", "technician", Ok },
        { "/tablero", "lead", Ok },
        { "/tablero", "requester", Denied },
    };

    private static Guid PersonOf(string who) => who switch
    {
        "jefe" => DemoPeople.Jefe,
        "coordinator" => DemoPeople.Coordinator,
        "technician" => DemoPeople.Agent1,
        "lead" => DemoPeople.LeadFirstLevel,
        _ => DemoPeople.Requester,
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Each_role_reaches_only_its_pages(string path, string who, string expected)
    {
        using var browser = portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, PersonOf(who));

        using var response = await browser.GetAsync(new Uri(path, UriKind.Relative));

        if (expected == Ok)
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"{who} may open {path}");
        }
        else
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, $"{who} may not open {path}");
            response.Headers.Location!.AbsolutePath.Should().Be("/acceso-denegado");
        }
    }

    [Fact]
    public async Task The_case_page_answers_each_role_as_its_reach_says()
    {
        var number = await portal.FileCaseAsync(DemoPeople.Requester, "Caso que consulta el Jefe OTIC");
        var assignee = await AssigneeOfAsync(number);
        var outsider = new[] { DemoPeople.Agent4, DemoPeople.Agent5, DemoPeople.Agent6 }.First(a => a != assignee);
        var expected = new (Guid Person, HttpStatusCode Status)[]
        {
            (DemoPeople.Jefe, HttpStatusCode.OK),
            (DemoPeople.Coordinator, HttpStatusCode.OK),
            (assignee, HttpStatusCode.OK),
            (DemoPeople.LeadFirstLevel, HttpStatusCode.OK),
            (DemoPeople.Requester, HttpStatusCode.OK),
            (outsider, HttpStatusCode.NotFound),
            (DemoPeople.LeadMisional, HttpStatusCode.NotFound),
            (DemoPeople.Requester2, HttpStatusCode.NotFound),
        };

        foreach (var (person, status) in expected)
        {
            using var browser = portal.NewBrowser();
            await PortalFactory.SignInAsync(browser, person);
            using var response = await browser.GetAsync(new Uri("/casos/" + number, UriKind.Relative));
            response.StatusCode.Should().Be(status, $"person {person} on {number}");
        }
    }

    [Fact]
    public async Task The_Jefe_reads_a_case_with_its_internal_notes_and_is_offered_no_action()
    {
        var number = await portal.FileCaseAsync(DemoPeople.Requester2, "Caso con nota interna para el Jefe");
        var assignee = await AssigneeOfAsync(number);
        await portal.Services.GetRequiredService<CommentOnCase>().HandleAsync(
            new(number, "NOTA-INTERNA: revisar la licencia.", true), CurrentUser.Person(assignee, PersonRoles.Agent), default);

        using var jefe = portal.NewBrowser();
        await PortalFactory.SignInAsync(jefe, DemoPeople.Jefe);
        var page = await jefe.GetStringAsync(new Uri("/casos/" + number, UriKind.Relative));
        page.Should().Contain("Vista de solo lectura").And.Contain("NOTA-INTERNA: revisar la licencia.");
        page.Should().NotContain("Acciones sobre el caso").And.NotContain("Enviar mensaje");

        using var agent = portal.NewBrowser();
        await PortalFactory.SignInAsync(agent, assignee);
        var staffPage = await agent.GetStringAsync(new Uri("/casos/" + number, UriKind.Relative));
        staffPage.Should().Contain("Acciones sobre el caso", "the assignee is offered the actions the Jefe is not").And.NotContain("Vista de solo lectura");
    }

    [Fact]
    public async Task The_Jefes_case_file_holds_the_internal_notes_he_reads_and_says_so()
    {
        var number = await portal.FileCaseAsync(DemoPeople.Requester3, "Caso para el expediente del Jefe");
        var assignee = await AssigneeOfAsync(number);
        await portal.Services.GetRequiredService<CommentOnCase>().HandleAsync(
            new(number, "NOTA-INTERNA: el equipo está en garantía.", true), CurrentUser.Person(assignee, PersonRoles.Agent), default);
        var files = portal.Services.GetRequiredService<MesaServicio.Core.CaseFiles.GetCaseFile>();

        var jefe = await files.HandleAsync(number, CurrentUser.Person(DemoPeople.Jefe, PersonRoles.Jefe), default);
        var requester = await files.HandleAsync(number, CurrentUser.Person(DemoPeople.Requester3, PersonRoles.None), default);

        jefe.IncludesInternalNotes.Should().BeTrue();
        jefe.Case.Messages.Should().Contain(m => m.IsInternal && m.Text == "NOTA-INTERNA: el equipo está en garantía.");
        jefe.Case.AllowedOperations.Should().Equal(CaseOperationKind.View);
        requester.IncludesInternalNotes.Should().BeFalse();
        requester.Case.Messages.Should().NotContain(m => m.IsInternal);
    }

    [Fact]
    public async Task The_Jefe_gets_his_card_on_the_home_page_and_the_menu_of_a_reader()
    {
        using var jefe = portal.NewBrowser();
        await PortalFactory.SignInAsync(jefe, DemoPeople.Jefe);

        var home = await jefe.GetStringAsync(new Uri("/", UriKind.Relative));

        home.Should().Contain("data-testid=\"tarjeta-jefe\"").And.Contain("Jefe OTIC: consulta de la mesa");
        home.Should().Contain("href=\"/reportes/mensual\"").And.Contain("href=\"/auditoria\"").And.Contain("href=\"/casos\"");
        home.Should().NotContain("href=\"/configuracion\"").And.NotContain("href=\"/tablero\"");

        using var agent = portal.NewBrowser();
        await PortalFactory.SignInAsync(agent, DemoPeople.Agent1);
        (await agent.GetStringAsync(new Uri("/", UriKind.Relative))).Should().NotContain("tarjeta-jefe");
    }

    [Fact]
    public async Task The_local_sign_in_offers_the_demo_Jefe()
    {
        using var browser = portal.NewBrowser();

        var page = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri("/ingresar/local", UriKind.Relative)));

        page.Should().MatchRegex(@"Gustavo Adolfo Mejía</span>\s*<span class=""person-role"">Jefe OTIC</span>");
    }

    [Fact]
    public async Task The_Jefe_lists_every_case()
    {
        var first = await portal.FileCaseAsync(DemoPeople.Requester, "Caso de Laura para la lista");
        var second = await portal.FileCaseAsync(DemoPeople.Requester3, "Caso de María Camila para la lista");

        var page = await portal.Services.GetRequiredService<ListCases>().HandleAsync(
            new CaseListQuery(PageSize: 100), CurrentUser.Person(DemoPeople.Jefe, PersonRoles.Jefe), default);

        int total;
        await using (var db = NewContext())
        {
            total = await db.Cases.CountAsync();
        }

        page.Total.Should().Be(total);
        page.Rows.Select(r => r.Number).Should().Contain([first, second]);
    }

    private Core.Persistence.MesaDbContext NewContext() =>
        portal.Services.GetRequiredService<IDbContextFactory<Core.Persistence.MesaDbContext>>().CreateDbContext();

    private async Task<Guid> AssigneeOfAsync(string number)
    {
        await using var db = NewContext();
        return await db.Cases.Where(c => c.Number == number).Select(c => c.AssigneeId!.Value).SingleAsync();
    }
}
