using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MesaServicio.Core.Persistence;

internal sealed class PrivacyNoticeConfiguration : IEntityTypeConfiguration<Privacy.PrivacyNotice>
{
    public void Configure(EntityTypeBuilder<Privacy.PrivacyNotice> builder)
    {
        builder.ToTable("PrivacyNotices");
        builder.HasKey(n => n.Version);
        builder.Property(n => n.Version).ValueGeneratedNever();
        builder.Property(n => n.Text).HasMaxLength(Privacy.PrivacyNotice.TextMaxLength).IsRequired();
    }
}
