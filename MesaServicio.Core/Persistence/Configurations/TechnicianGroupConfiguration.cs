using MesaServicio.Core.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MesaServicio.Core.Persistence;

internal sealed class TechnicianGroupConfiguration : IEntityTypeConfiguration<TechnicianGroup>
{
    public void Configure(EntityTypeBuilder<TechnicianGroup> builder)
    {
        builder.ToTable("TechnicianGroups");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Name).HasMaxLength(150).IsRequired();
        builder.HasIndex(g => g.Name).IsUnique();
        builder.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(g => g.Members).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
