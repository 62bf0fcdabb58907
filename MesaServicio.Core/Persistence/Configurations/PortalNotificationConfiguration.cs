using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MesaServicio.Core.Persistence;

internal sealed class PortalNotificationConfiguration : IEntityTypeConfiguration<Notifications.PortalNotification>
{
    public void Configure(EntityTypeBuilder<Notifications.PortalNotification> builder)
    {
        builder.ToTable("PortalNotifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.DedupKey).HasMaxLength(200).IsRequired();
        builder.HasIndex(n => n.DedupKey).IsUnique();
        builder.Property(n => n.CaseNumber).HasMaxLength(20);
        builder.Property(n => n.Text).HasMaxLength(500).IsRequired();
        builder.HasIndex(n => new { n.PersonId, n.CreatedAt });
    }
}
