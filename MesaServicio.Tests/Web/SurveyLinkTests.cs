using System.Net;
using System.Text.RegularExpressions;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.People;
using MesaServicio.Core.Security;
using MesaServicio.Core.Surveys;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Components.Surveys;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Web;

/// <summary>
/// <c>/encuesta/{token}</c> over HTTP, without signing in, as a requester who only has the e-mailed link. The invitation
/// row is written here (the sweep that writes it in the app is timed work, tested on its own).
/// </summary>
public sealed class SurveyLinkTests : IClassFixture<SurveyLinkTests.SurveyPortal>
{
    private readonly SurveyPortal _portal;

    public SurveyLinkTests(SurveyPortal portal) => _portal = portal;

    [Fact]
    public async Task The_link_shows_the_case_number_subject_and_solution_without_signing_in_and_nothing_else()
    {
        var (number, token) = await _portal.ResolvedCaseWithLinkAsync("La impresora del piso 3 saca hojas en blanco");
        using var browser = _portal.NewBrowser();

        using var response = await browser.GetAsync(Link(token));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.Should().Contain(number).And.Contain("La impresora del piso 3 saca hojas en blanco").And.Contain(SurveyPortal.Solution);
        html.Should().Contain("¿La solución resolvió su necesidad?").And.Contain("Oportunidad de la atención").And.Contain("Trato digno");
        html.Should().Contain("Puede responder hasta el");
        var requester = await _portal.DisplayNameAsync(DemoPeople.Requester);
        html.Should().NotContain(requester, "the link shows no personal data").And.NotContain("laura.gomez");
        html.Should().NotContain(SurveyPortal.Description, "nor the case's description").And.NotContain("Historial");
        response.Headers.GetValues("Referrer-Policy").Single().Should().Be("no-referrer");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Fact]
    public async Task The_link_of_a_rejected_case_asks_about_the_answer_not_about_a_solution()
    {
        var (number, token) = await _portal.RejectedCaseWithLinkAsync();
        using var browser = _portal.NewBrowser();

        using var response = await browser.GetAsync(Link(token));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.Should().Contain(number).And.Contain("Motivo del rechazo").And.Contain(SurveyPortal.Rejection);
        html.Should().Contain($"<legend>{SurveyFormModel.RejectionQuestion}</legend>");
        html.Should().NotContain("¿La solución resolvió su necesidad?");
        html.Should().Contain($"data-novedad-label=\"{SurveyFormModel.RejectionNovedadLabel}\"");
    }

