using MesaServicio.Core.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MesaServicio.Core.Persistence;

internal sealed class SlaAlertConfiguration : IEntityTypeConfiguration<Sla.SlaAlert>
{
    public void Configure(EntityTypeBuilder<Sla.SlaAlert> builder)
    {
        builder.ToTable("SlaAlerts");
        builder.HasKey(a => new { a.CaseId, a.Target, a.Threshold });
        builder.HasOne<Case>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}
