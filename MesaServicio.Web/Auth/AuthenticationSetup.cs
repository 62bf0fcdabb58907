using System.Security.Claims;
using MesaServicio.Core.People;
using MesaServicio.Web.Intake;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace MesaServicio.Web.Auth;

/// <summary>How people sign in.</summary>
public enum SignInMode
{
    /// <summary>Microsoft Entra ID (OpenID Connect, authorization-code flow) through Microsoft.Identity.Web.</summary>
    Entra = 1,

    /// <summary>Choose a seeded person: the Development environment only (tests run in it).</summary>
    Local = 2,
}

/// <summary>The app refuses to start, for a reason it states in one line.</summary>
public sealed class StartupRefusedException : Exception
{
    public StartupRefusedException(string message)
        : base(message)
    {
    }

    public StartupRefusedException()
    {
    }

    public StartupRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Sign-in: Entra ID from the <c>AzureAd</c> section, or local sign-in where that is allowed.</summary>
public static class AuthenticationSetup
{
    public const string AzureAdSection = "AzureAd";
    public const string ModeKey = "Authentication:Mode";

    /// <summary>
    /// Entra when <c>AzureAd:ClientId</c> is configured (or <c>Authentication:Mode=Entra</c>); local when
    /// <c>Authentication:Mode=Local</c>, or in Development with no AzureAd section. Local only in Development.
    /// </summary>
    public static SignInMode ResolveMode(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var explicitMode = configuration[ModeKey];
        var hasEntra = !string.IsNullOrWhiteSpace(configuration[$"{AzureAdSection}:ClientId"]);
        SignInMode mode;
        if (string.Equals(explicitMode, "Local", StringComparison.OrdinalIgnoreCase))
        {
            mode = SignInMode.Local;
        }
        else if (string.Equals(explicitMode, "Entra", StringComparison.OrdinalIgnoreCase) || hasEntra)
        {
            mode = hasEntra
                ? SignInMode.Entra
                : throw new StartupRefusedException("Authentication:Mode=Entra needs the AzureAd section (Instance, TenantId, ClientId, ClientSecret or certificate): see README, \"Entra ID\".");
        }
        else if (environment.IsDevelopment())
        {
            mode = SignInMode.Local;
        }
        else
        {
            throw new StartupRefusedException("No sign-in is configured: set the AzureAd section (see README, \"Entra ID\"); local sign-in exists only for Development and tests.");
        }

        if (mode == SignInMode.Local && !environment.IsDevelopment())
        {
            // Not only Production: a Staging or a custom environment reachable by others is as open. Tests run in Development.
            throw new StartupRefusedException(
                $"Local sign-in is refused in {environment.EnvironmentName}: anyone could enter as anyone; it exists only for Development. Configure the AzureAd section (see README, \"Entra ID\").");
        }

        return mode;
    }

    public static SignInMode AddMesaAuthentication(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var mode = ResolveMode(builder.Configuration, builder.Environment);
        var services = builder.Services;
        services.AddSingleton(new SignInModeHolder(mode));

        AuthenticationBuilder authentication;
        if (mode == SignInMode.Entra)
        {
            var section = builder.Configuration.GetSection(AzureAdSection);
            var usesCertificate = section.GetSection("ClientCertificates").Exists() || section.GetSection("ClientCredentials").Exists();
            authentication = services.AddAuthentication(OpenIdConnectDefaults.AuthenticationScheme);
            var authBuilder = authentication
                .AddMicrosoftIdentityWebApp(options =>
                {
                    section.Bind(options);

                    // Authorization-code flow with PKCE; the id_token never travels in the front channel.
                    options.ResponseType = OpenIdConnectResponseType.Code;
                    options.UsePkce = true;
                });
            if (usesCertificate)
            {
                // A certificate (or another client assertion) is redeemed through MSAL.
                authBuilder.EnableTokenAcquisitionToCallDownstreamApi().AddInMemoryTokenCaches();
            }

            services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, options =>
            {
                var previous = options.Events.OnTokenValidated;
                options.Events.OnTokenValidated = async context =>
                {
                    await previous(context);
                    await OnEntraTokenValidatedAsync(context);
                };

                // A refused sign-in (bad or expired token, a disabled person...) ends on a page that says so, not an error 500.
                options.Events.OnRemoteFailure = context =>
                {
                    var log = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(Core.Security.SecurityLog.Category);
                    Core.Security.SecurityLog.SignInFailed(log, context.Failure?.GetType().Name ?? "unknown");
                    context.Response.Redirect("/ingresar/error");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        }
        else
        {
            authentication = services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        }

        // The intake API's own schemes: an API key always, app-only Entra tokens when Entra is configured.
        var integrationSchemes = authentication.AddIntegrationSchemes(
            mode == SignInMode.Entra ? builder.Configuration.GetSection(AzureAdSection) : null);

        var securePolicy = CookiePolicy(builder.Environment);
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = securePolicy);
        services.Configure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, options =>
        {
            options.Cookie.Name = "MesaServicio.Sesion";
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = securePolicy;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.LoginPath = "/ingresar";
            options.AccessDeniedPath = "/acceso-denegado";
            options.ReturnUrlParameter = "returnUrl";
            var previous = options.Events.OnValidatePrincipal;
            options.Events.OnValidatePrincipal = async context =>
            {
                await previous(context);
                if (context.Principal is not null)
                {
                    await SessionValidation.ValidateAsync(context);
                }
            };
        });

        services.AddAuthorizationBuilder().AddMesaPolicies(integrationSchemes);
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
        services.AddScoped<CurrentUserAccessor>();
        return mode;
    }

    /// <summary>
    /// Cookies are Secure everywhere but on a developer's plain-HTTP localhost (Development), where a
    /// Secure-only policy would make antiforgery refuse every form; over HTTPS they are Secure there too.
    /// </summary>
    public static CookieSecurePolicy CookiePolicy(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
    }

    /// <summary>First sign-in creates the person, later ones update them; the session carries the desk's own claims.</summary>
    private static async Task OnEntraTokenValidatedAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        var objectId = principal.FindFirst("http://schemas.microsoft.com/identity/claims/objectidentifier")?.Value
            ?? principal.FindFirst("oid")?.Value;
        if (string.IsNullOrEmpty(objectId))
        {
            context.Fail("The id_token has no object id (oid).");
            return;
        }

        var appRoles = principal.FindAll("roles").Concat(principal.FindAll(ClaimTypes.Role)).Select(c => c.Value);
        var email = principal.FindFirst("preferred_username")?.Value ?? principal.FindFirst(ClaimTypes.Email)?.Value
            ?? principal.FindFirst("email")?.Value ?? objectId;
        var name = principal.FindFirst("name")?.Value ?? email;
        var dependency = principal.FindFirst("department")?.Value;

        var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInPerson>();
        var result = await signIn.HandleAsync(
            new ExternalIdentity(objectId, name, email, dependency, MesaClaims.RolesFrom(appRoles)), context.HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            context.Fail("The person is disabled.");
            return;
        }

        // Keep the provider's claims (for sign-out) and add the desk's; roles come from the desk from now on.
        var kept = principal.Claims.Where(c => c.Type is not ("roles" or ClaimTypes.Role or ClaimTypes.Name or "name"));
        context.Principal = new ClaimsPrincipal(MesaClaims.IdentityFor(result.PersonId!.Value, name, result.Roles, kept));
    }
}

/// <summary>The sign-in mode in force, for the endpoints and pages that differ by mode.</summary>
public sealed record SignInModeHolder(SignInMode Mode);
