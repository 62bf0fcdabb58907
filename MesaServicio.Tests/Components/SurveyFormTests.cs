using Bunit;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Catalog;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.People;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using MesaServicio.Core.Surveys;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Components.Cases;
using MesaServicio.Web.Components.Surveys;
using Microsoft.EntityFrameworkCore;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Components;

/// <summary>The satisfaction survey on the case page, as the requester fills it in.</summary>
[Trait("Pass", "Once")]
public sealed class SurveyFormTests : ComponentTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public SurveyFormTests() => SignInAs(DemoPeople.Requester, PersonRoles.None);

    [Fact]
    public async Task No_without_a_comment_is_refused_in_Spanish_next_to_the_comment_and_keeps_the_ratings()
    {
        var number = await ResolvedCaseAsync();
        var cut = RenderCase(number);

        Choose(cut, 0, "false");
        Choose(cut, 1, "4");
        Choose(cut, 2, "5");
        Choose(cut, 3, "2");
        cut.WaitForAssertion(() => CommentLabel(cut).Should().Be("Cuéntenos qué falta (novedad)"), Patience);
        await cut.Find("[data-testid=invitacion-encuesta] form").SubmitAsync();

        cut.WaitForAssertion(() =>
        {
            var comment = cut.Find(".survey-comment");
            comment.QuerySelector(".validation-message")!.TextContent.Should().Be(SurveyFormModel.NovedadRequired);
            comment.QuerySelector("textarea")!.GetAttribute("aria-describedby").Should().Contain("encuesta-caso-error-Comment");
        }, Patience);
        Checked(cut).Should().Equal("false", "4", "5", "2");
        cut.FindAll("fieldset .validation-message").Should().BeEmpty("every question but the comment is answered");
        (await LoadAsync(number)).Status.Should().Be(CaseStatus.Resolved, "nothing was sent");
    }

    [Fact]
    public async Task Submitting_nothing_asks_for_every_answer_in_Spanish()
    {
        var number = await ResolvedCaseAsync();
        var cut = RenderCase(number);

        await cut.Find("[data-testid=invitacion-encuesta] form").SubmitAsync();

        cut.WaitForAssertion(() => cut.FindAll(".validation-message").Select(m => m.TextContent).Should().Equal(
            SurveyFormModel.SatisfiedRequired, SurveyFormModel.RatingRequired, SurveyFormModel.TimelinessRequired, SurveyFormModel.CourtesyRequired), Patience);
        CommentLabel(cut).Should().Be("Comentario (opcional)");
    }

    [Fact]
    public async Task A_refused_answer_keeps_everything_typed()
    {
        var number = await ResolvedCaseAsync();
        var cut = RenderCase(number);
        Choose(cut, 0, "true");
        Choose(cut, 1, "5");
        Choose(cut, 2, "4");
        Choose(cut, 3, "5");
        cut.Find(".survey-comment textarea").Change("Muy amables, gracias.");

        // The window ends while the person is still on the page.
        var due = (await LoadAsync(number)).SurveyDueAt!.Value;
        Time.SetUtcNow(due.AddMinutes(1));
        await cut.Find("[data-testid=invitacion-encuesta] form").SubmitAsync();

        cut.WaitForAssertion(() => cut.Find("[data-testid=invitacion-encuesta] [role=alert]").TextContent
            .Should().Contain("El plazo de la encuesta de satisfacción de este caso ya terminó."), Patience);
        Checked(cut).Should().Equal("true", "5", "4", "5");
        cut.Find(".survey-comment textarea").GetAttribute("value").Should().Be("Muy amables, gracias.");
        (await LoadAsync(number)).Status.Should().Be(CaseStatus.Resolved);
    }

    [Fact]
    public async Task A_satisfied_answer_goes_through_with_the_version_seen_and_the_case_shows_closed()
    {
        var number = await ResolvedCaseAsync();
        var cut = RenderCase(number);
        var before = (await LoadAsync(number)).Version;

        Choose(cut, 0, "true");
        Choose(cut, 1, "5");
        Choose(cut, 2, "4");
        Choose(cut, 3, "5");
        await cut.Find("[data-testid=invitacion-encuesta] form").SubmitAsync();

        cut.WaitForAssertion(() =>
        {
            cut.Find("[role=status]").TextContent.Should().Contain("Gracias por responder la encuesta. El caso quedó cerrado.");
            cut.Find(".case-header").TextContent.Should().Contain("Cerrado");
            cut.FindAll("[data-testid=invitacion-encuesta]").Should().BeEmpty();
        }, Patience);
        await using var db = await Get<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
        var stored = await db.Cases.AsNoTracking().Include(c => c.SurveyResponses).SingleAsync(c => c.Number == number);
        stored.Status.Should().Be(CaseStatus.Closed);
        stored.Version.Should().BeGreaterThan(before);
        stored.SurveyResponses.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Satisfied = true, Rating = 5, Timeliness = 4, Courtesy = 5 });
    }

    [Fact]
    public async Task An_answer_given_meanwhile_in_another_tab_shows_on_this_page_without_a_reload()
    {
        var number = await ResolvedCaseAsync();
        var cut = RenderCase(number);
        Choose(cut, 0, "true");

        // The same person answered in another tab: the commit reaches this page on the server's live feed.
        await Get<AnswerSurvey>().HandleAsync(new AnswerSurveyCommand(number, null, new SurveyAnswer(false, 1, 1, 1, "Sigue igual.")),
            CurrentUser.Person(DemoPeople.Requester, PersonRoles.None), default);

        cut.WaitForAssertion(() =>
        {
            cut.FindAll("[data-testid=invitacion-encuesta]").Should().BeEmpty("the survey is answered: nothing is left to fill in");
            cut.Find(".case-header").TextContent.Should().Contain("Con novedad");
        }, Patience);
    }

    [Fact]
    public async Task An_answer_that_crossed_a_change_this_page_did_not_hear_of_is_reported_not_overwritten_and_the_answers_stay()
    {
        var number = await ResolvedCaseAsync();
        var cut = RenderCase(number);
        Choose(cut, 0, "true");
        Choose(cut, 1, "3");
        Choose(cut, 2, "3");
        Choose(cut, 3, "3");

        // The case moved on where this page could not hear it (a message between instances lost): its version is stale.
        await using (var db = await Get<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync())
        {
            await db.Cases.Where(c => c.Number == number).ExecuteUpdateAsync(u => u
                .SetProperty(c => c.Status, CaseStatus.NovedadReported).SetProperty(c => c.Version, c => c.Version + 1));
        }

        await cut.Find("[data-testid=invitacion-encuesta] form").SubmitAsync();

        cut.WaitForAssertion(() => cut.Find("[data-testid=invitacion-encuesta] [role=alert]").TextContent.Should().NotBeNullOrWhiteSpace(), Patience);
        Checked(cut).Should().Equal("true", "3", "3", "3");
        (await LoadAsync(number)).Status.Should().Be(CaseStatus.NovedadReported, "the other change stands");
    }

    [Fact]
    public async Task A_no_with_its_novedad_reports_it_and_the_case_shows_it()
    {
        var number = await ResolvedCaseAsync();
        var cut = RenderCase(number);
        Choose(cut, 0, "false");
        Choose(cut, 1, "2");
        Choose(cut, 2, "3");
        Choose(cut, 3, "4");
        cut.Find(".survey-comment textarea").Change("La impresora sigue sacando hojas en blanco.");
        await cut.Find("[data-testid=invitacion-encuesta] form").SubmitAsync();

        cut.WaitForAssertion(() =>
        {
            cut.Find("[role=status]").TextContent.Should().Contain("Recibimos su novedad");
            cut.Find(".case-header").TextContent.Should().Contain("Con novedad");
        }, Patience);
        (await LoadAsync(number)).Status.Should().Be(CaseStatus.NovedadReported);
    }

    [Fact]
    public async Task The_survey_of_a_rejected_case_asks_about_the_answer_not_about_a_solution()
    {
        var number = await RejectedCaseAsync();
        var cut = RenderCase(number);

        var first = cut.FindAll("[data-testid=invitacion-encuesta] fieldset.survey-question")[0];
        first.QuerySelector("legend")!.TextContent.Trim().Should().Be(SurveyFormModel.RejectionQuestion);
        cut.Find("[data-testid=invitacion-encuesta]").TextContent.Should().NotContain("solución");

        Choose(cut, 0, "false");
        await cut.Find("[data-testid=invitacion-encuesta] form").SubmitAsync();
        cut.WaitForAssertion(() => cut.Find(".survey-comment .validation-message").TextContent.Should().Be(SurveyFormModel.RejectionNovedadRequired), Patience);
        CommentLabel(cut).Should().Be(SurveyFormModel.RejectionNovedadLabel);
    }

    [Fact]
    public async Task The_survey_of_a_resolved_case_asks_whether_the_solution_met_the_need()
    {
        var number = await ResolvedCaseAsync();
        var cut = RenderCase(number);

        cut.FindAll("[data-testid=invitacion-encuesta] fieldset.survey-question")[0].QuerySelector("legend")!.TextContent.Trim()
            .Should().Be("¿La solución resolvió su necesidad?");
    }

    [Fact]
    public async Task Only_the_requester_sees_the_survey()
    {
        var number = await ResolvedCaseAsync();
        SignInAs(DemoPeople.Coordinator, PersonRoles.Coordinator | PersonRoles.Agent);
        var cut = Render<CaseView>(p => p.Add(c => c.Numero, number));
        cut.WaitForAssertion(() => cut.Find("h1").TextContent.Should().Contain(number), Patience);
        cut.FindAll("[data-testid=invitacion-encuesta]").Should().BeEmpty();
    }

    private IRenderedComponent<CaseView> RenderCase(string number)
    {
        var cut = Render<CaseView>(p => p.Add(c => c.Numero, number));
        cut.WaitForAssertion(() => cut.Find("[data-testid=invitacion-encuesta]").TextContent.Should().Contain("Tiene hasta el"), Patience);
        return cut;
    }

    /// <summary>Chooses an answer of the n-th question (0: satisfied; 1–3: the scores) as a click would.</summary>
    private static void Choose(IRenderedComponent<CaseView> cut, int question, string value)
    {
        var radio = cut.FindAll("[data-testid=invitacion-encuesta] fieldset.survey-question")[question]
            .QuerySelectorAll("input[type=radio]")
            .Single(r => string.Equals(r.GetAttribute("value"), value, StringComparison.OrdinalIgnoreCase));
        radio.Change(radio.GetAttribute("value"));
    }

    /// <summary>The value checked in each question (empty when none), as the page shows it.</summary>
    private static IReadOnlyList<string> Checked(IRenderedComponent<CaseView> cut) =>
        cut.FindAll("[data-testid=invitacion-encuesta] fieldset.survey-question")
            .Select(f => f.QuerySelectorAll("input[type=radio]").FirstOrDefault(r => r.HasAttribute("checked"))?.GetAttribute("value")?.ToLowerInvariant() ?? "")
            .ToList();

    private static string CommentLabel(IRenderedComponent<CaseView> cut) => cut.Find(".survey-comment label").TextContent.Trim();

    private async Task<Guid> AssigneeAsync(string number) => (await LoadAsync(number)).AssigneeId!.Value;

    /// <summary>A case of the requester, rejected by its assignee for being out of scope: its survey window is open.</summary>
    private async Task<string> RejectedCaseAsync()
    {
        var tree = await Get<CategoryTree>().GetAsync(default);
        var filed = await Get<RegisterCase>().HandleAsync(
            new RegisterCaseCommand(CaseKind.Request, tree[0].Children[0].Id, "Instalar un videojuego", "Quiero jugar en la hora del almuerzo.",
                Impact.Low, Urgency.Low, CaseChannel.Portal, DemoPeople.Requester),
            CurrentUser.Person(DemoPeople.Requester, PersonRoles.None), default);
        var agent = CurrentUser.Person(await AssigneeAsync(filed.Number), PersonRoles.Agent);
        await Get<RejectCase>().HandleAsync(
            new RejectCaseCommand(filed.Number, null, RejectionReason.OutOfScope, "La entidad no instala juegos en los equipos.", null), agent, default);
        return filed.Number;
    }

    /// <summary>A case of the requester, attended and resolved by its assignee: its survey window is open.</summary>
    private async Task<string> ResolvedCaseAsync()
    {
        var tree = await Get<CategoryTree>().GetAsync(default);
        var filed = await Get<RegisterCase>().HandleAsync(
            new RegisterCaseCommand(CaseKind.Incident, tree[0].Children[0].Id, "No imprime la impresora del piso 3", "Sale la hoja en blanco.",
                Impact.Low, Urgency.Medium, CaseChannel.Portal, DemoPeople.Requester),
            CurrentUser.Person(DemoPeople.Requester, PersonRoles.None), default);
        var agent = CurrentUser.Person(await AssigneeAsync(filed.Number), PersonRoles.Agent);
        await Get<AttendCase>().HandleAsync(new AttendCaseCommand(filed.Number, null), agent, default);
        await Get<ResolveCase>().HandleAsync(new ResolveCaseCommand(filed.Number, null, "Se cambió el tóner y se imprimió una página de prueba."), agent, default);
        return filed.Number;
    }
}
