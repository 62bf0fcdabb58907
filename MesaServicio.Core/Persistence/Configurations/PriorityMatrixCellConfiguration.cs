using MesaServicio.Core.Priority;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MesaServicio.Core.Persistence;

internal sealed class PriorityMatrixCellConfiguration : IEntityTypeConfiguration<PriorityMatrixCell>
{
    public void Configure(EntityTypeBuilder<PriorityMatrixCell> builder)
    {
        builder.ToTable("PriorityMatrix");
        builder.HasKey(c => new { c.Impact, c.Urgency });
    }
}
