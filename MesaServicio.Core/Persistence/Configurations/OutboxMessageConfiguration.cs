using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MesaServicio.Core.Persistence;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<Notifications.OutboxMessage>
{
    public void Configure(EntityTypeBuilder<Notifications.OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.DedupKey).HasMaxLength(200).IsRequired();
        builder.HasIndex(m => m.DedupKey).IsUnique();
        builder.Property(m => m.ToAddress).HasMaxLength(320).IsRequired();
        builder.Property(m => m.Subject).HasMaxLength(300).IsRequired();
        builder.Property(m => m.LastError).HasMaxLength(500);
        builder.Property(m => m.LeasedBy).HasMaxLength(100);
        builder.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
        builder.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(m => m.Attachments).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
