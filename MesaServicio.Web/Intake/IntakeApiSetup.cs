using System.Globalization;
using MesaServicio.Core.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MesaServicio.Web.Intake;

/// <summary>The intake API's limits (configuration section <c>Intake</c>).</summary>
public sealed class IntakeApiOptions
{
    public const string SectionName = "Intake";

    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>
    /// Requests one client (an API key, an Entra app) may make per minute, and API keys one address may get wrong per minute
    /// before its next attempts are refused without being looked up.
    /// </summary>
    public sealed class RateLimitOptions
    {
        public const int DefaultPermitsPerMinute = 60;

        public const int DefaultFailedAuthenticationsPerMinute = 10;

        public int PermitsPerMinute { get; set; } = DefaultPermitsPerMinute;

        public int FailedAuthenticationsPerMinute { get; set; } = DefaultFailedAuthenticationsPerMinute;
    }
}

/// <summary>Refuses at start-up a rate limit that makes no sense.</summary>
internal sealed class IntakeApiOptionsValidator : IValidateOptions<IntakeApiOptions>
{
    public ValidateOptionsResult Validate(string? name, IntakeApiOptions options)
    {
        if (options.RateLimit.PermitsPerMinute is < 1 or > 100_000)
        {
            return ValidateOptionsResult.Fail(string.Create(CultureInfo.InvariantCulture,
                $"Intake:RateLimit:PermitsPerMinute must be between 1 and 100000 (was {options.RateLimit.PermitsPerMinute})."));
        }

        return options.RateLimit.FailedAuthenticationsPerMinute is >= 1 and <= 100_000
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(string.Create(CultureInfo.InvariantCulture,
                $"Intake:RateLimit:FailedAuthenticationsPerMinute must be between 1 and 100000 (was {options.RateLimit.FailedAuthenticationsPerMinute})."));
    }
}

/// <summary>
/// What the intake API needs from the host: problem details in Spanish, the per-client rate limiter, the
/// OpenAPI document, and 401/403 answers that are problem details rather than the portal's sign-in redirect.
/// </summary>
public static class IntakeApiSetup
{
    /// <summary>Where the OpenAPI document is served (anonymously: it describes the contract, holds no data).</summary>
    public const string OpenApiPath = "/openapi/{documentName}.json";

    public static IServiceCollection AddMesaIntakeApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<IntakeApiOptions>().Bind(configuration.GetSection(IntakeApiOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IntakeApiOptions>, IntakeApiOptionsValidator>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context => ApiProblems.Translate(context.ProblemDetails));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResultHandler>();
        services.TryAddSingleton<IRequestCounter, MemoryRequestCounter>();
        services.AddOpenApi(IntakeEndpoints.DocumentName, options =>
        {
            options.ShouldInclude = description => description.GroupName == IntakeEndpoints.DocumentName;
            options.AddDocumentTransformer<IntakeOpenApi>();
            options.AddSchemaTransformer<IntakeOpenApi>();
        });
        return services;
    }

    /// <summary>The client a request counts for: the authenticated client (the limit runs after authorization); never shared between clients.</summary>
    internal static string ClientOf(HttpContext context) =>
        context.User.FindFirst(IntegrationClaims.Client)?.Value
        ?? "ip:" + AddressOf(context);

    /// <summary>The remote address (after the forwarded headers of a trusted proxy).</summary>
    internal static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>The counter of an address's failed authentications.</summary>
    internal static string FailedAuthenticationsKey(HttpContext context) => "auth-fallida:" + AddressOf(context);

