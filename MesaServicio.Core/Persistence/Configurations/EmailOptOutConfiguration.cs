using MesaServicio.Core.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MesaServicio.Core.Persistence;

internal sealed class EmailOptOutConfiguration : IEntityTypeConfiguration<Notifications.EmailOptOut>
{
    public void Configure(EntityTypeBuilder<Notifications.EmailOptOut> builder)
    {
        builder.ToTable("EmailOptOuts");
        builder.HasKey(o => new { o.PersonId, o.Kind });
        builder.HasOne<Person>().WithMany().HasForeignKey(o => o.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
