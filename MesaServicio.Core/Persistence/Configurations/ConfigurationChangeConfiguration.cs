using MesaServicio.Core.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MesaServicio.Core.Persistence;

internal sealed class ConfigurationChangeConfiguration : IEntityTypeConfiguration<Configuration.ConfigurationChange>
{
    public void Configure(EntityTypeBuilder<Configuration.ConfigurationChange> builder)
    {
        builder.ToTable("ConfigurationChanges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Area).HasMaxLength(40).IsRequired();
        builder.Property(c => c.Subject).HasMaxLength(200).IsRequired();
        builder.Property(c => c.Reason).HasMaxLength(Case.TextMaxLength);
        builder.HasIndex(c => c.At);
        builder.HasIndex(c => new { c.Area, c.At });
        builder.HasIndex(c => new { c.ActorId, c.At });
    }
}
