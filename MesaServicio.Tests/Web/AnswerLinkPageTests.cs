using System.Net;
using System.Text.RegularExpressions;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.People;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MesaServicio.Tests.Web;

/// <summary><c>/respuesta/{token}</c> over HTTP, as a browser without script posts it: 404 for a link that is not one, the answer taken.</summary>
public sealed class AnswerLinkPageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("no-es-un-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_link_that_is_not_one_says_so_with_404_and_is_never_stored(string token)
    {
        using var browser = portal.NewBrowser();
        using var response = await browser.GetAsync(new Uri("/respuesta/" + token, UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        html.Should().Contain("No encontramos este enlace").And.NotContain("<form");
        response.Headers.GetValues("Referrer-Policy").Single().Should().Be("no-referrer");
        response.Headers.CacheControl!.NoStore.Should().BeTrue("the token is a secret in the address");
    }

    [Fact]
    public async Task An_empty_answer_is_refused_in_Spanish_and_a_real_one_resumes_the_case()
    {
        var (number, token) = await WaitingPqrsCaseAsync();
        using var browser = portal.NewBrowser();
        var page = await browser.GetStringAsync(new Uri("/respuesta/" + token, UriKind.Relative));
        WebUtility.HtmlDecode(page).Should().Contain("¿Con qué correo se registró en el portal?").And.Contain("La mesa de servicio espera su respuesta");

        using (var empty = await PostAsync(browser, token, page, "   "))
        {
            empty.StatusCode.Should().Be(HttpStatusCode.OK);
            WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync()).Should().Contain("Escriba su respuesta antes de enviarla.");
        }

        (await StatusAsync(number)).Should().Be(CaseStatus.WaitingOnRequester, "a refused answer changes nothing");

        using var answered = await PostAsync(browser, token, page, "Con ciudadana@correo.example.");
        WebUtility.HtmlDecode(await answered.Content.ReadAsStringAsync()).Should().Contain("Recibimos su respuesta")
            .And.Contain("el tiempo de solución corre de nuevo");
        (await StatusAsync(number)).Should().Be(CaseStatus.InProgress);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string token, string page, string text)
    {
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(page),
            ["_handler"] = Regex.Match(page, "name=\"_handler\" value=\"([^\"]+)\"").Groups[1].Value,
            ["Text"] = text,
        };
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        return await browser.PostAsync(new Uri("/respuesta/" + token, UriKind.Relative), content);
    }

    private async Task<CaseStatus> StatusAsync(string number)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
        return await db.Cases.Where(c => c.Number == number).Select(c => c.Status).SingleAsync();
    }

    /// <summary>A PQRS case of a citizen without an account, waiting on her answer; the token read from the question's e-mail.</summary>
    private async Task<(string Number, string Token)> WaitingPqrsCaseAsync()
    {
        var services = portal.Services;
        var citizen = Guid.NewGuid();
        int categoryId;
        await using (var db = await services.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync())
        {
            db.People.Add(new Person(citizen, "Ciudadana", $"c{citizen:N}@correo.example", null, PersonRoles.None));
            await db.SaveChangesAsync();
            categoryId = await db.Categories.Where(c => c.Name == "Cuentas de usuario y contraseñas").Select(c => c.Id).SingleAsync();
        }

        var filed = await services.GetRequiredService<RegisterCase>().HandleAsync(new RegisterCaseCommand(
            CaseKind.Request, categoryId, "Acceso al portal", "No puedo entrar.", Impact.Low, Urgency.Low, CaseChannel.Pqrs, citizen),
            CurrentUser.Integration, default);
        await using (var db = await services.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync())
        {
            var agent = CurrentUser.Person((await db.Cases.SingleAsync(c => c.Id == filed.CaseId)).AssigneeId!.Value, PersonRoles.Agent);
            await services.GetRequiredService<AttendCase>().HandleAsync(new(filed.Number, null), agent, default);
            await services.GetRequiredService<WaitOnRequester>().HandleAsync(new(filed.Number, null, "¿Con qué correo se registró en el portal?"), agent, default);
            var mail = await db.OutboxMessages.SingleAsync(m => m.CaseId == filed.CaseId && m.Kind == MessageKind.QuestionAsked);
            return (filed.Number, Regex.Match(mail.TextBody!, "/respuesta/([A-Za-z0-9_-]{43})").Groups[1].Value);
        }
    }
}
