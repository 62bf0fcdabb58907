using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MesaServicio.Core.Persistence;

internal sealed class CalendarSettingsConfiguration : IEntityTypeConfiguration<Calendar.CalendarSettings>
{
    public void Configure(EntityTypeBuilder<Calendar.CalendarSettings> builder)
    {
        builder.ToTable("CalendarSettings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.TimeZone).HasMaxLength(100).IsRequired();
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasMany(s => s.WeeklyHours).WithOne().HasForeignKey("CalendarSettingsId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.WeeklyHours).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
