using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using MesaServicio.Core.People;
using MesaServicio.Core.Persistence;
using MesaServicio.Tests.Support;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace MesaServicio.Tests.Web;

/// <summary>
/// Sign-in through Microsoft.Identity.Web's real OpenID Connect handler, as the app configures it
/// (<see cref="MesaServicio.Web.Auth.AuthenticationSetup"/>), against a stand-in Entra tenant on 127.0.0.1.
/// The handler talks to the stand-in over real HTTP: discovery, JWKS and the code redemption.
/// </summary>
public sealed class EntraSignInTests : IClassFixture<EntraSignInTests.EntraDesk>
{
    private const string HandlerCategory = "Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectHandler";
    private static readonly Uri NewCase = new("/casos/nuevo", UriKind.Relative);

    private readonly EntraDesk _desk;

    public EntraSignInTests(EntraDesk desk) => _desk = desk;

    private StandInAuthority Authority => _desk.Authority;

    private EntraPortal Portal => _desk.Portal;

    [Fact]
    public async Task An_agent_signs_in_with_the_code_flow_and_PKCE_and_is_provisioned_from_the_id_token()
    {
        using var browser = Portal.NewBrowser();
        var ana = NewUser("Ana María Pérez", "Mesa.Agente");

        var flow = await SignInAsync(browser, ana, NewCase);

        // The challenge: authorization code with PKCE (S256), a nonce and a state, the answer posted back.
        flow.Authorize.GetLeftPart(UriPartial.Path).Should().Be(Authority.AuthorizationEndpoint.ToString());
        var query = QueryHelpers.ParseQuery(flow.Authorize.Query);
        query["client_id"].ToString().Should().Be(Authority.ClientId);
        query["redirect_uri"].ToString().Should().Be("https://localhost/signin-oidc");
        query["response_type"].ToString().Should().Be("code");
        query["response_mode"].ToString().Should().Be("form_post");
        query["scope"].ToString().Split(' ').Should().Contain(["openid", "profile"]);
        query["code_challenge_method"].ToString().Should().Be("S256");
        query["code_challenge"].ToString().Should().MatchRegex("^[A-Za-z0-9_-]{43}$", "a base64url SHA-256");
        query["nonce"].ToString().Should().NotBeNullOrEmpty();
        query["state"].ToString().Should().NotBeNullOrEmpty();
        Authority.AuthorizeRequests[^1].CodeChallenge.Should().Be(query["code_challenge"].ToString());
        flow.PostedToCallback.Keys.Should().Contain(["code", "state"]);

        // The code was redeemed in the back channel with the client secret and the PKCE verifier.
        Authority.TokenRequests[^1].Should().Be(new TokenRequest("authorization_code", Authority.ClientId, true, true, null));

        // Signed in, back where the person was going.
        flow.CallbackStatus.Should().Be(HttpStatusCode.Redirect);
        flow.CallbackLocation.Should().Be("/casos/nuevo");
        flow.SessionCookie.Should().NotBeNull().And.Contain("secure").And.Contain("httponly");
        (await browser.GetAsync(NewCase)).StatusCode.Should().Be(HttpStatusCode.OK);

        var person = await PersonAsync(ana.ObjectId);
        person.Should().NotBeNull();
        person!.DisplayName.Should().Be("Ana María Pérez");
        person.Email.Should().Be(ana.Email);
        person.Roles.Should().Be(PersonRoles.Agent);
        person.IsActive.Should().BeTrue();
    }

    [Fact]
    public async Task A_coordinator_signing_in_through_the_sign_in_page_gets_the_Coordinator_and_Agent_roles()
    {
        using var browser = Portal.NewBrowser();
        var jorge = NewUser("Jorge Castaño", "Mesa.Coordinador");

        var flow = await SignInAsync(browser, jorge, new Uri("/ingresar?returnUrl=%2Fcasos%2Fnuevo", UriKind.Relative));

        flow.CallbackLocation.Should().Be("/casos/nuevo", "the return URL travels in the protected state");
        flow.SessionCookie.Should().NotBeNull();
        (await browser.GetAsync(NewCase)).StatusCode.Should().Be(HttpStatusCode.OK);
        var person = await PersonAsync(jorge.ObjectId);
        person!.Roles.Should().Be(PersonRoles.Agent | PersonRoles.Coordinator);
        person.DisplayName.Should().Be("Jorge Castaño");
    }

