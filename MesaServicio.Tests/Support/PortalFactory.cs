using System.Net;
using System.Text.RegularExpressions;
using MesaServicio.Core.Cases;
using MesaServicio.Core.People;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MesaServicio.Tests.Support;

/// <summary>The real portal in memory (local sign-in, Development), on a database of its own (see <see cref="TestDatabase"/>).</summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mesa-tests", Guid.NewGuid().ToString("N"));
    private TestDatabase? _database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        Directory.CreateDirectory(_folder);
        _database ??= TestDatabase.Create(_folder);
        foreach (var (key, value) in _database.Settings)
        {
            builder.UseSetting(key, value);
        }

        // Its files and its archive in its own folder, not the web project's data/.
        builder.UseSetting("Attachments:StoragePath", Path.Combine(_folder, "adjuntos"));
        builder.UseSetting("Retention:ArchivePath", Path.Combine(_folder, "archivo"));

        // No background sweeps under the tests' feet: a test that needs the timed work runs it itself (or turns it on).
        builder.UseSetting("TimedWork:Enabled", "false");

        // No start-up warm-up either (it would compete for the CPU with the test): the warm-up's own tests turn it on.
        builder.UseSetting("WarmUp:Enabled", "false");
        builder.UseEnvironment("Development");
    }

    /// <summary>A browser-like client: cookies kept, redirects not followed, HTTPS (the session cookie is Secure).</summary>
    public HttpClient NewBrowser() => CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    });

    /// <summary>Signs the client in as a seeded person through the local sign-in page, as a person would.</summary>
    public static async Task SignInAsync(HttpClient client, Guid personId, bool acceptPrivacyNotice = true)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetStringAsync(new Uri("/ingresar/local", UriKind.Relative));
        var token = AntiforgeryToken(page);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["personId"] = personId.ToString(),
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = token,
        });
        using var response = await client.PostAsync(new Uri("/ingresar/local", UriKind.Relative), form);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != "/")
        {
            throw new InvalidOperationException($"Local sign-in failed: {(int)response.StatusCode} {response.Headers.Location}");
        }

        if (acceptPrivacyNotice)
        {
            await AcceptPrivacyNoticeAsync(client);
        }
    }

    /// <summary>Accepts the privacy notice in force, as a person does at their first page (Ley 1581); nothing when already accepted.</summary>
    public static async Task AcceptPrivacyNoticeAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetStringAsync(new Uri("/privacidad", UriKind.Relative));
        var version = Regex.Match(page, "name=\"version\" value=\"([0-9]+)\"");
        if (!version.Success)
        {
            return;
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["version"] = version.Groups[1].Value,
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
        });
        using var response = await client.PostAsync(new Uri("/privacidad/aceptar", UriKind.Relative), form);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != "/")
        {
            throw new InvalidOperationException($"Accepting the privacy notice failed: {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    public static string AntiforgeryToken(string html)
    {
        var match = Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException("No antiforgery token in the page.");
    }

    /// <summary>Files a case for a requester straight through Core.</summary>
    public async Task<string> FileCaseAsync(Guid requester, string subject = "No funciona la impresora del piso 3")
    {
        var categories = Services.GetRequiredService<MesaServicio.Core.Catalog.CategoryTree>();
        var tree = await categories.GetAsync(default);
        var category = tree[0].Children[0].Id;
        var result = await Services.GetRequiredService<RegisterCase>().HandleAsync(
            new RegisterCaseCommand(CaseKind.Incident, category, subject, "Sale la hoja en blanco.", Impact.Low, Urgency.Medium, CaseChannel.Portal, requester),
            CurrentUser.Person(requester, PersonRoles.None), default);
        return result.Number;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _database?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Cleaned with the temp folder later.
        }
    }
}
