namespace MesaServicio.Tests.Support;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepositoryFiles
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MesaServicio.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException("MesaServicio.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>The folder the browser tests of an issue keep their screenshots in (artifacts/screenshots/issue-N), made if missing.</summary>
    public static string ScreenshotFolder(int issue)
    {
        var folder = PathOf(Path.Combine("artifacts", "screenshots", "issue-" + issue.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
