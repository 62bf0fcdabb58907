using MesaServicio.Core.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MesaServicio.Core.Persistence;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKeys.ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKeys.ApiKey> builder)
    {
        builder.ToTable("ApiKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.Name).HasMaxLength(ApiKeys.ApiKey.NameMaxLength).IsRequired();
        builder.Property(k => k.Prefix).HasMaxLength(ApiKeys.ApiKeySecrets.PrefixLength).IsFixedLength().IsRequired();
        builder.HasIndex(k => k.Prefix).IsUnique();
        builder.Property(k => k.SecretHash).HasMaxLength(32).IsFixedLength().IsRequired();
        builder.HasOne<Person>().WithMany().HasForeignKey(k => k.CreatedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(k => k.RevokedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApiKeys.ApiKey>().WithMany().HasForeignKey(k => k.ReplacesId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(k => k.CreatedAt);
    }
}
