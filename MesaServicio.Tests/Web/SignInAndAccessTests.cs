using System.Net;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Web;

public sealed class SignInAndAccessTests : IClassFixture<SignInAndAccessTests.LoggingPortal>
{
    private readonly LoggingPortal _portal;

    public SignInAndAccessTests(LoggingPortal portal) => _portal = portal;

    [Fact]
    public async Task Filing_a_case_without_a_session_redirects_to_sign_in()
    {
        using var browser = _portal.NewBrowser();
        using var response = await browser.GetAsync(new Uri("/casos/nuevo", UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.PathAndQuery.Should().Be("/ingresar?returnUrl=%2Fcasos%2Fnuevo");

        using var signIn = await browser.GetAsync(response.Headers.Location);
        signIn.Headers.Location!.OriginalString.Should().Be("/ingresar/local?returnUrl=%2Fcasos%2Fnuevo");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/ingresar/local")]
    [InlineData("/css/site.css")]
    [InlineData("/no-existe")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var browser = _portal.NewBrowser();
        using var response = await browser.GetAsync(new Uri(path, UriKind.Relative));
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("frame-ancestors 'none'").And.Contain("default-src 'self'").And.NotContain("http");
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().Should().Be("strict-origin-when-cross-origin");
    }

    [Fact]
    public async Task The_session_cookie_is_HttpOnly_Secure_and_SameSite_Lax()
    {
        using var browser = _portal.NewBrowser();
        var page = await browser.GetStringAsync(new Uri("/ingresar/local", UriKind.Relative));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["personId"] = DemoPeople.Requester.ToString(),
            ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(page),
        });
        using var response = await browser.PostAsync(new Uri("/ingresar/local", UriKind.Relative), form);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("MesaServicio.Sesion=", StringComparison.Ordinal));
        cookie.Should().Contain("httponly").And.Contain("secure").And.Contain("samesite=lax");
    }

    [Fact]
    public async Task A_requester_walking_case_numbers_gets_nothing_of_other_peoples_cases()
    {
        var mine = await _portal.FileCaseAsync(DemoPeople.Requester3, "Mi caso");
        var others = new[]
        {
            await _portal.FileCaseAsync(DemoPeople.Requester2, "Caso de otra persona con datos personales"),
            await _portal.FileCaseAsync(DemoPeople.Requester, "Otro caso ajeno"),
        };
        using var browser = _portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, DemoPeople.Requester3);

        var own = await browser.GetAsync(new Uri("/casos/" + mine, UriKind.Relative));
        own.StatusCode.Should().Be(HttpStatusCode.OK);
        (await own.Content.ReadAsStringAsync()).Should().Contain("Mi caso");

        var missing = await browser.GetAsync(new Uri("/casos/MS-2099-999999", UriKind.Relative));
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var missingBody = WithoutTokens(await missing.Content.ReadAsStringAsync());

