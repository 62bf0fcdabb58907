using System.Net;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.People;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Web;

/// <summary>The survey where a signed-in requester meets it: the home page's banner and the case page.</summary>
public sealed class SurveyPortalPagesTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _portal;

    public SurveyPortalPagesTests(PortalFactory portal) => _portal = portal;

    [Fact]
    public async Task The_home_page_lists_the_requesters_pending_surveys_with_links_and_the_window_end()
    {
        var number = await ResolvedCaseAsync(DemoPeople.Requester, "El escáner no envía al correo");
        using var browser = _portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, DemoPeople.Requester);

        var html = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri("/", UriKind.Relative)));

        html.Should().Contain("data-testid=\"encuestas-pendientes\"");
        html.Should().Contain($"href=\"/casos/{number}\"").And.Contain("El escáner no envía al correo").And.Contain("responda antes del");
    }

    [Fact]
    public async Task Another_requester_sees_no_banner_for_someone_elses_case()
    {
        await ResolvedCaseAsync(DemoPeople.Requester, "Caso de otra persona");
        using var browser = _portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, DemoPeople.Requester2);

        var html = await browser.GetStringAsync(new Uri("/", UriKind.Relative));

        html.Should().NotContain("encuestas-pendientes");
    }

    [Fact]
    public async Task The_case_page_shows_the_requester_the_survey_form_with_labelled_questions()
    {
        var number = await ResolvedCaseAsync(DemoPeople.Requester, "No abre el sistema de nómina");
        using var browser = _portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, DemoPeople.Requester);

        using var response = await browser.GetAsync(new Uri("/casos/" + number, UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.Should().Contain("data-testid=\"invitacion-encuesta\"");
        html.Should().Contain("<legend>¿La solución resolvió su necesidad?</legend>")
            .And.Contain("<legend>Calificación general de la atención</legend>")
            .And.Contain("<legend>Oportunidad de la atención</legend>")
            .And.Contain("<legend>Trato digno</legend>")
            .And.Contain("Tiene hasta el");
    }

    private async Task<string> ResolvedCaseAsync(Guid requester, string subject)
    {
        var number = await _portal.FileCaseAsync(requester, subject);
        Guid assignee;
        await using (var db = await _portal.Services.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync())
        {
            assignee = await db.Cases.Where(c => c.Number == number).Select(c => c.AssigneeId!.Value).SingleAsync();
        }

        var agent = CurrentUser.Person(assignee, PersonRoles.Agent);
        await _portal.Services.GetRequiredService<AttendCase>().HandleAsync(new AttendCaseCommand(number, null), agent, default);
        await _portal.Services.GetRequiredService<ResolveCase>().HandleAsync(new ResolveCaseCommand(number, null, "Se reinstaló el controlador."), agent, default);
        return number;
    }
}