    [Fact]
    public async Task A_second_sign_in_of_the_same_oid_updates_the_person_instead_of_creating_another()
    {
        var first = NewUser("Luisa Fernanda Gómez", "Mesa.Agente");
        using (var browser = Portal.NewBrowser())
        {
            (await SignInAsync(browser, first, NewCase)).SessionCookie.Should().NotBeNull();
        }

        var id = (await PersonAsync(first.ObjectId))!.Id;
        var renamed = first with { Name = "Luisa Fernanda Gómez Ruiz", Email = "lfgomez@entidad.gov.co", Roles = ["Mesa.LiderTecnico"] };
        using (var browser = Portal.NewBrowser())
        {
            (await SignInAsync(browser, renamed, NewCase)).SessionCookie.Should().NotBeNull();
            (await browser.GetAsync(NewCase)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        await using var db = await Db();
        var people = await db.People.AsNoTracking().Where(p => p.ExternalObjectId == first.ObjectId).ToListAsync();
        people.Should().ContainSingle();
        people[0].Id.Should().Be(id);
        people[0].DisplayName.Should().Be("Luisa Fernanda Gómez Ruiz");
        people[0].Email.Should().Be("lfgomez@entidad.gov.co");
        people[0].Roles.Should().Be(PersonRoles.Agent | PersonRoles.TechnicalLead, "roles follow the token of the latest sign-in");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_id_token_signed_by_another_key_is_refused(bool reusingThePublishedKeyId)
    {
        var refusal = await RefusedSignInAsync(new IdTokenShape { SignedByAnotherKey = true, ReusePublishedKeyId = reusingThePublishedKeyId });

        if (reusingThePublishedKeyId)
        {
            refusal.Should().BeOfType<SecurityTokenInvalidSignatureException>().Which.Message.Should().StartWith("IDX10511");
        }
        else
        {
            refusal.Should().BeOfType<SecurityTokenSignatureKeyNotFoundException>().Which.Message.Should().StartWith("IDX10503");
        }
    }

    [Fact]
    public async Task An_id_token_for_another_audience_is_refused()
    {
        var refusal = await RefusedSignInAsync(new IdTokenShape { Audience = Guid.NewGuid().ToString() });

        refusal.Should().BeOfType<SecurityTokenInvalidAudienceException>().Which.Message.Should().StartWith("IDX10214");
    }

    [Theory]
    [InlineData("another tenant of the same authority")]
    [InlineData("another authority")]
    public async Task An_id_token_from_another_issuer_is_refused(string issuer)
    {
        var otherTenant = Guid.NewGuid().ToString();
        var shape = issuer == "another authority"
            ? new IdTokenShape { Issuer = $"https://login.example.net/{Authority.TenantId}/v2.0" }
            : new IdTokenShape { Issuer = $"{Authority.Instance}{otherTenant}/v2.0", TenantId = otherTenant };

        var refusal = await RefusedSignInAsync(shape);

        // Refused by Microsoft.Identity.Web's AAD issuer validator. With a loopback http authority its own
        // metadata lookup cannot succeed (see the test below), so the refusal carries that as inner exception.
        refusal.Should().BeOfType<SecurityTokenInvalidIssuerException>().Which.Message.Should().StartWith($"IDX40001: Issuer: '{shape.Issuer}'");
    }

    [Fact]
    public async Task An_expired_id_token_is_refused()
    {
        var refusal = await RefusedSignInAsync(new IdTokenShape { ExpiredAgo = TimeSpan.FromMinutes(10) });

        refusal.Should().BeOfType<SecurityTokenExpiredException>().Which.Message.Should().StartWith("IDX10223");
    }

    [Fact]
    public async Task Signing_out_ends_the_session_and_signs_out_at_the_authority()
    {
        using var browser = Portal.NewBrowser();
        var user = NewUser("Pedro Nel Ospina", "Mesa.Agente");
        (await SignInAsync(browser, user, NewCase)).SessionCookie.Should().NotBeNull();
        var page = await browser.GetStringAsync(NewCase);

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(page) });
        using var signOut = await browser.PostAsync(new Uri("/salir", UriKind.Relative), form);

        signOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var endSession = signOut.Headers.Location!;
        endSession.GetLeftPart(UriPartial.Path).Should().Be(Authority.EndSessionEndpoint.ToString());
        var query = QueryHelpers.ParseQuery(endSession.Query);
        query["post_logout_redirect_uri"].ToString().Should().Be("https://localhost/signout-callback-oidc");
        query["state"].ToString().Should().NotBeNullOrEmpty();
        signOut.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith("MesaServicio.Sesion=;", StringComparison.Ordinal) && c.Contains("expires=Thu, 01 Jan 1970", StringComparison.Ordinal));

        using (var stillThere = await browser.GetAsync(NewCase))
        {
            stillThere.StatusCode.Should().Be(HttpStatusCode.Redirect);
            stillThere.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be(Authority.AuthorizationEndpoint.ToString(), "signed out, the page asks for sign-in again");
        }

        // The authority signs the person out and sends the browser back to the app's signed-out callback.
        using var authorityBrowser = AuthorityBrowser();
        using var atAuthority = await authorityBrowser.GetAsync(endSession);
        atAuthority.StatusCode.Should().Be(HttpStatusCode.Redirect);
        Authority.EndSessionRequests[^1].PostLogoutRedirectUri.Should().Be("https://localhost/signout-callback-oidc");
        using var signedOut = await browser.GetAsync(atAuthority.Headers.Location);
        signedOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signedOut.Headers.Location!.OriginalString.Should().Be("/");
    }

