using MesaServicio.Core.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MesaServicio.Core.Persistence;

internal sealed class PrivacyAcceptanceConfiguration : IEntityTypeConfiguration<Privacy.PrivacyAcceptance>
{
    public void Configure(EntityTypeBuilder<Privacy.PrivacyAcceptance> builder)
    {
        builder.ToTable("PrivacyAcceptances");
        builder.HasKey(a => new { a.PersonId, a.Version });
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
