using System.Diagnostics;
using MesaServicio.Core.Board;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.People;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MesaServicio.Web.Hosting;

/// <summary>
/// Whether the start-up warm-up has run (decision 0031): <c>/health/ready</c> says "not ready" until it has, so a load
/// balancer sends no one to a process that would answer its first sign-in in seconds while EF Core builds its model and
/// compiles the hot queries.
/// </summary>
public sealed class WarmUpState
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private readonly List<string> _warmed = [];

    /// <summary>Completes once the warm-up has run (whatever each step's outcome).</summary>
    public Task Completion => _done.Task;

    public bool IsDone => _done.Task.IsCompleted;

    /// <summary>The steps run, in order ("modelo", "ingreso", "tablero", "caso", "escalamiento", "páginas").</summary>
    public IReadOnlyList<string> Warmed
    {
        get
        {
            lock (_lock)
            {
                return [.. _warmed];
            }
        }
    }

    internal void Add(string step)
    {
        lock (_lock)
        {
            _warmed.Add(step);
        }
    }

    internal void Done() => _done.TrySetResult();
}

/// <summary>Degraded ("calentando": 503 on <c>/health/ready</c>, a warning in the log, not an error) until <see cref="WarmUpState"/> is done.</summary>
internal sealed class WarmUpHealthCheck(WarmUpState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.IsDone ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded("calentando"));
}

/// <summary>
/// Runs the hot paths once as soon as the portal has started, reading only: the EF model, the sign-in's person
/// look-up, the board's query (as a coordinator, who sees every column), a case page's query and the escalation's
/// (on a number that does not exist, so nothing changes), then one request to the portal's own sign-in page and home
/// page so the Razor components are compiled and rendered once. A failing step is logged and does not stop the others:
/// the warm-up makes the first requests fast, it is not a check of the portal's health (the database check is).
/// </summary>
public sealed partial class PortalWarmUp(
    IServiceScopeFactory scopes, WarmUpState state, IServer server, IHostApplicationLifetime lifetime, ILogger<PortalWarmUp> logger)
    : BackgroundService
{
    public const string EnabledKey = "WarmUp:Enabled";

    private const string MissingNumber = "MS-0000-000000";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // After the server listens (the self-requests need it), without delaying the start.
            await WhenStartedAsync(stoppingToken).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            await using (var scope = scopes.CreateAsyncScope())
            {
                var services = scope.ServiceProvider;
                await StepAsync("modelo", async () =>
                {
                    var factory = services.GetRequiredService<IDbContextFactory<MesaDbContext>>();
                    await using var db = await factory.CreateDbContextAsync(stoppingToken).ConfigureAwait(false);
                    _ = db.Model;
                    _ = await db.People.AsNoTracking().AnyAsync(stoppingToken).ConfigureAwait(false);
                }).ConfigureAwait(false);
                await StepAsync("ingreso", () => services.GetRequiredService<GetPersonStanding>().HandleAsync(Guid.Empty, stoppingToken)).ConfigureAwait(false);
                var coordinator = CurrentUser.Person(Guid.Empty, PersonRoles.Coordinator);
                await StepAsync("tablero", () => services.GetRequiredService<GetBoard>().HandleAsync(coordinator, BoardFilter.None, stoppingToken)).ConfigureAwait(false);
                await StepAsync("caso", async () =>
                {
                    var factory = services.GetRequiredService<IDbContextFactory<MesaDbContext>>();
                    string? number;
                    await using (var db = await factory.CreateDbContextAsync(stoppingToken).ConfigureAwait(false))
                    {
                        number = await db.Cases.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Number).FirstOrDefaultAsync(stoppingToken).ConfigureAwait(false);
                    }

                    await Expected(services.GetRequiredService<GetCaseDetails>().HandleAsync(number ?? MissingNumber, coordinator, stoppingToken)).ConfigureAwait(false);
                }).ConfigureAwait(false);
                await StepAsync("escalamiento", async () =>
                {
                    await Expected(services.GetRequiredService<GetEscalationTargets>().HandleAsync(MissingNumber, coordinator, stoppingToken)).ConfigureAwait(false);
                    var escalation = new EscalateCaseCommand(MissingNumber, null, EscalationKind.NextLevel, Guid.Empty, null, "calentamiento");
                    await Expected(services.GetRequiredService<EscalateCase>().HandleAsync(escalation, coordinator, stoppingToken)).ConfigureAwait(false);
                }).ConfigureAwait(false);
            }

            await StepAsync("páginas", () => RequestOwnPagesAsync(stoppingToken)).ConfigureAwait(false);
            WarmedUp(logger, clock.ElapsedMilliseconds, string.Join(", ", state.Warmed));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping before the warm-up ended: nothing to report.
        }
        finally
        {
            state.Done();
        }
    }

    /// <summary>A missing case or a refusal is the expected end of a warm-up query: the query ran, which is the point.</summary>
    private static async Task Expected(Task work)
    {
        try
        {
            await work.ConfigureAwait(false);
        }
        catch (DomainException)
        {
            // Expected.
        }
    }

    private async Task StepAsync(string name, Func<Task> step)
    {
        try
        {
            await step().ConfigureAwait(false);
            state.Add(name);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
#pragma warning disable CA1031 // A warm-up step that fails only leaves that path cold; the others still run.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            StepFailed(logger, name, ex.GetType().Name);
        }
    }

    private Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        return started.Task;
    }

    /// <summary>The sign-in page and the home page through the portal's own address (none in an in-memory test server).</summary>
    private async Task RequestOwnPagesAsync(CancellationToken stoppingToken)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null || !Uri.TryCreate(address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal), UriKind.Absolute, out var baseAddress))
        {
            return;
        }

        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        foreach (var path in new[] { "/ingresar/local", "/" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), stoppingToken).ConfigureAwait(false);
            _ = response.StatusCode;
        }
    }

    [LoggerMessage(EventId = 7031, Level = LogLevel.Information, Message = "Portal listo: calentamiento en {ElapsedMs} ms ({Steps})")]
    private static partial void WarmedUp(ILogger logger, long elapsedMs, string steps);

    [LoggerMessage(EventId = 7032, Level = LogLevel.Warning, Message = "Calentamiento: el paso {Step} falló ({Error}); esa ruta queda sin calentar")]
    private static partial void StepFailed(ILogger logger, string step, string error);
}

/// <summary>Registration of the warm-up (on unless <c>WarmUp:Enabled=false</c>, which the in-memory test portals use).</summary>
public static class WarmUpRegistration
{
    public static IServiceCollection AddMesaWarmUp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var state = new WarmUpState();
        services.AddSingleton(state);
        if (!configuration.GetValue(PortalWarmUp.EnabledKey, true))
        {
            state.Done();
            return services;
        }

        services.AddHostedService<PortalWarmUp>();
        services.AddHealthChecks().AddCheck<WarmUpHealthCheck>("warm-up", tags: [Operations.ReadyTag]);
        return services;
    }
}
