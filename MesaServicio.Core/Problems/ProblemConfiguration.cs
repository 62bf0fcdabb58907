using MesaServicio.Core.Cases;
using MesaServicio.Core.Catalog;
using MesaServicio.Core.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MesaServicio.Core.Problems;

internal sealed class ProblemConfiguration : IEntityTypeConfiguration<Problem>
{
    public void Configure(EntityTypeBuilder<Problem> builder)
    {
        builder.ToTable("Problems");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Number).HasMaxLength(20).IsRequired();
        builder.HasIndex(p => p.Number).IsUnique();

        // Two problems registered at once cannot take the same number: the loser tries the next one.
        builder.HasIndex(p => new { p.Year, p.Sequence }).IsUnique();
        builder.Property(p => p.Title).HasMaxLength(Problem.TitleMaxLength).IsRequired();
        builder.Property(p => p.Description).HasMaxLength(Problem.TextMaxLength);
        builder.Property(p => p.RootCause).HasMaxLength(Problem.TextMaxLength);
        builder.Property(p => p.Workaround).HasMaxLength(Problem.TextMaxLength);
        builder.Property(p => p.Solution).HasMaxLength(Problem.TextMaxLength);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.IsOpen);
        builder.Ignore(p => p.LinkedIncidents);
        builder.HasOne<Category>().WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(p => p.ResponsibleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(p => p.CreatedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Incidents).WithOne().HasForeignKey(i => i.ProblemId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(p => p.Incidents).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(p => p.Comments).WithOne().HasForeignKey(c => c.ProblemId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(p => p.Comments).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(p => p.History).WithOne().HasForeignKey(h => h.ProblemId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(p => p.History).UsePropertyAccessMode(PropertyAccessMode.Field);

        // The list (by state) and the month's report (registered, known errors, resolved in the month).
        builder.HasIndex(p => new { p.Status, p.CreatedAt });
        builder.HasIndex(p => p.CreatedAt);
        builder.HasIndex(p => p.KnownErrorAt);
        builder.HasIndex(p => p.ResolvedAt);
        builder.HasIndex(p => p.CategoryId);
    }
}

internal sealed class ProblemIncidentConfiguration : IEntityTypeConfiguration<ProblemIncident>
{
    public void Configure(EntityTypeBuilder<ProblemIncident> builder)
    {
        builder.ToTable("ProblemIncidents");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.HasOne<Case>().WithMany().HasForeignKey(i => i.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(i => i.LinkedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(i => i.UnlinkedById).OnDelete(DeleteBehavior.Restrict);

        // "Which problems is this case part of" (the case page) and the month's links.
        builder.HasIndex(i => new { i.CaseId, i.UnlinkedAt });
        builder.HasIndex(i => new { i.ProblemId, i.UnlinkedAt });
        builder.HasIndex(i => i.LinkedAt);
    }
}

internal sealed class ProblemCommentConfiguration : IEntityTypeConfiguration<ProblemComment>
{
    public void Configure(EntityTypeBuilder<ProblemComment> builder)
    {
        builder.ToTable("ProblemComments");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Text).HasMaxLength(Problem.TextMaxLength).IsRequired();
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.ProblemId, c.At });
    }
}

internal sealed class ProblemAttachmentConfiguration : IEntityTypeConfiguration<ProblemAttachment>
{
    public void Configure(EntityTypeBuilder<ProblemAttachment> builder)
    {
        builder.ToTable("ProblemAttachments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.FileName).HasMaxLength(global::MesaServicio.Core.Attachments.CaseAttachment.FileNameMaxLength).IsRequired();
        builder.Property(a => a.DeclaredContentType).HasMaxLength(global::MesaServicio.Core.Attachments.CaseAttachment.ContentTypeMaxLength).IsRequired();
        builder.Property(a => a.DetectedContentType).HasMaxLength(global::MesaServicio.Core.Attachments.CaseAttachment.ContentTypeMaxLength).IsRequired();
        builder.Property(a => a.Sha256).HasMaxLength(64).IsRequired();
        builder.Property(a => a.StorageName).HasMaxLength(64).IsRequired();
        builder.HasOne<Problem>().WithMany().HasForeignKey(a => a.ProblemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ProblemComment>().WithMany().HasForeignKey(a => a.CommentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.UploadedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.ProblemId, a.CommentId });
    }
}

internal sealed class ProblemHistoryEntryConfiguration : IEntityTypeConfiguration<ProblemHistoryEntry>
{
    public void Configure(EntityTypeBuilder<ProblemHistoryEntry> builder)
    {
        builder.ToTable("ProblemHistory");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.FromValue).HasMaxLength(200);
        builder.Property(h => h.ToValue).HasMaxLength(200);
        builder.Property(h => h.Detail).HasMaxLength(Problem.TextMaxLength);
        builder.HasIndex(h => new { h.ProblemId, h.Id });
    }
}