        foreach (var number in others.Concat([others[0].ToLowerInvariant(), " " + others[1]]))
        {
            var response = await browser.GetAsync(new Uri("/casos/" + Uri.EscapeDataString(number), UriKind.Relative));
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, $"{number} is another person's case");
            WithoutTokens(await response.Content.ReadAsStringAsync()).Should().Be(missingBody, "an out-of-reach case answers exactly like a missing one");
        }

        // Walking every number there is, and ids instead of numbers, finds only the requester's own case.
        for (var n = 1; n <= 12; n++)
        {
            var number = CaseNumbers.Format(2026, n);
            var response = await browser.GetAsync(new Uri("/casos/" + number, UriKind.Relative));
            var expected = number == mine ? HttpStatusCode.OK : HttpStatusCode.NotFound;
            response.StatusCode.Should().Be(expected, number);
        }

        foreach (var probe in new[] { "1", "0", Guid.NewGuid().ToString(), "MS-2026-000001%27--" })
        {
            (await browser.GetAsync(new Uri("/casos/" + probe, UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task A_requester_never_sees_internal_notes()
    {
        var number = await _portal.FileCaseAsync(DemoPeople.Requester2, "Caso con conversación");
        var agent = await AssigneeOfAsync(number);
        await _portal.Services.GetRequiredService<MesaServicio.Core.Cases.CommentOnCase>().HandleAsync(
            new(number, "NOTA-INTERNA: el usuario tiene la clave vencida.", true), CurrentUser.Person(agent, MesaServicio.Core.People.PersonRoles.Agent), default);
        await _portal.Services.GetRequiredService<MesaServicio.Core.Cases.CommentOnCase>().HandleAsync(
            new(number, "Le escribimos por correo.", false), CurrentUser.Person(agent, MesaServicio.Core.People.PersonRoles.Agent), default);

        using var requester = _portal.NewBrowser();
        await PortalFactory.SignInAsync(requester, DemoPeople.Requester2);
        var seenByRequester = await requester.GetStringAsync(new Uri("/casos/" + number, UriKind.Relative));
        seenByRequester.Should().Contain("Le escribimos por correo.").And.NotContain("NOTA-INTERNA").And.NotContain("nota interna");

        using var staff = _portal.NewBrowser();
        await PortalFactory.SignInAsync(staff, agent);
        (await staff.GetStringAsync(new Uri("/casos/" + number, UriKind.Relative))).Should().Contain("NOTA-INTERNA");
    }

    [Fact]
    public async Task A_role_removed_in_the_database_is_gone_on_the_next_request()
    {
        var number = await _portal.FileCaseAsync(DemoPeople.Requester, "Caso para probar roles");
        using var browser = _portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, DemoPeople.Agent6);
        await SetGroupCaseAsync(number, "Servicios administrativos — nivel 1");
        (await browser.GetAsync(new Uri("/casos/" + number, UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);

        await ChangePersonAsync(DemoPeople.Agent6, p => p.UpdateProfile(p.DisplayName, p.Email, p.Dependency, MesaServicio.Core.People.PersonRoles.None));
        try
        {
            (await browser.GetAsync(new Uri("/casos/" + number, UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
        finally
        {
            await ChangePersonAsync(DemoPeople.Agent6, p => p.UpdateProfile(p.DisplayName, p.Email, p.Dependency, MesaServicio.Core.People.PersonRoles.Agent));
        }
    }

    [Fact]
    public async Task A_disabled_person_is_signed_out_on_the_next_request()
    {
        using var browser = _portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, DemoPeople.Agent5);
        (await browser.GetAsync(new Uri("/casos/nuevo", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);

        await ChangePersonAsync(DemoPeople.Agent5, p => p.Deactivate());
        try
        {
            var response = await browser.GetAsync(new Uri("/casos/nuevo", UriKind.Relative));
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            response.Headers.Location!.PathAndQuery.Should().StartWith("/ingresar");
        }
        finally
        {
            await ChangePersonAsync(DemoPeople.Agent5, p => p.Activate());
        }
    }

    [Fact]
    public async Task Signing_out_is_a_POST_with_an_antiforgery_token_and_ends_the_session()
    {
        using var browser = _portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, DemoPeople.Requester);
        var page = await browser.GetStringAsync(new Uri("/casos/nuevo", UriKind.Relative));

        using (var forged = new FormUrlEncodedContent(new Dictionary<string, string>()))
        {
            (await browser.PostAsync(new Uri("/salir", UriKind.Relative), forged)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        (await browser.GetAsync(new Uri("/salir", UriKind.Relative))).StatusCode.Should().NotBe(HttpStatusCode.Redirect, "GET does not sign out");
        (await browser.GetAsync(new Uri("/casos/nuevo", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(page) });
        var signOut = await browser.PostAsync(new Uri("/salir", UriKind.Relative), form);
        signOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await browser.GetAsync(new Uri("/casos/nuevo", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Redirect);

        _portal.Logs.Of(SecurityLog.Category).Should().Contain(l => l.StartsWith("Sign-out of person " + DemoPeople.Requester, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://evil.example/robar", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("/casos/MS-2026-000001", "/casos/MS-2026-000001")]
    [InlineData(null, "/")]
    public void Return_urls_are_local_paths_only(string? returnUrl, string expected) =>
        AuthEndpoints.LocalReturnUrl(returnUrl).Should().Be(expected);

    [Fact]
    public async Task Sign_in_does_not_redirect_off_site()
    {
        using var browser = _portal.NewBrowser();
        var response = await browser.GetAsync(new Uri("/ingresar?returnUrl=" + Uri.EscapeDataString("https://evil.example/"), UriKind.Relative));
        response.Headers.Location!.OriginalString.Should().Be("/ingresar/local?returnUrl=%2F");
    }

    [Fact]
    public async Task The_security_log_records_sign_ins_and_refusals_with_ids_only()
    {
        var number = await _portal.FileCaseAsync(DemoPeople.Requester, "Asunto con datos personales de Laura");
        using var browser = _portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, DemoPeople.Requester2);
        (await browser.GetAsync(new Uri("/casos/" + number, UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var lines = _portal.Logs.Of(SecurityLog.Category).ToList();
        lines.Should().Contain($"Sign-in of person {DemoPeople.Requester2} by local");
        lines.Should().Contain($"Refused View on case {number} for {DemoPeople.Requester2}: NotFound");
        var all = string.Join("\n", _portal.Logs.Lines.Select(l => l.Message));
        all.Should().NotContain("Andrés").And.NotContain("@entidad.gov.co").And.NotContain("datos personales");
    }

    /// <summary>
    /// The antiforgery token, the encrypted component state and the interactive components' encrypted markers
    /// differ on every response; everything else must not.
    /// </summary>
    private static string WithoutTokens(string html) =>
        System.Text.RegularExpressions.Regex.Replace(
            html, "name=\"__RequestVerificationToken\" value=\"[^\"]+\"|<!--Blazor-Server-Component-State:[^>]*-->|<!--Blazor:\\{[^>]*-->", "");

    private async Task<Guid> AssigneeOfAsync(string number)
    {
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
        return await db.Cases.Where(c => c.Number == number).Select(c => c.AssigneeId!.Value).SingleAsync();
    }

    private async Task SetGroupCaseAsync(string number, string groupName)
    {
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
        var group = await db.TechnicianGroups.SingleAsync(g => g.Name == groupName);
        var c = await db.Cases.SingleAsync(x => x.Number == number);
        c.Assign(DemoPeople.Agent3, group.Id, group.Level, new MesaServicio.Core.Cases.CaseContext(
            MesaServicio.Core.Cases.Actor.System, DateTimeOffset.UtcNow, MesaServicio.Core.Calendar.BusinessCalendar.ColombiaDefault()),
            "Preparación de la prueba.");
        await db.SaveChangesAsync();
    }

    private async Task ChangePersonAsync(Guid personId, Action<MesaServicio.Core.People.Person> change)
    {
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
        change(await db.People.SingleAsync(p => p.Id == personId));
        await db.SaveChangesAsync();
    }

    /// <summary>The portal with its logs captured.</summary>
    public sealed class LoggingPortal : PortalFactory
    {
        public CapturingLoggerProvider Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // Replace the app's (Serilog) logger factory so every line lands in the capture.
            builder.ConfigureServices(s => s.AddSingleton<ILoggerFactory>(_ => LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug))));
        }
    }
}
