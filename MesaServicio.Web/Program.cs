using System.Globalization;
using MesaServicio.Core;
using MesaServicio.Core.Operations;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.TimedWork;
using MesaServicio.Web;
using MesaServicio.Web.Auth;
using MesaServicio.Web.Components;
using MesaServicio.Web.Components.Cases;
using MesaServicio.Web.Components.Notices;
using MesaServicio.Web.Endpoints;
using MesaServicio.Web.Hosting;
using MesaServicio.Web.Intake;
using MesaServicio.Web.Realtime;
using MudBlazor.Services;
using Serilog;

// `respaldo <carpeta>`: a backup of the running portal's database and attachments, then exit (docs/operations.md).
var backupTo = args is [PortalBackup.Command, var folder, ..] ? folder : null;
if (args is [PortalBackup.Command] || (backupTo is not null && backupTo.StartsWith('-')))
{
    await Console.Error.WriteLineAsync("Uso: MesaServicio.Web respaldo <carpeta nueva o vacía> [la misma configuración del portal]");
    return 1;
}

WebApplicationBuilder builder;
try
{
    builder = WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = backupTo is null ? args : args[2..],
        WebRootPath = WebAssets.FindWebRoot(Directory.GetCurrentDirectory(), AppContext.BaseDirectory),
    });
    builder.AddMesaAuthentication();
    builder.AddMesaTestClock();
    builder.AddMesaReverseProxy();
}
catch (StartupRefusedException refused)
{
    // One line, on purpose: it is read in a terminal or a service log.
    await Console.Error.WriteLineAsync("Mesa de Servicio no inicia: " + refused.Message);
    return 1;
}

// Logs: readable text by default; `Logging:Format=Json` writes one compact JSON object per line for a collector.
var jsonLogs = string.Equals(builder.Configuration["Logging:Format"], "Json", StringComparison.OrdinalIgnoreCase);
builder.Services.AddSerilog((services, logger) =>
{
    logger.ReadFrom.Configuration(builder.Configuration).Enrich.FromLogContext().Enrich.With<DropRequestPathEnricher>();
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
builder.Services.AddMesaScaleOut(builder.Configuration);

// On SIGTERM the timed work finishes the transaction at hand and hands back what it had claimed: give it time.
builder.Services.Configure<HostOptions>(options =>
    options.ShutdownTimeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("ShutdownTimeoutSeconds", 30)));

try
{
    builder.Services.AddMesaServicioCore(builder.Configuration, builder.Environment.ContentRootPath);
}
catch (DatabaseConfigurationException refused)
{
    await Console.Error.WriteLineAsync("Mesa de Servicio no inicia: " + refused.Message);
    return 1;
}

builder.Services.AddMesaServicioTimedWork(builder.Configuration);
builder.Services.AddMesaPortalNotices();
builder.Services.AddMesaCasePages();
builder.Services.Configure<EntityOptions>(builder.Configuration.GetSection(EntityOptions.SectionName));
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
        options.DetailedErrors = builder.Environment.IsDevelopment();
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
        options.EnableDetailedErrors = builder.Environment.IsDevelopment();
    });

var app = builder.Build();

if (backupTo is not null)
{
    return await BackupCommand.RunAsync(app.Services, backupTo);
}

await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);

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
app.UseMesaIntakeApi();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
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

await app.RunAsync();
return 0;

/// <summary>The web host's entry point (public so integration tests can start it).</summary>
public partial class Program;
