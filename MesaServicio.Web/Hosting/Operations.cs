using System.Diagnostics;
using System.Text.Json;
using MesaServicio.Core.Persistence;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Serilog.Context;

namespace MesaServicio.Web.Hosting;

/// <summary>
/// What operators need: <c>/health/live</c> (the process answers) and <c>/health/ready</c> (it can reach its
/// database), a correlation id on every request (taken from <c>X-Correlation-ID</c> when it is well formed, else
/// the trace id) that every log line of the request carries, and one log line per request with the route
/// <em>pattern</em>, never the raw path (a survey link's token or a search must not reach the logs).
/// </summary>
public static partial class Operations
{
    /// <summary>The header that carries the correlation id, in and out.</summary>
    public const string CorrelationHeader = "X-Correlation-ID";

    /// <summary>Liveness: answers while the process runs.</summary>
    public const string LivePath = "/health/live";

    /// <summary>Readiness: answers 200 only when the dependencies answer.</summary>
    public const string ReadyPath = "/health/ready";

    /// <summary>The tag of the checks <c>/health/ready</c> runs.</summary>
    internal const string ReadyTag = "ready";

    public static IServiceCollection AddMesaOperations(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag]);
        return services;
    }

    /// <summary>First in the pipeline: the correlation id and the request's log line.</summary>
    public static IApplicationBuilder UseMesaRequestLogging(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var id = CorrelationId(context);
            context.Response.Headers[CorrelationHeader] = id;
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("MesaServicio.Requests");
            using (LogContext.PushProperty("CorrelationId", id))
            using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
            {
                var watch = Stopwatch.StartNew();
                try
                {
                    await next(context).ConfigureAwait(false);
                }
                finally
                {
                    var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(sin ruta)";
                    if (!context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                    {
                        LogRequest(logger, context.Request.Method, route, context.Response.StatusCode, watch.Elapsed.TotalMilliseconds, id);
                    }
                }
            }
        });

    public static IEndpointRouteBuilder MapMesaHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        // Degraded is "not ready yet" (the start-up warm-up, decision 0031): 503 like Unhealthy, but logged as a warning, not an error.
        var ready = new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync };
        ready.ResultStatusCodes[HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable;
        endpoints.MapHealthChecks(ReadyPath, ready).AllowAnonymous();
        return endpoints;
    }

    /// <summary>A short JSON body: overall status and each check's status, never exception texts.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    private static string CorrelationId(HttpContext context)
    {
        var given = context.Request.Headers[CorrelationHeader].ToString();
        return given.Length is > 0 and <= 64 && given.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.')
            ? given
            : Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information,
        Message = "HTTP {Method} {Route} → {StatusCode} en {ElapsedMs:0.0} ms ({CorrelationId})")]
    private static partial void LogRequest(ILogger logger, string method, string route, int statusCode, double elapsedMs, string correlationId);
}

/// <summary>Ready when the database answers a trivial query.</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<MesaDbContext> contextFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            _ = await db.CaseNumberSequences.AsNoTracking().CountAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
#pragma warning disable CA1031 // Any failure to reach the database means "not ready"; the type is reported, not thrown.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy(ex.GetType().Name);
        }
    }
}

/// <summary>
/// Drops the raw request path that ASP.NET Core's hosting scope adds to every log line of a request: a survey
/// link's path holds its token, and a search page may hold what a person typed. The route pattern is logged instead.
/// </summary>
public sealed class DropRequestPathEnricher : Serilog.Core.ILogEventEnricher
{
    public void Enrich(Serilog.Events.LogEvent logEvent, Serilog.Core.ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        logEvent.RemovePropertyIfPresent("RequestPath");
    }
}
