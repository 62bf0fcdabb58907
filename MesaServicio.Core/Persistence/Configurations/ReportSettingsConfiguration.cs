using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MesaServicio.Core.Persistence;

internal sealed class ReportSettingsConfiguration : IEntityTypeConfiguration<Reports.ReportSettings>
{
    public void Configure(EntityTypeBuilder<Reports.ReportSettings> builder)
    {
        builder.ToTable("ReportSettings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Indicator7Target).HasPrecision(5, 1);
    }
}
