using MesaServicio.Core.Cases;
using MesaServicio.Core.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MesaServicio.Core.Improvement;

internal sealed class ImprovementActionConfiguration : IEntityTypeConfiguration<ImprovementAction>
{
    public void Configure(EntityTypeBuilder<ImprovementAction> builder)
    {
        builder.ToTable("ImprovementActions");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Number).HasMaxLength(20).IsRequired();
        builder.HasIndex(a => a.Number).IsUnique();

        // Two actions created at once cannot take the same number: the loser tries the next one.
        builder.HasIndex(a => new { a.Year, a.Sequence }).IsUnique();
        builder.Property(a => a.Title).HasMaxLength(ImprovementAction.TitleMaxLength).IsRequired();
        builder.Property(a => a.Description).HasMaxLength(ImprovementAction.TextMaxLength);
        builder.Property(a => a.Outcome).HasMaxLength(ImprovementAction.TextMaxLength);
        builder.Property(a => a.OriginMonth).HasMaxLength(7);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.IsOpen);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.ResponsibleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.CreatedById).OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(a => a.Cases).WithOne().HasForeignKey(c => c.ActionId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(a => a.Cases).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(a => a.FollowUps).WithOne().HasForeignKey(f => f.ActionId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(a => a.FollowUps).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(a => a.History).WithOne().HasForeignKey(h => h.ActionId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(a => a.History).UsePropertyAccessMode(PropertyAccessMode.Field);

        // The list (by status and due date, by responsible) and the month's report (opened, due, done in the month).
        builder.HasIndex(a => new { a.Status, a.DueOn });
        builder.HasIndex(a => new { a.ResponsibleId, a.Status });
        builder.HasIndex(a => a.CreatedAt);
        builder.HasIndex(a => a.DueOn);
        builder.HasIndex(a => a.ClosedAt);
    }
}

internal sealed class ImprovementActionCaseConfiguration : IEntityTypeConfiguration<ImprovementActionCase>
{
    public void Configure(EntityTypeBuilder<ImprovementActionCase> builder)
    {
        builder.ToTable("ImprovementActionCases");
        builder.HasKey(c => new { c.ActionId, c.CaseId });
        builder.HasOne<Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Restrict);

        // "Which actions came from this case" (the case page).
        builder.HasIndex(c => c.CaseId);
    }
}

internal sealed class ImprovementFollowUpConfiguration : IEntityTypeConfiguration<ImprovementFollowUp>
{
    public void Configure(EntityTypeBuilder<ImprovementFollowUp> builder)
    {
        builder.ToTable("ImprovementFollowUps");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.Text).HasMaxLength(ImprovementAction.TextMaxLength).IsRequired();
        builder.HasOne<Person>().WithMany().HasForeignKey(f => f.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(f => new { f.ActionId, f.At });
    }
}

internal sealed class ImprovementHistoryEntryConfiguration : IEntityTypeConfiguration<ImprovementHistoryEntry>
{
    public void Configure(EntityTypeBuilder<ImprovementHistoryEntry> builder)
    {
        builder.ToTable("ImprovementHistory");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.FromValue).HasMaxLength(200);
        builder.Property(h => h.ToValue).HasMaxLength(200);
        builder.Property(h => h.Detail).HasMaxLength(ImprovementAction.TextMaxLength);
        builder.HasIndex(h => new { h.ActionId, h.Id });
    }
}
