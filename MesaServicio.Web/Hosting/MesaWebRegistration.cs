using System.Globalization;
using MesaServicio.Core;
using MesaServicio.Core.TimedWork;
using MesaServicio.Web.Auth;
using MesaServicio.Web.Components;
using MesaServicio.Web.Components.Cases;
using MesaServicio.Web.Components.Notices;
using MesaServicio.Web.Endpoints;
using MesaServicio.Web.Intake;
using MesaServicio.Web.Realtime;
using MudBlazor.Services;
using Serilog;

namespace MesaServicio.Web.Hosting;

/// <summary>
/// The portal's composition: <see cref="AddMesaWeb"/> registers every service, <see cref="UseMesaWeb"/> builds the
/// request pipeline and maps the endpoints. <c>Program.cs</c> only chooses between serving and the backup command.
/// </summary>
public static class MesaWebRegistration
{
    /// <summary>Configuration key: HSTS max-age in days (default 365).</summary>
    public const string HstsMaxAgeDaysKey = "Security:HstsMaxAgeDays";

    /// <summary>Configuration key: whether HSTS covers sub-domains (default true).</summary>
    public const string HstsIncludeSubDomainsKey = "Security:HstsIncludeSubDomains";

    /// <summary>
    /// Everything the portal needs. Throws <see cref="StartupRefusedException"/> or
    /// <see cref="Core.Persistence.DatabaseConfigurationException"/> for a configuration it must not start with.
    /// </summary>
    public static WebApplicationBuilder AddMesaWeb(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var environment = builder.Environment;

        // The portal's own files (wwwroot-assets/, the web root) are served by UseStaticFiles; only the packages' files
        // (_content/MudBlazor, _framework) are in the static web assets manifest. In Development MapStaticAssets would
        // otherwise answer every request for one of the portal's files through its "not in the manifest" fallback and
        // log a warning each time (about 240 on a first visit). An explicit setting still wins.
        configuration["DisableStaticAssetNotFoundRuntimeFallback"] ??= "true";

        // The test clock first: its refusal names itself even where the sign-in would be refused too.
        builder.AddMesaTestClock();
        builder.AddMesaAuthentication();
        builder.AddMesaReverseProxy();

        // Logs: readable text by default; `Logging:Format=Json` writes one compact JSON object per line for a collector.
        var jsonLogs = string.Equals(configuration["Logging:Format"], "Json", StringComparison.OrdinalIgnoreCase);
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(configuration).Enrich.FromLogContext().Enrich.With<DropRequestPathEnricher>();
            if (jsonLogs)
            {
                logger.WriteTo.Console(new Serilog.Formatting.Compact.RenderedCompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console(formatProvider: CultureInfo.InvariantCulture);
            }
        });
        builder.Services.AddMesaOperations();
        builder.Services.AddMesaScaleOut(configuration);

        // On SIGTERM the timed work finishes the transaction at hand and hands back what it had claimed: give it time.
        builder.Services.Configure<HostOptions>(options =>
            options.ShutdownTimeout = TimeSpan.FromSeconds(configuration.GetValue("ShutdownTimeoutSeconds", 30)));

        // A year, sub-domains included (an entity's portal lives under its own domain, served over HTTPS only).
        builder.Services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(configuration.GetValue(HstsMaxAgeDaysKey, 365));
            options.IncludeSubDomains = configuration.GetValue(HstsIncludeSubDomainsKey, true);
        });

        builder.Services.AddMesaServicioCore(configuration, environment.ContentRootPath);
        builder.Services.AddMesaServicioTimedWork(configuration);
        builder.Services.AddMesaStartupValidation(configuration);
        builder.Services.AddMesaWarmUp(configuration);
        builder.Services.AddMesaPortalNotices();
        builder.Services.AddMesaCasePages();
        builder.Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
            options.SnackbarConfiguration.VisibleStateDuration = 6000;
        });
        builder.Services.AddMesaRealtime();
        builder.Services.AddMesaReportDownloads();
        builder.Services.AddMesaIntakeApi(builder.Configuration);
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents(options =>
            {
                // Deliberate limits: detailed errors only for developers; a bounded number of disconnected
                // circuits kept for a short while (a phone that loses signal reconnects, memory stays bounded).
                options.DetailedErrors = environment.IsDevelopment();
                options.DisconnectedCircuitMaxRetained = 100;
                options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
                options.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(30);
                options.MaxBufferedUnacknowledgedRenderBatches = 10;
            })
            .AddHubOptions(options =>
            {
                options.MaximumReceiveMessageSize = 64 * 1024;
                options.ClientTimeoutInterval = TimeSpan.FromSeconds(60);
                options.HandshakeTimeout = TimeSpan.FromSeconds(15);
                options.MaximumParallelInvocationsPerClient = 1;
                options.EnableDetailedErrors = environment.IsDevelopment();
            });
        return builder;
    }

    /// <summary>The request pipeline and every endpoint, in order.</summary>
    public static WebApplication UseMesaWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var spanish = CultureInfo.GetCultureInfo("es-CO");
        app.UseForwardedHeaders();
        app.UseMesaRequestLogging();
        app.UseRequestLocalization(options =>
        {
            options.DefaultRequestCulture = new Microsoft.AspNetCore.Localization.RequestCulture(spanish);
            options.SupportedCultures = [spanish];
            options.SupportedUICultures = [spanish];
        });

        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseStatusCodePagesWithReExecute("/no-encontrado");
        app.UseStatusPagesForReadsOnly();
        app.UseMesaOriginCheck();
        app.UseMesaIntakeApi();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapMesaHealth();
        app.MapMesaAuthentication();
        app.MapAttachmentEndpoints();
        app.MapProblemAttachmentEndpoints();
        app.MapCaseFileEndpoints();
        app.MapReportEndpoints();
        app.MapMonthClosureEndpoints();
        app.MapPrivacyEndpoints();
        app.MapPersonalDataEndpoints();
        app.MapMesaIntakeApi();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>
    /// The "no encontrado" page is re-executed for a GET or HEAD only. A refused form post (a missing antiforgery
    /// token answers 400 with no body) re-executed as a POST to a Razor page would fail its antiforgery check again,
    /// throw, and end as a 500 with stack traces in the log: it keeps its 400.
    /// </summary>
    public static IApplicationBuilder UseStatusPagesForReadsOnly(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
                && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            await next();
        });
}
