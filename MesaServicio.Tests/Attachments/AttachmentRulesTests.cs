using MesaServicio.Core.Attachments;
using MesaServicio.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MesaServicio.Tests.Attachments;

public class AttachmentRulesTests
{
    [Theory]
    [InlineData("informe.pdf", "informe.pdf")]
    [InlineData("C:\\Users\\laura\\Escritorio\\informe.pdf", "informe.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("factura\u202Efdp.exe", "facturafdp.exe")]
    [InlineData("  acta\tfinal  .docx ", "acta final .docx")]
    [InlineData("a<b>c:d|e?.txt", "a_b_c_d_e_.txt")]
    [InlineData("...", AttachmentFileName.Fallback)]
    [InlineData(null, AttachmentFileName.Fallback)]
    [InlineData("Cotizacio\u0301n.pdf", "Cotización.pdf")]
    public void File_names_are_made_safe_to_show(string? raw, string expected) =>
        AttachmentFileName.Sanitize(raw).Should().Be(expected);

    [Fact]
    public void A_long_name_is_cut_keeping_its_extension()
    {
        var name = AttachmentFileName.Sanitize(new string('a', 500) + ".pdf");
        name.Should().HaveLength(CaseAttachment.FileNameMaxLength).And.EndWith(".pdf");
    }

    [Fact]
    public void The_default_allow_list_is_a_service_desks_and_never_active_content()
    {
        var options = Options(new Dictionary<string, string?>());
        options.MaxFileBytes.Should().Be(10 * 1024 * 1024);
        options.MaxFilesPerMessage.Should().Be(5);
        options.StoragePath.Should().Be("data/adjuntos");
        options.EffectiveAllowedTypes().Should().Contain(["pdf", "png", "jpg", "jpeg", "gif", "txt", "csv", "docx", "xlsx", "pptx", "odt", "ods"])
            .And.NotContain(["html", "htm", "svg", "xml", "js", "exe", "msi", "bat", "cmd", "ps1", "zip", "doc", "xls"]);
    }

    [Fact]
    public void Configuration_can_narrow_the_list_but_not_add_a_format_the_desk_cannot_verify()
    {
        Options(new Dictionary<string, string?> { ["Attachments:AllowedTypes:0"] = ".PDF", ["Attachments:AllowedTypes:1"] = "png" })
            .EffectiveAllowedTypes().Should().Equal("pdf", "png");

        var act = () => Options(new Dictionary<string, string?> { ["Attachments:AllowedTypes:0"] = "pdf", ["Attachments:AllowedTypes:1"] = "html" });
        act.Should().Throw<OptionsValidationException>().WithMessage("*html*");
    }

    [Fact]
    public void The_default_storage_folder_is_under_the_content_root_and_outside_the_web_root()
    {
        var contentRoot = RepositoryFiles.PathOf("MesaServicio.Web");
        var storage = new AttachmentStorage(new AttachmentOptions(), contentRoot);
        storage.Root.Should().Be(Path.Combine(contentRoot, "data", "adjuntos"));
        storage.Root.Should().NotStartWith(RepositoryFiles.PathOf("wwwroot-assets")).And.NotContain("wwwroot");
    }

    [Fact]
    public void Sizes_read_in_Spanish() =>
        AttachmentSizes.Format((long)(12.4 * 1024 * 1024)).Should().Be("12,4 MB");

    private static AttachmentOptions Options(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        using var services = new ServiceCollection().AddMesaServicioAttachments(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<AttachmentOptions>>().Value;
    }
}