    [Fact]
    public async Task Answering_satisfied_closes_the_case_and_the_link_then_says_it_was_answered()
    {
        var (number, token) = await _portal.ResolvedCaseWithLinkAsync();
        using var browser = _portal.NewBrowser();

        using var answer = await PostAsync(browser, token, satisfied: "True", rating: "5", timeliness: "4", courtesy: "5", comment: "Muy amables.");

        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        var thanks = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync());
        thanks.Should().Contain("¡Gracias por responder!").And.Contain($"el caso {number} quedó cerrado");
        var c = await _portal.CaseAsync(number);
        c.Status.Should().Be(CaseStatus.Closed);
        c.SurveyResponses.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new { Satisfied = true, Rating = 5, Timeliness = 4, Courtesy = 5, Channel = SurveyChannel.Link, Comment = "Muy amables." });

        using var again = await browser.GetAsync(Link(token));
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()).Should().Contain("Ya respondió, gracias").And.NotContain("<form");
    }

    [Fact]
    public async Task Answering_no_needs_the_novedad_the_form_comes_back_with_what_was_typed_and_then_the_novedad_is_reported()
    {
        var (number, token) = await _portal.ResolvedCaseWithLinkAsync();
        using var browser = _portal.NewBrowser();

        using var refused = await PostAsync(browser, token, satisfied: "False", rating: "2", timeliness: "3", courtesy: "4", comment: "");

        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        page.Should().Contain(SurveyFormModel.NovedadRequired).And.Contain(SurveyFormModel.NovedadLabel);
        CheckedValues(page).Should().Equal("false", "2", "3", "4");
        (await _portal.CaseAsync(number)).Status.Should().Be(CaseStatus.Resolved, "nothing was stored");

        using var answered = await PostAsync(browser, token, satisfied: "False", rating: "2", timeliness: "3", courtesy: "4",
            comment: "Sigue saliendo la hoja en blanco.", formPage: page);

        answered.StatusCode.Should().Be(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await answered.Content.ReadAsStringAsync()).Should().Contain($"Registramos su novedad sobre el caso {number}");
        var c = await _portal.CaseAsync(number);
        c.Status.Should().Be(CaseStatus.NovedadReported);
        c.SurveyResponses.Should().ContainSingle().Which.Comment.Should().Be("Sigue saliendo la hoja en blanco.");
    }

    [Fact]
    public async Task After_the_window_the_link_says_the_time_is_over_and_answers_nothing()
    {
        var (number, token) = await _portal.ResolvedCaseWithLinkAsync();
        using var browser = _portal.NewBrowser();
        var form = await browser.GetStringAsync(Link(token));
        var due = (await _portal.CaseAsync(number)).SurveyDueAt!.Value;

        _portal.Time.SetUtcNow(due.AddMinutes(1));
        using var late = await browser.GetAsync(Link(token));
        using var latePost = await PostAsync(browser, token, satisfied: "True", rating: "5", timeliness: "5", courtesy: "5", comment: "", formPage: form);

        late.StatusCode.Should().Be(HttpStatusCode.OK);
        WebUtility.HtmlDecode(await late.Content.ReadAsStringAsync()).Should().Contain("El plazo terminó").And.NotContain("<form");
        WebUtility.HtmlDecode(await latePost.Content.ReadAsStringAsync()).Should().Contain("El plazo terminó").And.NotContain("¡Gracias por responder!");
        var c = await _portal.CaseAsync(number);
        c.Status.Should().Be(CaseStatus.Resolved);
        c.SurveyResponses.Should().BeEmpty();
    }

    [Fact]
    public async Task A_token_answers_its_own_case_only()
    {
        var (mine, token) = await _portal.ResolvedCaseWithLinkAsync("Caso del enlace");
        var (other, _) = await _portal.ResolvedCaseWithLinkAsync("Otro caso resuelto");
        using var browser = _portal.NewBrowser();

        // Whatever else the post says (a forged case number), the token decides the case.
        using var answer = await PostAsync(browser, token, satisfied: "True", rating: "4", timeliness: "4", courtesy: "4", comment: "",
            extra: new() { ["Numero"] = other, ["Model.Number"] = other, ["numero"] = other });

        answer.StatusCode.Should().Be(HttpStatusCode.OK);
        (await _portal.CaseAsync(mine)).Status.Should().Be(CaseStatus.Closed);
        var untouched = await _portal.CaseAsync(other);
        untouched.Status.Should().Be(CaseStatus.Resolved);
        untouched.SurveyResponses.Should().BeEmpty();
    }

    [Theory]
    [InlineData("no-es-un-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_link_that_is_not_one_says_so_with_404(string token)
    {
        using var browser = _portal.NewBrowser();

        using var response = await browser.GetAsync(Link(token));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.Should().Contain("El enlace no es válido").And.NotContain("<form");
        response.Headers.GetValues("Referrer-Policy").Single().Should().Be("no-referrer");
    }

    private static Uri Link(string token) => new(SurveyTokens.Link(token), UriKind.Relative);

    /// <summary>Posts the form as a browser would: the fields of the page it got (antiforgery token, form name) and the answers.</summary>
    private static async Task<HttpResponseMessage> PostAsync(
        HttpClient browser, string token, string satisfied, string rating, string timeliness, string courtesy, string comment,
        string? formPage = null, Dictionary<string, string>? extra = null)
    {
        formPage ??= await browser.GetStringAsync(Link(token));
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(formPage),
            ["_handler"] = Regex.Match(formPage, "name=\"_handler\" value=\"([^\"]+)\"").Groups[1].Value,
        };
        var names = RadioNames(formPage);
        names.Should().HaveCount(4, "the page has four questions to choose from");
        fields[names[0]] = satisfied;
        fields[names[1]] = rating;
        fields[names[2]] = timeliness;
        fields[names[3]] = courtesy;
        fields[Regex.Match(formPage, "<textarea[^>]*name=\"([^\"]+)\"").Groups[1].Value] = comment;
        foreach (var (key, value) in extra ?? [])
        {
            fields[key] = value;
        }

        using var content = new FormUrlEncodedContent(fields);
        return await browser.PostAsync(Link(token), content);
    }

    private static List<string> RadioNames(string html) =>
        Regex.Matches(html, "<input[^>]*type=\"radio\"[^>]*>").Select(m => Regex.Match(m.Value, "name=\"([^\"]+)\"").Groups[1].Value)
            .Distinct().ToList();

    /// <summary>The checked value of each radio group, in page order.</summary>
    private static List<string> CheckedValues(string html) =>
        Regex.Matches(html, "<input[^>]*type=\"radio\"[^>]*>").Where(m => m.Value.Contains("checked", StringComparison.Ordinal))
            .Select(m => Regex.Match(m.Value, "value=\"([^\"]+)\"").Groups[1].Value.ToLowerInvariant()).ToList();

    /// <summary>The portal on a fake clock (moved by the tests), with helpers to put a case in its survey window.</summary>
    public sealed class SurveyPortal : PortalFactory
    {
        public const string Solution = "Se cambió el fusor y se imprimió una página de prueba.";
        public const string Description = "Sale la hoja en blanco.";
        public const string Rejection = "La impresora del piso 3 es de un contratista: repórtela a la administración del edificio.";

        /// <summary>Starts at the real time (cookies and tokens look ordinary); the tests move it forward.</summary>
        public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Time));
        }

        /// <summary>A case filed by the requester, attended and resolved by its assignee, and its survey link (as the invitation sweep would write it).</summary>
        public async Task<(string Number, string Token)> ResolvedCaseWithLinkAsync(string subject = "No funciona la impresora del piso 3")
        {
            var number = await FileCaseAsync(DemoPeople.Requester, subject);
            var assignee = (await CaseAsync(number)).AssigneeId!.Value;
            var agent = CurrentUser.Person(assignee, PersonRoles.Agent);
            await Services.GetRequiredService<AttendCase>().HandleAsync(new AttendCaseCommand(number, null), agent, default);
            await Services.GetRequiredService<ResolveCase>().HandleAsync(new ResolveCaseCommand(number, null, Solution), agent, default);
            return (number, await LinkAsync(number));
        }

        /// <summary>A case filed by the requester and rejected by its assignee as out of scope, and its survey link.</summary>
        public async Task<(string Number, string Token)> RejectedCaseWithLinkAsync()
        {
            var number = await FileCaseAsync(DemoPeople.Requester, "Arreglar la impresora del contratista");
            var agent = CurrentUser.Person((await CaseAsync(number)).AssigneeId!.Value, PersonRoles.Agent);
            await Services.GetRequiredService<RejectCase>().HandleAsync(
                new RejectCaseCommand(number, null, RejectionReason.OutOfScope, Rejection, null), agent, default);
            return (number, await LinkAsync(number));
        }

        /// <summary>The survey link of the case's current round, as the invitation sweep would write it.</summary>
        private async Task<string> LinkAsync(string number)
        {
            var token = SurveyTokens.NewToken();
            var c = await CaseAsync(number);
            await using var db = await Services.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
            db.SurveyInvitations.Add(new SurveyInvitation(c.Id, c.SurveyRound, Time.GetUtcNow(), c.SurveyDueAt!.Value, SurveyTokens.Hash(token)));
            await db.SaveChangesAsync();
            return token;
        }

        public async Task<Case> CaseAsync(string number)
        {
            await using var db = await Services.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
            return await db.Cases.AsNoTracking().Include(c => c.SurveyResponses).SingleAsync(c => c.Number == number);
        }

        public async Task<string> DisplayNameAsync(Guid personId)
        {
            await using var db = await Services.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
            return await db.People.Where(p => p.Id == personId).Select(p => p.DisplayName).SingleAsync();
        }
    }
}