    [Fact]
    public async Task The_handler_refuses_an_http_authority_unless_RequireHttpsMetadata_is_turned_off()
    {
        await using var authority = await StandInAuthority.StartAsync();
        using var portal = new EntraPortal(authority, allowHttpMetadata: false);
        using var browser = portal.NewBrowser();

        using var response = await browser.GetAsync(NewCase);

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        portal.Log.Entries.Select(e => e.Exception).OfType<InvalidOperationException>().Should().Contain(e =>
            e.Message == "The MetadataAddress or Authority must use HTTPS unless disabled for development by setting RequireHttpsMetadata=false.");
        authority.AuthorizeRequests.Should().BeEmpty();
    }

    /// <summary>
    /// Where Microsoft.Identity.Web stops with a loopback http authority: its AAD issuer validator looks the
    /// issuer up in <c>{authority}/.well-known/openid-configuration</c> with its own document retriever,
    /// which requires https and is not reached by <c>RequireHttpsMetadata</c>. Everything before it passes
    /// (code, secret, PKCE, signature, audience, lifetime); the issuer check fails, so no session.
    /// </summary>
    [Fact]
    public async Task The_AAD_issuer_validator_cannot_look_up_the_issuer_of_an_http_authority()
    {
        await using var authority = await StandInAuthority.StartAsync();
        using var portal = new EntraPortal(authority, trustStandInIssuer: false);
        using var browser = portal.NewBrowser();
        var user = NewUser("Sofía Rincón", "Mesa.Agente");

        var flow = await SignInAsync(browser, user, NewCase, authority);

        authority.TokenRequests.Should().ContainSingle().Which.Error.Should().BeNull("the code, the secret and the PKCE verifier were accepted");
        flow.CallbackStatus.Should().Be(HttpStatusCode.Redirect);
        flow.CallbackLocation.Should().Be("/ingresar/error");
        flow.SessionCookie.Should().BeNull();
        var refusal = HandlerFailures(portal, 0).Should().ContainSingle().Subject;
        refusal.Should().BeOfType<SecurityTokenInvalidIssuerException>().Which.Message.TrimEnd().Should()
            .Be($"IDX40001: Issuer: '{authority.Issuer}', does not match any of the valid issuers provided for this application.");
        refusal.InnerException.Should().BeOfType<InvalidOperationException>().Which.Message.Should()
            .StartWith($"IDX20803: Unable to obtain configuration from: '{authority.Issuer}/.well-known/openid-configuration'");
        refusal.InnerException!.InnerException.Should().BeOfType<ArgumentException>().Which.Message.Should()
            .StartWith($"IDX20108: The address specified '{authority.Issuer}/.well-known/openid-configuration' is not valid as per HTTPS scheme.");
        (await PersonAsync(user.ObjectId, portal)).Should().BeNull();
    }

