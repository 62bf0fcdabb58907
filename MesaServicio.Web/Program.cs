using System.Globalization;
using MesaServicio.Core;
using MesaServicio.Core.Persistence;
using MesaServicio.Web;
using MesaServicio.Web.Components;
using Serilog;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    WebRootPath = WebAssets.FindWebRoot(Directory.GetCurrentDirectory(), AppContext.BaseDirectory),
});

builder.Services.AddSerilog((services, logger) => logger
    .ReadFrom.Configuration(builder.Configuration)
    .Enrich.FromLogContext()
    .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture));

builder.Services.AddMesaServicioCore(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.Configure<EntityOptions>(builder.Configuration.GetSection(EntityOptions.SectionName));
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

var app = builder.Build();

await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);

var spanish = CultureInfo.GetCultureInfo("es-CO");
app.UseRequestLocalization(options =>
{
    options.DefaultRequestCulture = new Microsoft.AspNetCore.Localization.RequestCulture(spanish);
    options.SupportedCultures = [spanish];
    options.SupportedUICultures = [spanish];
});

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

app.UseStaticFiles();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.RunAsync();

/// <summary>The web host's entry point (public so integration tests can start it).</summary>
public partial class Program;
