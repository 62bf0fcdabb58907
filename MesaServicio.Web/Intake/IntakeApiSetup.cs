using System.Globalization;
using System.Threading.RateLimiting;
using MesaServicio.Core.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MesaServicio.Web.Intake;

/// <summary>The intake API's limits (configuration section <c>Intake</c>).</summary>
public sealed class IntakeApiOptions
{
    public const string SectionName = "Intake";

    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Requests one client (an API key, an Entra app) may make per minute.</summary>
    public sealed class RateLimitOptions
    {
        public const int DefaultPermitsPerMinute = 60;

        public int PermitsPerMinute { get; set; } = DefaultPermitsPerMinute;
    }
}

/// <summary>Refuses at start-up a rate limit that makes no sense.</summary>
internal sealed class IntakeApiOptionsValidator : IValidateOptions<IntakeApiOptions>
{
    public ValidateOptionsResult Validate(string? name, IntakeApiOptions options) =>
        options.RateLimit.PermitsPerMinute is >= 1 and <= 100_000
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(string.Create(CultureInfo.InvariantCulture,
                $"Intake:RateLimit:PermitsPerMinute must be between 1 and 100000 (was {options.RateLimit.PermitsPerMinute})."));
}

/// <summary>
/// What the intake API needs from the host: problem details in Spanish, the per-client rate limiter, the
/// OpenAPI document, and 401/403 answers that are problem details rather than the portal's sign-in redirect.
/// </summary>
public static class IntakeApiSetup
{
    public const string RateLimitPolicy = "intake";

    /// <summary>Where the OpenAPI document is served (anonymously: it describes the contract, holds no data).</summary>
    public const string OpenApiPath = "/openapi/{documentName}.json";

    public static IServiceCollection AddMesaIntakeApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<IntakeApiOptions>().Bind(configuration.GetSection(IntakeApiOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IntakeApiOptions>, IntakeApiOptionsValidator>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context => ApiProblems.Translate(context.ProblemDetails));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResultHandler>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(RateLimitPolicy, context =>
            {
                var permits = context.RequestServices.GetRequiredService<IOptions<IntakeApiOptions>>().Value.RateLimit.PermitsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(ClientOf(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.OnRejected = RejectedAsync;
        });
        services.AddOpenApi(IntakeEndpoints.DocumentName, options =>
        {
            options.ShouldInclude = description => description.GroupName == IntakeEndpoints.DocumentName;
            options.AddDocumentTransformer<IntakeOpenApi>();
            options.AddSchemaTransformer<IntakeOpenApi>();
        });
        return services;
    }

    /// <summary>The partition: the authenticated client (the API runs the limiter after authorization); never shared between clients.</summary>
    internal static string ClientOf(HttpContext context) =>
        context.User.FindFirst(IntegrationClaims.Client)?.Value
        ?? "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static async ValueTask RejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var permits = context.RequestServices.GetRequiredService<IOptions<IntakeApiOptions>>().Value.RateLimit.PermitsPerMinute;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Demasiadas solicitudes",
                Detail = string.Format(CultureInfo.GetCultureInfo("es-CO"),
                    "Este cliente superó el límite de {0} solicitudes por minuto. Intente de nuevo en {1} segundos.", permits, seconds),
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