    /// <summary>A 429 problem in Spanish with <c>Retry-After</c>.</summary>
    internal static async Task WriteTooManyAsync(HttpContext context, TimeSpan left, string detail)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(left.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Demasiadas solicitudes",
                Detail = string.Format(CultureInfo.GetCultureInfo("es-CO"), detail, seconds),
            },
        });
    }

    /// <summary>
    /// The intake API inside the host's pipeline: its errors without a body, and unexpected errors, become problem
    /// details instead of the portal's pages. (The rate limiter runs after authorization, so that it knows the client.)
    /// </summary>
    public static WebApplication UseMesaIntakeApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase),
            api =>
            {
                api.Use((context, next) =>
                {
                    // The portal's status-code page (re-executed HTML) is not for API clients.
                    if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
                    {
                        pages.Enabled = false;
                    }

                    return next(context);
                });
                api.UseStatusCodePages();

                // An address that got API keys wrong too often is refused before its next key is looked up (issue 20).
                api.Use(async (context, next) =>
                {
                    if (context.Request.Headers.ContainsKey(ApiKeySecrets.HeaderName))
                    {
                        var limit = context.RequestServices.GetRequiredService<IOptions<IntakeApiOptions>>().Value.RateLimit.FailedAuthenticationsPerMinute;
                        var failures = await context.RequestServices.GetRequiredService<IRequestCounter>()
                            .ReadAsync(FailedAuthenticationsKey(context), TimeSpan.FromMinutes(1), context.RequestAborted);
                        if (failures.Count >= limit)
                        {
                            await WriteTooManyAsync(context, failures.Left,
                                "Demasiados intentos con claves de API no válidas desde esta dirección. Intente de nuevo en {0} segundos.");
                            return;
                        }
                    }

                    await next(context);
                });

                // An unexpected error is a 500 problem in Spanish, not the portal's error page (nor, in Development, its stack trace).
                api.UseExceptionHandler();
            });
        return app;
    }

    /// <summary>Maps the OpenAPI document at <c>/openapi/v1.json</c> and the API's endpoints.</summary>
    public static WebApplication MapMesaIntakeApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi(OpenApiPath).AllowAnonymous();
        app.MapIntakeApi();
        return app;
    }
}

/// <summary>
/// The per-client limit of the intake API: each request counts for its client (an API key's client, an Entra app) in a
/// one-minute window, on <see cref="IRequestCounter"/> (shared by every instance with Redis); past the limit a 429 problem.
/// </summary>
internal sealed class IntakeRateLimitFilter(IRequestCounter counter, IOptions<IntakeApiOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var permits = options.Value.RateLimit.PermitsPerMinute;
        var reading = await counter.AddAsync("cliente:" + IntakeApiSetup.ClientOf(context), TimeSpan.FromMinutes(1), context.RequestAborted);
        if (reading.Count > permits)
        {
            await IntakeApiSetup.WriteTooManyAsync(context, reading.Left, string.Create(CultureInfo.InvariantCulture,
                $"Este cliente superó el límite de {permits} solicitudes por minuto. Intente de nuevo en {{0}} segundos."));
            return Results.Empty;
        }

        return await next(invocation);
    }
}

/// <summary>
/// Answers the intake API's refused requests with problem details: 401 (after each API scheme's challenge
/// has added its <c>WWW-Authenticate</c>) and 403. Every other endpoint keeps the default behaviour (the
/// portal's sign-in redirect and access-denied page).
/// </summary>
internal sealed class ApiAuthorizationResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || context.GetEndpoint()?.Metadata.GetMetadata<IntakeApiMarker>() is null)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        int status;
        string title;
        string detail;
        if (authorizeResult.Challenged)
        {
            foreach (var scheme in policy.AuthenticationSchemes)
            {
                await context.ChallengeAsync(scheme);
            }

            var sentCredentials = context.Request.Headers.ContainsKey(ApiKeySecrets.HeaderName) || context.Request.Headers.Authorization.Count > 0;
            status = StatusCodes.Status401Unauthorized;
            title = "Autenticación requerida";
            detail = sentCredentials
                ? "Las credenciales enviadas no son válidas: la clave de API no existe, fue revocada o venció, o el token no es válido o venció."
                : $"Envíe una clave de API en el encabezado {ApiKeySecrets.HeaderName}, o un token de aplicación de Entra ID (Authorization: Bearer) con el rol Mesa.Integracion.";
        }
        else
        {
            status = StatusCodes.Status403Forbidden;
            title = "Sin permiso";
            detail = "Las credenciales son válidas pero no autorizan la integración PQRS: se requiere un token de aplicación (no de un usuario) con el rol Mesa.Integracion, o una clave de API vigente.";
        }

        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
