using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.CaseFiles;

public sealed partial class CaseFileEndpointTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Note = "Nota para el equipo: el usuario tiene la licencia vencida.";

    [Fact]
    public async Task The_requester_downloads_the_case_file_as_a_PDF_attachment_without_internal_notes()
    {
        var number = await CaseWithInternalNoteAsync();
        using var browser = portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, DemoPeople.Requester);

        using var response = await browser.GetAsync(new Uri($"/casos/{number}/expediente.pdf", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        var disposition = response.Content.Headers.ContentDisposition!;
        disposition.DispositionType.Should().Be("attachment");
        disposition.FileName.Should().Be($"expediente-{number}.pdf");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");

        var bytes = await response.Content.ReadAsByteArrayAsync();
        Encoding.ASCII.GetString(bytes, 0, 5).Should().Be("%PDF-");
        var text = string.Join(" ", CaseFileFixture.Pages(bytes));
        text.Should().Contain("Expediente del caso " + number).And.Contain("Escribió un comentario").And.Contain("Generado por Laura Gómez Rincón");
        text.Should().NotContain(Note).And.NotContain("Nota interna");
    }

    [Fact]
    public async Task The_cases_agent_gets_the_internal_notes_and_a_lower_case_number_works()
    {
        var number = await CaseWithInternalNoteAsync();
        using var browser = portal.NewBrowser();
        await PortalFactory.SignInAsync(browser, await AssigneeOfAsync(number));

        using var response = await browser.GetAsync(new Uri($"/casos/{number.ToLowerInvariant()}/expediente.pdf", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.FileName.Should().Be($"expediente-{number}.pdf");
        var text = string.Join(" ", CaseFileFixture.Pages(await response.Content.ReadAsByteArrayAsync()));
        text.Should().Contain(Note).And.Contain("Nota interna");
    }

    [Fact]
    public async Task Another_requester_gets_the_same_404_as_a_missing_case()
    {
        var number = await CaseWithInternalNoteAsync();
        using var other = portal.NewBrowser();
        await PortalFactory.SignInAsync(other, DemoPeople.Requester2);

        var missing = await NotFoundBodyAsync(other, "/casos/MS-2099-999999/expediente.pdf");
        var outOfReach = await NotFoundBodyAsync(other, $"/casos/{number}/expediente.pdf");

        outOfReach.Should().Be(missing);
        outOfReach.Should().NotContain(number);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var number = await CaseWithInternalNoteAsync();
        using var browser = portal.NewBrowser();

        using var response = await browser.GetAsync(new Uri($"/casos/{number}/expediente.pdf", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.PathAndQuery.Should().StartWith($"/ingresar?returnUrl=%2Fcasos%2F{number}%2Fexpediente.pdf");
        response.Content.Headers.ContentDisposition.Should().BeNull();
    }

    /// <summary>A requester's case with a public comment of the requester and an internal note of its agent.</summary>
    private async Task<string> CaseWithInternalNoteAsync()
    {
        var number = await portal.FileCaseAsync(DemoPeople.Requester);
        var comment = portal.Services.GetRequiredService<CommentOnCase>();
        await comment.HandleAsync(new CommentOnCaseCommand(number, "¿Hay novedades?", false), CaseFileFixture.Requester, default);
        await comment.HandleAsync(new CommentOnCaseCommand(number, Note, true), CoreHost.Agent(await AssigneeOfAsync(number)), default);
        return number;
    }

    private async Task<Guid> AssigneeOfAsync(string number)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
        return await db.Cases.Where(c => c.Number == number).Select(c => c.AssigneeId!.Value).SingleAsync();
    }

    /// <summary>The 404 page's body, without what changes from one request to the next.</summary>
    private static async Task<string> NotFoundBodyAsync(HttpClient browser, string path)
    {
        using var response = await browser.GetAsync(new Uri(path, UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.NotFound, path);
        response.Content.Headers.ContentDisposition.Should().BeNull(path);
        return Volatile().Replace(await response.Content.ReadAsStringAsync(), "");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"[^\"]+\"|<!--Blazor-Server-Component-State:[^>]*-->")]
    private static partial Regex Volatile();
}
