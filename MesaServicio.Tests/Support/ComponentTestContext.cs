using System.Security.Claims;
using Bunit;
using MesaServicio.Core;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.People;
using MesaServicio.Web.Auth;
using MesaServicio.Web.Components.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;

namespace MesaServicio.Tests.Support;

/// <summary>
/// The one bUnit context of the component tests: MudBlazor services, loose JS interop, Core wired as the app
/// wires it on a SQLite file of its own with a fake clock, and a signed-in person (an agent unless told).
/// </summary>
public abstract class ComponentTestContext : BunitContext, IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mesa-tests", Guid.NewGuid().ToString("N"));
    private readonly Bunit.TestDoubles.BunitAuthorizationContext _auth;
    private readonly TestDatabase _database;

    protected ComponentTestContext()
    {
        Directory.CreateDirectory(_folder);

        // Renders on a busy 2-core CI machine can take seconds; waits end as soon as the assertion holds.
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        Services.AddSingleton<TimeProvider>(Time);
        _database = TestDatabase.Create(_folder);
        var settings = _database.Settings.ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        settings["Attachments:StoragePath"] = Path.Combine(_folder, "adjuntos");
        settings["Retention:ArchivePath"] = Path.Combine(_folder, "archivo");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        Services.AddMesaServicioCore(configuration);
        Services.AddScoped<CurrentUserAccessor>();
        Services.AddMesaCasePages();
        _auth = AddAuthorization();
        SignInAs(SeedData.DemoPeople.Agent1, PersonRoles.Agent);
    }

    public FakeTimeProvider Time { get; } = new(CaseBuilder.MondayMorning);

    public virtual async Task InitializeAsync()
    {
        // The portal's pages run in an interactive server circuit (the case page opens its live channel then). Set here,
        // after every constructor has registered its services.
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        await Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        _database.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned with the temp folder later.
        }
    }

    /// <summary>The person the components see as signed in.</summary>
    protected void SignInAs(Guid personId, PersonRoles roles)
    {
        _auth.SetAuthorized(personId.ToString());
        _auth.SetClaims([new Claim(MesaClaims.PersonId, personId.ToString()), .. MesaClaims.AppRoleNames(roles).Select(r => new Claim(MesaClaims.Role, r))]);
    }

    protected T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    protected async Task<Case> LoadAsync(string number)
    {
        await using var db = await Get<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
        return await db.Cases.AsNoTracking().SingleAsync(c => c.Number == number);
    }

    /// <summary>The popover, snackbar and dialog hosts that MainLayout provides in the app.</summary>
    protected Providers RenderProviders() => new(Render<MudPopoverProvider>(), Render<MudSnackbarProvider>(), Render<MudDialogProvider>());

    /// <summary>The rendered hosts: menus open in <see cref="Popovers"/>, toasts in <see cref="Snackbars"/>, dialogs in <see cref="Dialogs"/>.</summary>
    protected sealed record Providers(
        IRenderedComponent<MudPopoverProvider> Popovers, IRenderedComponent<MudSnackbarProvider> Snackbars, IRenderedComponent<MudDialogProvider> Dialogs);
}
