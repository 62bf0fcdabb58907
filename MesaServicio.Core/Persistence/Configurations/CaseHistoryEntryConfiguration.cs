using MesaServicio.Core.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MesaServicio.Core.Persistence;

internal sealed class CaseHistoryEntryConfiguration : IEntityTypeConfiguration<CaseHistoryEntry>
{
    public void Configure(EntityTypeBuilder<CaseHistoryEntry> builder)
    {
        builder.ToTable("CaseHistory");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.FromValue).HasMaxLength(200);
        builder.Property(h => h.ToValue).HasMaxLength(200);
        builder.Property(h => h.Detail).HasMaxLength(Case.TextMaxLength);
        builder.HasIndex(h => new { h.CaseId, h.Id });
        builder.HasIndex(h => h.At);

        // The monthly report reads escalations, novedades and reopenings by action.
        builder.HasIndex(h => new { h.Action, h.CaseId });
    }
}
