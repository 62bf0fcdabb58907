using System.Globalization;
using MesaServicio.Core.Operations;

namespace MesaServicio.Web.Hosting;

/// <summary>
/// The portal's <c>respaldo &lt;carpeta&gt;</c> command: with the portal's own configuration, a backup while the portal
/// runs (<see cref="PortalBackup"/>). Exit code 0 when everything was copied, 2 when some attachment was missing or
/// did not match its hash (the backup is there, the report says which), 1 when no backup could be made.
/// </summary>
public static class BackupCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string destination)
    {
        ArgumentNullException.ThrowIfNull(services);
        var spanish = CultureInfo.GetCultureInfo("es-CO");
        try
        {
            var result = await services.GetRequiredService<PortalBackup>().CreateAsync(destination, CancellationToken.None);
            var database = result.DatabaseBytes is { } size
                ? string.Create(spanish, $"la base de datos ({size / 1024.0 / 1024.0:N1} MB)")
                : "la base de datos no (PostgreSQL: cópiela con pg_dump, docs/operations.md)";
            Console.WriteLine(string.Create(spanish,
                $"Respaldo en {result.Destination}: {database}, {result.Files:N0} adjuntos ({result.FileBytes / 1024.0 / 1024.0:N1} MB)."));
            if (!result.Complete)
            {
                Console.WriteLine(string.Create(spanish,
                    $"Atención: {result.MissingFiles.Count:N0} adjuntos no están en la carpeta y {result.MismatchedFiles.Count:N0} no coinciden con su huella SHA-256; sus identificadores están en {PortalBackup.ManifestFileName}."));
                return 2;
            }

            return 0;
        }
        catch (BackupException refused)
        {
            await Console.Error.WriteLineAsync("No se hizo el respaldo: " + refused.Message);
            return 1;
        }
    }
}
