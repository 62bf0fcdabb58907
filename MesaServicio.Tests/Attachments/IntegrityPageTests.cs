using System.Net;
using MesaServicio.Core.Attachments;
using MesaServicio.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Attachments;

/// <summary>/integridad lists the files the periodic check found missing, for the coordinator only.</summary>
public sealed class IntegrityPageTests : IDisposable
{
    private readonly PortalFactory _portal = new();

    public void Dispose() => _portal.Dispose();

    [Fact]
    public async Task The_coordinator_sees_a_missing_file_with_its_case_and_an_agent_may_not()
    {
        var number = await _portal.FileCaseAsync(DemoPeople.Requester);
        var attached = await _portal.Services.GetRequiredService<AttachFiles>().HandleAsync(
            number, [AttachmentSamples.File("acta firmada.pdf", "application/pdf", AttachmentSamples.Pdf)], AttachmentsCoreFixture.Requester, default);
        var id = attached.Files.Single().Id;
        File.Delete(_portal.Services.GetRequiredService<AttachmentStorage>().PathOf(CaseAttachment.StorageNameFor(id)));
        await _portal.Services.GetRequiredService<AttachmentIntegritySweep>().RunAsync(default);

        using var coordinator = _portal.NewBrowser();
        await PortalFactory.SignInAsync(coordinator, DemoPeople.Coordinator);
        var page = WebUtility.HtmlDecode(await coordinator.GetStringAsync(new Uri("/integridad", UriKind.Relative)));
        page.Should().Contain("1 archivo necesita que se restaure del respaldo").And.Contain($"href=\"/casos/{number}\"")
            .And.Contain("acta firmada.pdf").And.Contain("Falta en el almacenamiento").And.Contain("1 de 1 archivo revisado");

        using var agent = _portal.NewBrowser();
        await PortalFactory.SignInAsync(agent, DemoPeople.Agent1);
        using var refused = await agent.GetAsync(new Uri("/integridad", UriKind.Relative));
        refused.StatusCode.Should().Be(HttpStatusCode.Redirect);
        refused.Headers.Location!.AbsolutePath.Should().Be("/acceso-denegado");
    }
}
