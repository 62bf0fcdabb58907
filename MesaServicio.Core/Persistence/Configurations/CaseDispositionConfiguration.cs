using MesaServicio.Core.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MesaServicio.Core.Persistence;

internal sealed class CaseDispositionConfiguration : IEntityTypeConfiguration<Retention.CaseDisposition>
{
    public void Configure(EntityTypeBuilder<Retention.CaseDisposition> builder)
    {
        builder.ToTable("CaseDispositions");
        builder.HasKey(d => d.Id);
        builder.HasIndex(d => d.CaseId).IsUnique();
        builder.HasOne<Case>().WithOne().HasForeignKey<Retention.CaseDisposition>(d => d.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(d => d.CaseNumber).HasMaxLength(40).IsRequired();
        builder.Property(d => d.ArchiveFolder).HasMaxLength(40).IsRequired();
        builder.Property(d => d.PdfSha256).HasMaxLength(64).IsRequired();
        builder.HasIndex(d => d.DisposedAt);
    }
}
