using System.Net.Http.Headers;
using System.Text;
using MesaServicio.Core.ApiKeys;
using MesaServicio.Core.Cases;
using MesaServicio.Core.People;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Intake;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace MesaServicio.Tests.Intake;

/// <summary>
/// The portal with the intake API: attachments in a temporary folder (1 MB files at most, to keep the
/// oversize test small), a fake clock starting now, and, given a stand-in Entra tenant, Entra mode (so the
/// API also accepts app-only tokens that the stand-in signs).
/// </summary>
public sealed class IntakePortal(StandInAuthority? authority = null, int permitsPerMinute = 10_000, int failedAuthenticationsPerMinute = 10_000) : PortalFactory
{
    public const long MaxFileBytes = 1024 * 1024;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mesa-tests", "intake-" + Guid.NewGuid().ToString("N"));

    public static CurrentUser Coordinator { get; } = CurrentUser.Person(SeedData.DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);

    /// <summary>Starts now, on a whole second: PostgreSQL keeps instants to the microsecond, .NET to 100 ns.</summary>
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public string StorageRoot => Path.Combine(_folder, "adjuntos");

    public IReadOnlyList<string> StoredFiles() =>
        Directory.Exists(StorageRoot) ? [.. Directory.GetFiles(StorageRoot, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)] : [];

    public MesaDbContext NewContext() => Services.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContext();

    /// <summary>A new API key made by the coordinator through Core.</summary>
    public async Task<string> NewKeyAsync(string name = "PQRS de la entidad", DateTimeOffset? expiresAt = null) =>
        (await Services.GetRequiredService<CreateApiKey>().HandleAsync(new CreateApiKeyCommand(name, expiresAt), Coordinator, default)).Secret;

    /// <summary>A client of the API authenticated by <paramref name="apiKey"/> (none: anonymous).</summary>
    public HttpClient ApiClient(string? apiKey = null)
    {
        var client = CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = false,
        });
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add(ApiKeySecrets.HeaderName, apiKey);
        }

        return client;
    }

    /// <summary>A client of the API with an Entra bearer token.</summary>
    public HttpClient BearerClient(string token)
    {
        var client = ApiClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<int> CaseCountAsync()
    {
        await using var db = NewContext();
        return await db.Cases.CountAsync();
    }

    public async Task<int> PeopleCountAsync()
    {
        await using var db = NewContext();
        return await db.People.CountAsync();
    }

    public async Task<Case> CaseAsync(string number)
    {
        await using var db = NewContext();
        return await db.Cases.AsNoTracking().Include(c => c.History).SingleAsync(c => c.Number == number);
    }

    /// <summary>Every log line the portal wrote.</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.UseSetting("Attachments:StoragePath", StorageRoot);
        builder.UseSetting("Attachments:MaxFileBytes", MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Intake:RateLimit:PermitsPerMinute", permitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting(
            "Intake:RateLimit:FailedAuthenticationsPerMinute", failedAuthenticationsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Email:Folder", Path.Combine(_folder, "correo"));
        if (authority is not null)
        {
            builder.UseSetting("AzureAd:Instance", authority.Instance.ToString());
            builder.UseSetting("AzureAd:TenantId", authority.TenantId);
            builder.UseSetting("AzureAd:ClientId", authority.ClientId);
            builder.UseSetting("AzureAd:ClientSecret", authority.ClientSecret);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            if (authority is not null)
            {
                // As in EntraSignInTests: the stand-in tenant is http://127.0.0.1, and Microsoft.Identity.Web's issuer
                // validator (which still demands a tid and matches the issuer exactly) is given the stand-in's issuer.
                services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, o => o.RequireHttpsMetadata = false);
                services.Configure<JwtBearerOptions>(IntegrationSchemes.EntraApi, o => o.RequireHttpsMetadata = false);
                services.PostConfigure<JwtBearerOptions>(IntegrationSchemes.EntraApi, o => o.TokenValidationParameters.ValidIssuer = authority.Issuer);
            }
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // Cleaned with the temp folder later.
        }
    }
}

/// <summary>A PQRS submission as a multipart form; every field can be left out or replaced.</summary>
public sealed class Submission
{
    private readonly Dictionary<string, string?> _fields;
    private readonly List<(string Name, string? Type, byte[] Content)> _files = [];

    public Submission(string? radicado = null)
    {
        _fields = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["radicado"] = radicado ?? NewRadicado(),
            ["nombre"] = "Jorge Enrique Pardo",
            ["correo"] = $"jorge.pardo.{Guid.NewGuid():N}@correo.com.co",
            ["documento"] = "79845123",
            ["organizacion"] = "Alcaldía de Villeta",
            ["asunto"] = "No puedo ingresar al SUIT",
            ["descripcion"] = "Al entrar al SUIT con mi usuario aparece «credenciales no válidas» desde ayer.",
            ["categoria"] = "suit sistema unico de informacion de tramites",
        };
    }

    public string Radicado => _fields["radicado"]!;

    public string Email => _fields["correo"]!;

    public static string NewRadicado() => "2026-ER-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    public Submission With(string field, string? value)
    {
        _fields[field] = value;
        return this;
    }

    public Submission Without(string field)
    {
        _fields.Remove(field);
        return this;
    }

    public Submission WithFile(string name, string? type, byte[] content)
    {
        _files.Add((name, type, content));
        return this;
    }

    public MultipartFormDataContent ToContent()
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in _fields)
        {
            if (value is not null)
            {
                form.Add(new StringContent(value, Encoding.UTF8), name);
            }
        }

        foreach (var (name, type, content) in _files)
        {
            var part = new ByteArrayContent(content);
            if (type is not null)
            {
                part.Headers.ContentType = new MediaTypeHeaderValue(type);
            }

            form.Add(part, "archivos", name);
        }

        return form;
    }
}

/// <summary>One stand-in Entra tenant and one portal in Entra mode for the intake tests that share them.</summary>
public sealed class IntakeDesk : IAsyncLifetime
{
    public StandInAuthority Authority { get; private set; } = null!;

    public IntakePortal Portal { get; private set; } = null!;

    /// <summary>A key that never expires, for the tests that are not about credentials.</summary>
    public string Key { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Authority = await StandInAuthority.StartAsync();
        Portal = new IntakePortal(Authority);
        Key = await Portal.NewKeyAsync();
    }

    public async Task DisposeAsync()
    {
        Portal.Dispose();
        await Authority.DisposeAsync();
    }

    public async Task<HttpResponseMessage> SubmitAsync(Submission submission, string? key = null)
    {
        using var client = Portal.ApiClient(key ?? Key);
        using var content = submission.ToContent();
        return await client.PostAsync(new Uri(IntakeEndpoints.BasePath, UriKind.Relative), content);
    }
}

[CollectionDefinition(Name)]
public sealed class IntakeCollection : ICollectionFixture<IntakeDesk>
{
    public const string Name = "Intake API";
}
