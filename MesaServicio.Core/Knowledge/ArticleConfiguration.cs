using MesaServicio.Core.Cases;
using MesaServicio.Core.Catalog;
using MesaServicio.Core.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MesaServicio.Core.Knowledge;

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> builder)
    {
        builder.ToTable("Articles");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Title).HasMaxLength(Article.TitleMaxLength).IsRequired();
        builder.Property(a => a.Body).HasMaxLength(Article.BodyMaxLength).IsRequired();
        builder.Property(a => a.SourceKind).HasMaxLength(20);
        builder.Property(a => a.SourceReference).HasMaxLength(40);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasOne<Category>().WithMany().HasForeignKey(a => a.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.CreatedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Case>().WithMany().HasForeignKey(a => a.SourceCaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.History).WithOne().HasForeignKey(h => h.ArticleId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(a => a.History).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(a => a.Words).WithOne().HasForeignKey(w => w.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Words).UsePropertyAccessMode(PropertyAccessMode.Field);

        // Search and suggestions read published articles of an audience; the list, by state; the review sweep, by day.
        builder.HasIndex(a => new { a.Status, a.Audience, a.CategoryId });
        builder.HasIndex(a => a.ReviewOn);
        builder.HasIndex(a => a.OwnerId);
        builder.HasIndex(a => a.SourceCaseId);
    }
}

internal sealed class ArticleWordConfiguration : IEntityTypeConfiguration<ArticleWord>
{
    public void Configure(EntityTypeBuilder<ArticleWord> builder)
    {
        builder.ToTable("ArticleWords");
        builder.HasKey(w => new { w.ArticleId, w.Word });
        builder.Property(w => w.Head).HasMaxLength(ArticleWord.HeadLength).IsRequired();

        // The search reads words by their first letters and needs nothing else of the row (a covering index).
        builder.HasIndex(w => new { w.Head, w.Word, w.ArticleId, w.InTitle });
    }
}

internal sealed class ArticleHistoryEntryConfiguration : IEntityTypeConfiguration<ArticleHistoryEntry>
{
    public void Configure(EntityTypeBuilder<ArticleHistoryEntry> builder)
    {
        builder.ToTable("ArticleHistory");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.FromValue).HasMaxLength(100);
        builder.Property(h => h.ToValue).HasMaxLength(100);
        builder.Property(h => h.Detail).HasMaxLength(500);
        builder.HasOne<Person>().WithMany().HasForeignKey(h => h.ActorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(h => new { h.ArticleId, h.Id });
    }
}

internal sealed class ArticleUseConfiguration : IEntityTypeConfiguration<ArticleUse>
{
    public void Configure(EntityTypeBuilder<ArticleUse> builder)
    {
        builder.ToTable("ArticleUses");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.HasOne<Article>().WithMany().HasForeignKey(u => u.ArticleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(u => u.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Case>().WithMany().HasForeignKey(u => u.CaseId).OnDelete(DeleteBehavior.Restrict);

        // The month's report: uses by instant.
        builder.HasIndex(u => new { u.At, u.Kind });
        builder.HasIndex(u => u.ArticleId);
    }
}
