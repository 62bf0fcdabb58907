using MesaServicio.Core.Operations;
using MesaServicio.Core.Persistence;
using MesaServicio.Web;
using MesaServicio.Web.Hosting;
using Microsoft.Extensions.Options;

// `respaldo <carpeta>`: a backup of the running portal's database and attachments, then exit (docs/operations.md).
var backupTo = args is [PortalBackup.Command, var folder, ..] ? folder : null;
if (args is [PortalBackup.Command] || (backupTo is not null && backupTo.StartsWith('-')))
{
    await Console.Error.WriteLineAsync("Uso: MesaServicio.Web respaldo <carpeta nueva o vacía> [la misma configuración del portal]");
    return 1;
}

WebApplication app;
try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = backupTo is null ? args : args[2..],
        WebRootPath = WebAssets.FindWebRoot(Directory.GetCurrentDirectory(), AppContext.BaseDirectory),
    });
    app = builder.AddMesaWeb().Build();
    app.Services.GetRequiredService<IStartupValidator>().Validate();
}
catch (Exception refused) when (StartupRefusal.Is(refused))
{
    // One line per problem, on purpose: it is read in a terminal or a service log.
    foreach (var line in StartupRefusal.Lines(refused))
    {
        await Console.Error.WriteLineAsync("Mesa de Servicio no inicia: " + line);
    }

    return 1;
}

if (backupTo is not null)
{
    return await BackupCommand.RunAsync(app.Services, backupTo);
}

await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
await app.UseMesaWeb().RunAsync();
return 0;

/// <summary>The web host's entry point (public so integration tests can start it).</summary>
public partial class Program;