    private static StandInUser NewUser(string name, params string[] roles) =>
        new(Guid.NewGuid().ToString(), name, $"u{Guid.NewGuid():N}@entidad.gov.co", roles);

    private static HttpClient AuthorityBrowser() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

    private static IEnumerable<Exception> HandlerFailures(EntraPortal portal, int skip) =>
        portal.Log.Entries.Skip(skip).Where(e => e.Category == HandlerCategory && e.Exception is not null).Select(e => e.Exception!);

    /// <summary>
    /// A sign-in whose id_token has <paramref name="shape"/>: the authority issues it, the app refuses it.
    /// Returns the exception the handler refused it with, after checking that no session and no person came of it.
    /// </summary>
    private async Task<Exception> RefusedSignInAsync(IdTokenShape shape)
    {
        using var browser = Portal.NewBrowser();
        var user = NewUser("Intruso Prueba", "Mesa.Coordinador");
        var logged = Portal.Log.Entries.Count;
        Authority.NextIdToken = shape;

        var flow = await SignInAsync(browser, user, NewCase);

        Authority.TokenRequests[^1].Error.Should().BeNull("the authority issued the token: the refusal is the app's");
        flow.CallbackStatus.Should().Be(HttpStatusCode.Redirect, "a refused sign-in ends on a page that says so");
        flow.CallbackLocation.Should().Be("/ingresar/error");
        flow.SessionCookie.Should().BeNull();
        using (var again = await browser.GetAsync(NewCase))
        {
            again.StatusCode.Should().Be(HttpStatusCode.Redirect);
            again.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be(Authority.AuthorizationEndpoint.ToString(), "there is no session");
        }

        (await PersonAsync(user.ObjectId)).Should().BeNull();
        return HandlerFailures(Portal, logged).Should().ContainSingle().Subject;
    }

