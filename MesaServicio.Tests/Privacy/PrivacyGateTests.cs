using System.Net;
using System.Text.RegularExpressions;
using MesaServicio.Core.People;
using MesaServicio.Core.Privacy;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Privacy;

/// <summary>
/// The portal asks a signed-in person to accept the privacy notice in force before anything else, once per version; the
/// notice is public at /privacidad.
/// </summary>
public sealed class PrivacyGateTests : IDisposable
{
    private readonly PortalFactory _portal = new();

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task A_person_who_has_not_accepted_sees_only_the_notice_then_the_page_once_accepted()
    {
        using var browser = _portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, DemoPeople.Requester, acceptPrivacyNotice: false);

        var gated = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri("/casos", UriKind.Relative)));
        gated.Should().Contain(">Aviso de privacidad</h1>").And.Contain("action=\"/privacidad/aceptar\"")
            .And.Contain("name=\"returnUrl\" value=\"/casos\"").And.Contain("No acepto, salir");
        gated.Should().NotContain(">Mis casos</h1>", "nothing of the portal before the notice is accepted");

        var token = PortalFactory.AntiforgeryToken(gated);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["version"] = "1",
            ["returnUrl"] = "/casos",
            ["__RequestVerificationToken"] = token,
        });
        using var accepted = await browser.PostAsync(new Uri("/privacidad/aceptar", UriKind.Relative), form);
        accepted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        accepted.Headers.Location!.OriginalString.Should().Be("/casos");

        var page = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri("/casos", UriKind.Relative)));
        page.Should().Contain(">Mis casos</h1>").And.NotContain("action=\"/privacidad/aceptar\"");
        await using var db = _portal.Services.GetRequiredService<IDbContextFactory<Core.Persistence.MesaDbContext>>().CreateDbContext();
        (await db.PrivacyAcceptances.SingleAsync(a => a.PersonId == DemoPeople.Requester)).Version.Should().Be(1);
    }

    [Fact]
    public async Task A_new_version_is_asked_for_at_the_next_page_and_accepting_the_old_one_shows_the_new_one_saying_why()
    {
        using var browser = _portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, DemoPeople.Requester);
        var before = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri("/casos", UriKind.Relative)));
        before.Should().Contain(">Mis casos</h1>");

        await _portal.Services.GetRequiredService<PrivacyNotices>().PublishAsync(
            CurrentUser.Person(DemoPeople.Coordinator, PersonRoles.Coordinator), "Aviso nuevo: ahora también medimos la satisfacción por teléfono.", default);

        var gated = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri("/casos", UriKind.Relative)));
        gated.Should().Contain("Aviso nuevo: ahora también medimos la satisfacción por teléfono.").And.Contain("name=\"version\" value=\"2\"");

        using var stale = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["version"] = "1",
            ["returnUrl"] = "/casos",
            ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(gated),
        });
        using var refused = await browser.PostAsync(new Uri("/privacidad/aceptar", UriKind.Relative), stale);
        refused.StatusCode.Should().Be(HttpStatusCode.Redirect);
        refused.Headers.Location!.OriginalString.Should().Be("/privacidad?cambio=1&returnUrl=%2Fcasos");
        var explained = WebUtility.HtmlDecode(await browser.GetStringAsync(refused.Headers.Location));
        explained.Should().Contain("El aviso de privacidad cambió mientras usted lo leía").And.Contain("name=\"version\" value=\"2\"");
    }

    [Fact]
    public async Task The_notice_and_the_accessibility_statement_are_open_to_everyone_and_the_notice_says_when_it_was_accepted()
    {
        using var anonymous = _portal.NewBrowser();
        var notice = WebUtility.HtmlDecode(await anonymous.GetStringAsync(new Uri("/privacidad", UriKind.Relative)));
        notice.Should().Contain("Versión 1, publicada el").And.Contain("Ley 1581 de 2012").And.NotContain("/privacidad/aceptar");

        using var browser = _portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, DemoPeople.Requester, acceptPrivacyNotice: false);
        var statement = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri("/accesibilidad", UriKind.Relative)));
        statement.Should().Contain(">Declaración de accesibilidad</h1>");

        await PortalFactory.AcceptPrivacyNoticeAsync(browser);
        var mine = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri("/privacidad", UriKind.Relative)));
        Regex.IsMatch(mine, "Usted aceptó esta versión el \\d{1,2} de [a-z]+ de \\d{4}").Should().BeTrue(mine);
    }

    [Fact]
    public async Task Accepting_needs_a_session_and_an_antiforgery_token()
    {
        using var anonymous = _portal.NewBrowser();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["version"] = "1", ["returnUrl"] = "/" });

        using var response = await anonymous.PostAsync(new Uri("/privacidad/aceptar", UriKind.Relative), form);

        ((int)response.StatusCode).Should().BeOneOf(302, 400, 401);
        await using var db = _portal.Services.GetRequiredService<IDbContextFactory<Core.Persistence.MesaDbContext>>().CreateDbContext();
        (await db.PrivacyAcceptances.AnyAsync()).Should().BeFalse();
    }
}
