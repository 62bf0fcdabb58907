using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MesaServicio.Core.Attachments;
using MesaServicio.Core.Persistence;
using MesaServicio.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static MesaServicio.Core.Persistence.SeedData;
using static MesaServicio.Tests.Attachments.AttachmentSamples;

namespace MesaServicio.Tests.Attachments;

public sealed class AttachmentEndpointTests : IClassFixture<AttachmentEndpointTests.AttachmentPortal>
{
    private readonly AttachmentPortal _portal;

    public AttachmentEndpointTests(AttachmentPortal portal) => _portal = portal;

    [Fact]
    public async Task The_owner_uploads_a_multipart_form_and_downloads_the_bytes_as_an_attachment()
    {
        var number = await _portal.FileCaseAsync(DemoPeople.Requester);
        using var browser = _portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, DemoPeople.Requester);
        var token = await TokenAsync(browser);

        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("Adjunto el informe."), "mensaje" },
            { Part(Pdf, "application/pdf"), "archivos", "Informe de gestión.pdf" },
            { Part(Csv, "text/csv"), "archivos", "usuarios.csv" },
        };
        using var response = await browser.PostAsync(new Uri($"/casos/{number}/adjuntos", UriKind.Relative), form);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = (await response.Content.ReadFromJsonAsync<AttachFilesResult>(JsonSerializerOptions.Web))!;
        result.CommentId.Should().NotBeNull();
        result.Files.Select(f => f.FileName).Should().Equal("Informe de gestión.pdf", "usuarios.csv");
        result.Files[0].Sha256.Should().Be(Sha256Of(Pdf));

        using var download = await browser.GetAsync(new Uri($"/casos/{number}/adjuntos/{result.Files[0].Id}", UriKind.Relative));
        download.StatusCode.Should().Be(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).Should().Equal(Pdf);
        download.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        download.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        download.Content.Headers.ContentDisposition.FileNameStar.Should().Be("Informe de gestión.pdf");
        download.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");

        using var csv = await browser.GetAsync(new Uri($"/casos/{number}/adjuntos/{result.Files[1].Id}", UriKind.Relative));
        csv.Content.Headers.ContentType!.ToString().Should().Be("text/csv; charset=utf-8");
    }

    [Fact]
    public async Task The_cases_agent_downloads_too_and_an_office_file_goes_out_as_a_generic_binary()
    {
        var number = await _portal.FileCaseAsync(DemoPeople.Requester);
        var id = await StoreAsync(number, "acta.docx", Docx);
        using var agent = _portal.NewBrowser();
        await PortalFactory.SignInAsync(agent, await AssigneeOfAsync(number));

        using var download = await agent.GetAsync(new Uri($"/casos/{number}/adjuntos/{id}", UriKind.Relative));

        download.StatusCode.Should().Be(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).Should().Equal(Docx);
        download.Content.Headers.ContentType!.MediaType.Should().Be("application/octet-stream");
        download.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        download.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
    }

    [Fact]
    public async Task Another_requester_and_an_anonymous_person_get_the_404_of_a_missing_attachment_or_case()
    {
        var number = await _portal.FileCaseAsync(DemoPeople.Requester);
        var otherCase = await _portal.FileCaseAsync(DemoPeople.Requester);
        var id = await StoreAsync(number, "informe.pdf", Pdf);

        using var other = _portal.NewBrowser();
        await PortalFactory.SignInAsync(other, DemoPeople.Requester2);
        using var anonymous = _portal.NewBrowser();
        using var owner = _portal.NewBrowser();
        await PortalFactory.SignInAsync(owner, DemoPeople.Requester);

        foreach (var browser in new[] { other, anonymous, owner })
        {
            var missingCase = await NotFoundBodyAsync(browser, $"/casos/MS-2099-999999/adjuntos/{id}");
            (await NotFoundBodyAsync(browser, $"/casos/{number}/adjuntos/{Guid.NewGuid()}")).Should().Be(missingCase);
            (await NotFoundBodyAsync(browser, $"/casos/{otherCase}/adjuntos/{id}")).Should().Be(missingCase, "an id of case A under case B's number");
            (await NotFoundBodyAsync(browser, $"/casos/{number}/adjuntos/no-es-un-id")).Should().Be(missingCase);
            if (browser != owner)
            {
                (await NotFoundBodyAsync(browser, $"/casos/{number}/adjuntos/{id}")).Should().Be(missingCase, "out of reach answers as missing");
            }
        }
    }

    [Fact]
    public async Task A_refused_upload_is_a_Spanish_problem_and_stores_nothing()
    {
        var number = await _portal.FileCaseAsync(DemoPeople.Requester);
        using var browser = _portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, DemoPeople.Requester);
        var token = await TokenAsync(browser);
        var before = _portal.StoredFiles();

        using var form = new MultipartFormDataContent
        {
            { Part(Pdf, "application/pdf"), "archivos", "bueno.pdf" },
            { Part(Executable, "application/pdf"), "archivos", "informe.exe.pdf" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/casos/{number}/adjuntos", UriKind.Relative)) { Content = form };
        request.Headers.Add("RequestVerificationToken", token);
        using var response = await browser.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("detail").GetString().Should()
            .Be("\"informe.exe.pdf\" no es un PDF válido: su contenido no corresponde al tipo declarado.");
        problem.RootElement.GetProperty("title").GetString().Should().Be("No se pudieron adjuntar los archivos");
        _portal.StoredFiles().Should().Equal(before);
        (await RowsAsync(number)).Should().Be(0);
    }

    [Fact]
    public async Task A_truncated_upload_is_a_Spanish_400_problem_logged_without_an_error()
    {
        var number = await _portal.FileCaseAsync(DemoPeople.Requester);
        using var browser = _portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, DemoPeople.Requester);
        var token = await TokenAsync(browser);

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/casos/{number}/adjuntos", UriKind.Relative))
        {
            Content = TruncatedForm(),
        };
        request.Headers.Add("RequestVerificationToken", token);
        using var response = await browser.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("title").GetString().Should().Be("Solicitud no válida");
        problem.RootElement.GetProperty("detail").GetString().Should().Contain("formulario multipart/form-data completo");
        _portal.Logs.Lines.Where(l => l.Level >= LogLevel.Error).Should().BeEmpty();
        (await RowsAsync(number)).Should().Be(0);
        _portal.StoredFiles().Should().NotContain(f => f.EndsWith(".part", StringComparison.Ordinal));
    }

    /// <summary>A form whose body ends inside a file, before its closing boundary (a client that dropped).</summary>
    internal static ByteArrayContent TruncatedForm()
    {
        var body = System.Text.Encoding.ASCII.GetBytes(
            "--limite\r\nContent-Disposition: form-data; name=\"archivos\"; filename=\"informe.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n1 0 obj");
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=limite");
        return content;
    }

    [Fact]
    public async Task An_upload_without_the_antiforgery_token_is_refused()
    {
        var number = await _portal.FileCaseAsync(DemoPeople.Requester);
        using var browser = _portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, DemoPeople.Requester);

        using var form = new MultipartFormDataContent { { Part(Pdf, "application/pdf"), "archivos", "informe.pdf" } };
        using var response = await browser.PostAsync(new Uri($"/casos/{number}/adjuntos", UriKind.Relative), form);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("antifalsificación");
        (await RowsAsync(number)).Should().Be(0);
    }

    [Fact]
    public async Task Uploading_to_a_case_out_of_reach_answers_as_a_missing_case()
    {
        var number = await _portal.FileCaseAsync(DemoPeople.Requester);
        using var browser = _portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, DemoPeople.Requester2);
        var token = await TokenAsync(browser);

        async Task<(HttpStatusCode, string)> PostAsync(string target)
        {
            using var form = new MultipartFormDataContent { { Part(Pdf, "application/pdf"), "archivos", "informe.pdf" } };
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/casos/{target}/adjuntos", UriKind.Relative)) { Content = form };
            request.Headers.Add("RequestVerificationToken", token);
            using var response = await browser.SendAsync(request);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return (response.StatusCode, problem.RootElement.GetProperty("detail").GetString()!.Replace(target, "N", StringComparison.Ordinal));
        }

        var outOfReach = await PostAsync(number);
        outOfReach.Item1.Should().Be(HttpStatusCode.NotFound);
        outOfReach.Should().Be(await PostAsync("MS-2099-999999"));
        (await RowsAsync(number)).Should().Be(0);
    }

    [Fact]
    public async Task Nobody_signed_in_may_upload()
    {
        var number = await _portal.FileCaseAsync(DemoPeople.Requester);
        using var browser = _portal.NewBrowser();
        using var form = new MultipartFormDataContent { { Part(Pdf, "application/pdf"), "archivos", "informe.pdf" } };
        using var response = await browser.PostAsync(new Uri($"/casos/{number}/adjuntos", UriKind.Relative), form);
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void The_portals_storage_folder_is_outside_its_web_root()
    {
        var storage = _portal.Services.GetRequiredService<AttachmentStorage>();
        var webRoot = _portal.Services.GetRequiredService<IWebHostEnvironment>().WebRootPath;
        storage.Root.Should().Be(_portal.StorageRoot);
        storage.Root.Should().NotStartWith(webRoot);
    }

    private static ByteArrayContent Part(byte[] content, string type)
    {
        var part = new ByteArrayContent(content);
        part.Headers.ContentType = new MediaTypeHeaderValue(type);
        return part;
    }

    /// <summary>The antiforgery token a signed-in page carries (the sign-out form's).</summary>
    private static async Task<string> TokenAsync(HttpClient browser) =>
        PortalFactory.AntiforgeryToken(await browser.GetStringAsync(new Uri("/casos/nuevo", UriKind.Relative)));

    private static async Task<string> NotFoundBodyAsync(HttpClient browser, string path)
    {
        using var response = await browser.GetAsync(new Uri(path, UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.NotFound, path);
        response.Content.Headers.ContentDisposition.Should().BeNull(path);
        return System.Text.RegularExpressions.Regex.Replace(
            await response.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" value=\"[^\"]+\"|<!--Blazor-Server-Component-State:[^>]*-->", "");
    }

    private async Task<Guid> StoreAsync(string number, string name, byte[] content)
    {
        var result = await _portal.Services.GetRequiredService<AttachFiles>().HandleAsync(
            number, [File(name, "", content)], AttachmentsCoreFixture.Requester, default);
        return result.Files.Single().Id;
    }

    private async Task<Guid> AssigneeOfAsync(string number)
    {
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
        return await db.Cases.Where(c => c.Number == number).Select(c => c.AssigneeId!.Value).SingleAsync();
    }

    private async Task<int> RowsAsync(string number)
    {
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
        var id = await db.Cases.Where(c => c.Number == number).Select(c => c.Id).SingleAsync();
        return await db.CaseAttachments.CountAsync(a => a.CaseId == id);
    }

    /// <summary>The portal with its attachment storage in a temporary folder.</summary>
    public sealed class AttachmentPortal : PortalFactory
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "mesa-tests", "portal-adjuntos-" + Guid.NewGuid().ToString("N"));

        public string StorageRoot => Path.Combine(_folder, "adjuntos");

        public CapturingLoggerProvider Logs { get; } = new();

        public IReadOnlyList<string> StoredFiles() =>
            Directory.Exists(StorageRoot) ? [.. Directory.GetFiles(StorageRoot, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)] : [];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
            builder.UseSetting("Attachments:StoragePath", StorageRoot);
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
}
