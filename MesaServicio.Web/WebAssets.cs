namespace MesaServicio.Web;

/// <summary>
/// Finds the static assets the app serves. They live in <c>wwwroot-assets/</c> at the repository root and
/// the build copies them beside the binaries, so a source checkout, a build output and a publish folder
/// all serve the same files: the nearest <c>wwwroot-assets/</c> above the start folders wins.
/// </summary>
public static class WebAssets
{
    public static string? FindWebRoot(params string[] startFolders)
    {
        ArgumentNullException.ThrowIfNull(startFolders);
        foreach (var start in startFolders)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var source = Path.Combine(dir.FullName, "wwwroot-assets");
                if (Directory.Exists(source))
                {
                    return source;
                }
            }
        }

        return null;
    }
}

/// <summary>The entity the portal belongs to (name, IT office, colours) — configuration, section <c>Entity</c>.</summary>
public sealed class EntityOptions
{
    public const string SectionName = "Entity";

    public string Name { get; set; } = "Función Pública";

    public string Office { get; set; } = "Oficina de Tecnologías de la Información y las Comunicaciones";

    public string PortalName { get; set; } = "Mesa de Servicio";

    public string LogoPath { get; set; } = "img/logo.svg";

    public string PrimaryColor { get; set; } = "#3366CC";
}
