using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MesaServicio.Core.Persistence;

internal sealed class NonWorkingDayConfiguration : IEntityTypeConfiguration<Calendar.NonWorkingDay>
{
    public void Configure(EntityTypeBuilder<Calendar.NonWorkingDay> builder)
    {
        builder.ToTable("NonWorkingDays");
        builder.HasKey(d => d.Day);
        builder.Property(d => d.Day).ValueGeneratedNever();
        builder.Property(d => d.Description).HasMaxLength(Calendar.NonWorkingDay.DescriptionMaxLength).IsRequired();
    }
}
