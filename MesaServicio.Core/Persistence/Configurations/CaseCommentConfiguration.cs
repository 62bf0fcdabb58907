using MesaServicio.Core.Cases;
using MesaServicio.Core.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MesaServicio.Core.Persistence;

internal sealed class CaseCommentConfiguration : IEntityTypeConfiguration<CaseComment>
{
    public void Configure(EntityTypeBuilder<CaseComment> builder)
    {
        builder.ToTable("CaseComments");
        builder.HasKey(c => c.Id);

        // Ids are made by the domain (version 7 GUIDs): a new comment found through the case is an insert.
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Text).HasMaxLength(CaseComment.MaxLength).IsRequired();
        builder.Property(c => c.RelatedCaseNumber).HasMaxLength(20);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.CaseId, c.At });
    }
}
