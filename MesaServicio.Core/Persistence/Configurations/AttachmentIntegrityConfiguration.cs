using MesaServicio.Core.Attachments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MesaServicio.Core.Persistence;

internal sealed class AttachmentIntegrityConfiguration : IEntityTypeConfiguration<Attachments.AttachmentIntegrity>
{
    public void Configure(EntityTypeBuilder<Attachments.AttachmentIntegrity> builder)
    {
        builder.ToTable("AttachmentIntegrity");
        builder.HasKey(i => i.AttachmentId);
        builder.HasOne<CaseAttachment>().WithOne().HasForeignKey<Attachments.AttachmentIntegrity>(i => i.AttachmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => i.CheckedAt);
        builder.HasIndex(i => i.State);
    }
}