    /// <summary>
    /// A person walks in at <paramref name="start"/>, is sent to the authority, signs in there, and the
    /// authority's form_post page comes back to <c>/signin-oidc</c> (posted by the test, as its script would).
    /// </summary>
    private async Task<SignInFlow> SignInAsync(HttpClient browser, StandInUser user, Uri start, StandInAuthority? authority = null)
    {
        authority ??= Authority;
        authority.User = user;
        using var first = await browser.GetAsync(start);
        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var authorize = first.Headers.Location!;
        authorize.GetLeftPart(UriPartial.Path).Should().Be(authority.AuthorizationEndpoint.ToString(), "the handler challenges straight to the authority");

        using var authorityBrowser = AuthorityBrowser();
        using var page = await authorityBrowser.GetAsync(authorize);
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        var action = Regex.Match(html, "<form method=\"POST\" name=\"hiddenform\" action=\"([^\"]+)\">");
        action.Success.Should().BeTrue("the authority answers with an auto-posting form: {0}", html);
        var fields = Regex.Matches(html, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\" />")
            .ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value), StringComparer.Ordinal);

        using var form = new FormUrlEncodedContent(fields);
        using var callback = await browser.PostAsync(new Uri(WebUtility.HtmlDecode(action.Groups[1].Value)), form);
        var cookies = callback.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        return new SignInFlow(
            authorize,
            fields,
            callback.StatusCode,
            callback.Headers.Location?.OriginalString,
            cookies.FirstOrDefault(c => c.StartsWith("MesaServicio.Sesion", StringComparison.Ordinal) && !c.StartsWith("MesaServicio.Sesion=;", StringComparison.Ordinal)));
    }

    private Task<MesaDbContext> Db(EntraPortal? portal = null) =>
        (portal ?? Portal).Services.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();

    private async Task<Person?> PersonAsync(string objectId, EntraPortal? portal = null)
    {
        await using var db = await Db(portal);
        return await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.ExternalObjectId == objectId);
    }

    /// <summary>What a sign-in came to: the authorize request, the answer posted back, and the app's response to it.</summary>
    private sealed record SignInFlow(
        Uri Authorize, IReadOnlyDictionary<string, string> PostedToCallback, HttpStatusCode CallbackStatus, string? CallbackLocation, string? SessionCookie);

    /// <summary>Every log entry with its exception (the handler logs why it refused a sign-in).</summary>
    public sealed class CapturedLog : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLog owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Entries.Enqueue((category, logLevel, formatter(state, exception), exception));
        }
    }

    /// <summary>
    /// The portal signing in with Entra against the stand-in authority: the <c>AzureAd</c> section as an
    /// operator would write it, and the app's own configuration of Microsoft.Identity.Web. The only
    /// overrides are the two a loopback http authority needs, each explained where it is made.
    /// </summary>
    public sealed class EntraPortal(StandInAuthority authority, bool allowHttpMetadata = true, bool trustStandInIssuer = true) : PortalFactory
    {
        public CapturedLog Log { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("AzureAd:Instance", authority.Instance.ToString());
            builder.UseSetting("AzureAd:TenantId", authority.TenantId);
            builder.UseSetting("AzureAd:ClientId", authority.ClientId);
            builder.UseSetting("AzureAd:ClientSecret", authority.ClientSecret);
            builder.UseSetting("AzureAd:CallbackPath", "/signin-oidc");
            builder.ConfigureServices(services =>
            {
                services.AddSingleton<ILoggerFactory>(_ => LoggerFactory.Create(b => b.AddProvider(Log).SetMinimumLevel(LogLevel.Information)));
                if (allowHttpMetadata)
                {
                    // Override 1: the authority is http://127.0.0.1. The handler builds its metadata retriever
                    // in its own PostConfigure, registered before this, so the flag goes in a Configure (which
                    // runs after Microsoft.Identity.Web's, which copies RequireHttpsMetadata=true).
                    services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, o => o.RequireHttpsMetadata = false);
                }

                if (trustStandInIssuer)
                {
                    // Override 2: Microsoft.Identity.Web's AAD issuer validator stays in place (it still requires
                    // a tid and matches the issuer exactly), but it is given the stand-in's issuer: its own
                    // lookup of the issuer over http always fails (IDX20108; see
                    // The_AAD_issuer_validator_cannot_look_up_the_issuer_of_an_http_authority).
                    services.PostConfigure<OpenIdConnectOptions>(
                        OpenIdConnectDefaults.AuthenticationScheme, o => o.TokenValidationParameters.ValidIssuer = authority.Issuer);
                }
            });
        }
    }

    /// <summary>One stand-in authority and one portal for the class; each test signs in people of its own.</summary>
    public sealed class EntraDesk : IAsyncLifetime
    {
        public StandInAuthority Authority { get; private set; } = null!;

        public EntraPortal Portal { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Authority = await StandInAuthority.StartAsync();
            Portal = new EntraPortal(Authority);
        }

        public async Task DisposeAsync()
        {
            Portal.Dispose();
            await Authority.DisposeAsync();
        }
    }
}
