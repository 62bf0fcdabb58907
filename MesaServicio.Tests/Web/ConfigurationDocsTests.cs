using System.Text.Json;
using System.Text.RegularExpressions;
using MesaServicio.Tests.Support;

namespace MesaServicio.Tests.Web;

[Trait("Pass", "Once")]
public class ConfigurationDocsTests
{
    [Fact]
    public void Every_key_the_README_documents_is_in_appsettings_Example_json()
    {
        var readme = File.ReadAllText(RepositoryFiles.PathOf("README.md"));
        var keys = Regex.Matches(readme, @"^\| `([^|]+)\|", RegexOptions.Multiline)
            .SelectMany(m => Regex.Matches(m.Groups[1].Value, "`?([A-Za-z]+(?::[A-Za-z*]+)+)`?").Select(k => k.Groups[1].Value))
            .Where(k => !k.EndsWith(":*", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        keys.Should().Contain(["AzureAd:ClientId", "ConnectionStrings:Mesa", "BusinessCalendar:TimeZone", "Authentication:Mode"]);

        using var example = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("appsettings.Example.json")));
        foreach (var key in keys)
        {
            var element = example.RootElement;
            foreach (var part in key.Split(':'))
            {
                element.TryGetProperty(part, out element).Should().BeTrue($"README documents {key}");
            }
        }
    }
}
