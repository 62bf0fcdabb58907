using System.Text.RegularExpressions;
using MesaServicio.Tests.Support;

namespace MesaServicio.Tests.Help;

/// <summary>
/// Every screenshot a guide at /ayuda shows exists in <c>wwwroot-assets/img/ayuda/</c> (written by
/// <c>GuideScreenshotsBrowserTests</c>) and has a Spanish alt text.
/// </summary>
[Trait("Pass", "Once")]
public sealed partial class GuideImagesTests
{
    [Fact]
    public void Every_image_a_guide_references_exists_and_has_an_alt_text()
    {
        var folder = RepositoryFiles.PathOf(Path.Combine("MesaServicio.Web", "Components", "Help"));
        var images = Directory.GetFiles(folder, "*.razor")
            .SelectMany(file => GuideImage().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), Tag: m.Value)))
            .ToList();

        images.Should().HaveCountGreaterThanOrEqualTo(7, "the guides show the pages they explain");
        foreach (var (file, tag) in images)
        {
            var name = Attribute(tag, "Name");
            var alt = Attribute(tag, "Alt");
            File.Exists(RepositoryFiles.PathOf(Path.Combine("wwwroot-assets", "img", "ayuda", name))).Should()
                .BeTrue("{0} shows {1}, which GuideScreenshotsBrowserTests writes", file, name);
            alt.Should().NotBeNullOrWhiteSpace().And.NotContain(".png", "an alt text says what the image shows, in Spanish");
        }
    }

    private static string Attribute(string tag, string name) =>
        Regex.Match(tag, name + "=\"([^\"]*)\"").Groups[1].Value;

    [GeneratedRegex("<GuideImage [^>]*/>", RegexOptions.Singleline)]
    private static partial Regex GuideImage();
}
