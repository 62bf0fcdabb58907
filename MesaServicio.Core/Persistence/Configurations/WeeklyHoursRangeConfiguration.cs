using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MesaServicio.Core.Persistence;

internal sealed class WeeklyHoursRangeConfiguration : IEntityTypeConfiguration<Calendar.WeeklyHoursRange>
{
    public void Configure(EntityTypeBuilder<Calendar.WeeklyHoursRange> builder)
    {
        builder.ToTable("CalendarWeeklyHours");
        builder.HasKey(r => r.Id);
    }
}
