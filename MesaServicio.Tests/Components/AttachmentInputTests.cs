using Bunit;
using MesaServicio.Core.Attachments;
using MesaServicio.Core.People;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Components.Cases;
using Microsoft.AspNetCore.Components.Forms;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Components;

/// <summary>The file picker of a message: it offers only the allowed types and refuses, as each file is chosen, what Core would refuse.</summary>
[Trait("Pass", "Once")]
public sealed class AttachmentInputTests : ComponentTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public AttachmentInputTests() => SignInAs(DemoPeople.Requester, PersonRoles.None);

    [Fact]
    public void The_picker_offers_only_the_allowed_types()
    {
        var cut = Render<AttachmentInput>();

        var accept = cut.Find("input[type=file]").GetAttribute("accept");

        accept.Should().NotBeNullOrEmpty();
        accept!.Split(',').Should().BeEquivalentTo(AttachmentOptions.DefaultAllowedTypes.Select(t => "." + t));
    }

    [Fact]
    public void A_file_of_a_type_not_allowed_is_refused_by_name_and_the_others_are_kept()
    {
        var cut = Render<AttachmentInput>();

        cut.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromText("MZ", "informe.exe"),
            InputFileContent.CreateFromText("%PDF-1.4", "acta.pdf"));

        cut.WaitForAssertion(() =>
        {
            var refusal = cut.Find("[role=alert]").TextContent;
            refusal.Should().Contain("«informe.exe» no se adjuntó: el tipo .exe no está permitido. Tipos permitidos: ");
            refusal.Should().Contain("pdf");
            refusal.Should().NotContain("acta.pdf");
        }, Patience);
        cut.Instance.Files.Select(f => f.Name).Should().Equal("acta.pdf");
        cut.Instance.Validate().Should().BeNull("what is kept can be sent");
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_with_its_size_and_the_limit()
    {
        var cut = Render<AttachmentInput>();
        var big = new byte[(int)(AttachmentOptions.DefaultMaxFileBytes + (3 * 1024 * 1024))];

        cut.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromBinary(big, "escaneo.pdf"),
            InputFileContent.CreateFromText("hola", "notas.txt"));

        cut.WaitForAssertion(
            () => cut.Find("[role=alert]").TextContent.Should().Contain("«escaneo.pdf» no se adjuntó: pesa 13 MB; el máximo es 10 MB."), Patience);
        cut.Instance.Files.Select(f => f.Name).Should().Equal("notas.txt");
    }

    [Fact]
    public void Files_beyond_the_count_limit_are_refused_by_name()
    {
        var cut = Render<AttachmentInput>();
        var files = Enumerable.Range(1, AttachmentOptions.DefaultMaxFilesPerMessage + 2)
            .Select(i => InputFileContent.CreateFromText("texto", $"nota{i}.txt")).ToArray();

        cut.FindComponent<InputFile>().UploadFiles(files);

        cut.WaitForAssertion(() =>
        {
            var refusal = cut.Find("[role=alert]").TextContent;
            refusal.Should().Contain("«nota6.txt» no se adjuntó: ya eligió el máximo de 5 archivos por mensaje.");
            refusal.Should().Contain("«nota7.txt» no se adjuntó");
        }, Patience);
        cut.Instance.Files.Select(f => f.Name).Should().Equal("nota1.txt", "nota2.txt", "nota3.txt", "nota4.txt", "nota5.txt");
    }
}
