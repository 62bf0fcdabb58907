using MesaServicio.Core.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MesaServicio.Core.Persistence;

internal sealed class SiteVisitConfiguration : IEntityTypeConfiguration<Visits.SiteVisit>
{
    public void Configure(EntityTypeBuilder<Visits.SiteVisit> builder)
    {
        builder.ToTable("SiteVisits");
        builder.HasKey(v => v.Id);

        // Ids are made by the domain (version 7 GUIDs): a new visit found through the case is an insert.
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Dependency).HasMaxLength(Visits.SiteVisit.DependencyMaxLength).IsRequired();
        builder.Property(v => v.Purpose).HasMaxLength(Visits.SiteVisit.TextMaxLength).IsRequired();
        builder.Property(v => v.Preparation).HasMaxLength(Visits.SiteVisit.TextMaxLength);
        builder.Property(v => v.CancelReason).HasMaxLength(Visits.SiteVisit.TextMaxLength);
        builder.Property(v => v.Findings).HasMaxLength(Visits.SiteVisit.TextMaxLength);

        // Who goes and who went: a few staff ids, kept with the visit (a JSON array in SQLite, uuid[] in PostgreSQL).
        builder.PrimitiveCollection<List<Guid>>("StaffIdList").HasColumnName("StaffIds");
        builder.PrimitiveCollection<List<Guid>>("AttendeeIdList").HasColumnName("AttendeeIds");
        builder.Ignore(v => v.StaffIds);
        builder.Ignore(v => v.AttendeeIds);
        builder.HasOne<Person>().WithMany().HasForeignKey(v => v.PlannedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(v => new { v.CaseId, v.ScheduledAt });

        // The monthly report: visits done in a month.
        builder.HasIndex(v => new { v.Status, v.EndedAt });
    }
}
