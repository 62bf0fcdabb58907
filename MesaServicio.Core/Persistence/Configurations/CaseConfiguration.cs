using MesaServicio.Core.Cases;
using MesaServicio.Core.Catalog;
using MesaServicio.Core.People;
using MesaServicio.Core.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MesaServicio.Core.Persistence;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> builder)
    {
        builder.ToTable("Cases");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Number).HasMaxLength(20).IsRequired();
        builder.HasIndex(c => c.Number).IsUnique();

        // A PQRS radicado makes one case per intake client, even when two requests race (the loser finds the winner's
        // case); two clients may number alike and never see each other's cases (decision 0028).
        builder.Property(c => c.ExternalReference).HasMaxLength(Case.ExternalReferenceMaxLength);
        builder.Property(c => c.IntakeClient).HasMaxLength(Case.IntakeClientMaxLength);
        builder.Property(c => c.DataAuthorizationVersion).HasMaxLength(Privacy.DataAuthorization.NoticeVersionMaxLength);
        builder.HasIndex(c => new { c.IntakeClient, c.ExternalReference }).IsUnique();
        builder.Property(c => c.Subject).HasMaxLength(Case.SubjectMaxLength).IsRequired();
        builder.Property(c => c.Description).HasMaxLength(Case.DescriptionMaxLength).IsRequired();
        builder.Property(c => c.Solution).HasMaxLength(Case.TextMaxLength);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.Events);
        builder.Ignore(c => c.IsOpen);
        builder.Ignore(c => c.SlaFacts);
        builder.Ignore(c => c.LegalTermFacts);

        builder.HasMany(c => c.History).WithOne().HasForeignKey(h => h.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Comments).WithOne().HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(c => c.Comments).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(c => c.History).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(c => c.Visits).WithOne().HasForeignKey(v => v.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(c => c.Visits).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(c => c.SurveyResponses).WithOne().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(c => c.SurveyResponses).UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasOne<Category>().WithMany().HasForeignKey(c => c.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.RequesterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.AssigneeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.FiledById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TechnicianGroup>().WithMany().HasForeignKey(c => c.AssignedGroupId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Case>().WithMany().HasForeignKey(c => c.DuplicateOfCaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SlaPolicy>().WithMany().HasForeignKey(c => c.SlaPolicyId).OnDelete(DeleteBehavior.Restrict);

        // The board and the lists: by status, by assignee's open work, by group, by category, by due time.
        builder.HasIndex(c => new { c.Status, c.Priority });
        builder.HasIndex(c => new { c.AssigneeId, c.Status });
        builder.HasIndex(c => new { c.AssignedGroupId, c.Status });
        builder.HasIndex(c => new { c.CategoryId, c.Status });
        builder.HasIndex(c => new { c.Status, c.SurveyDueAt });
        builder.HasIndex(c => c.ReceivedAt);

        // The board's columns (decision 0020): each column's first page, in the order it shows (priority, then due time),
        // and its count, read from one index for the coordinator and from one per reach for the others (their cases,
        // their groups', their led categories').
        builder.HasIndex(c => new { c.BoardColumn, c.Priority, c.BoardDueAt, c.Number });
        builder.HasIndex(c => new { c.AssigneeId, c.BoardColumn, c.Priority, c.BoardDueAt, c.Number });
        builder.HasIndex(c => new { c.AssignedGroupId, c.BoardColumn, c.Priority, c.BoardDueAt, c.Number });
        builder.HasIndex(c => new { c.CategoryId, c.BoardColumn, c.Priority, c.BoardDueAt, c.Number });

        // The case list (/casos, issue #17): staff's reach is a union of one lookup per way a case reaches them; each
        // index gives its lookup's newest cases in order (ReceivedAt, Id: the list's order) and covers the count, with
        // and without "only open", without reading the table.
        builder.HasIndex(c => new { c.RequesterId, c.ReceivedAt, c.Id, c.Status });
        builder.HasIndex(c => new { c.AssigneeId, c.ReceivedAt, c.Id, c.Status });
        builder.HasIndex(c => new { c.FiledById, c.ReceivedAt, c.Id, c.Status });
        builder.HasIndex(c => new { c.AssignedGroupId, c.ReceivedAt, c.Id, c.Status });
        builder.HasIndex(c => new { c.CategoryId, c.ReceivedAt, c.Id, c.Status });

        // PQRS legal terms: the sweep's warnings and the month's "respondidas dentro del término legal".
        builder.HasIndex(c => c.LegalDueAt);
    }
}
