using MesaServicio.Core.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MesaServicio.Core.Persistence;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("People");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.DisplayName).HasMaxLength(200).IsRequired();
        builder.Property(p => p.Email).HasMaxLength(320).IsRequired();
        builder.Property(p => p.Dependency).HasMaxLength(200);
        builder.Property(p => p.ExternalObjectId).HasMaxLength(64);
        builder.HasIndex(p => p.ExternalObjectId).IsUnique();
        builder.HasIndex(p => p.Email);

        // An external person (known only by e-mail) is one row per e-mail, case ignored, on both engines: the filter is
        // the same SQL on SQLite and PostgreSQL. People with an Entra account are unique by their object id instead.
        builder.Property(p => p.NormalizedEmail).HasMaxLength(320).IsRequired();
        builder.HasIndex(p => p.NormalizedEmail).IsUnique().HasFilter("\"ExternalObjectId\" IS NULL")
            .HasDatabaseName("IX_People_NormalizedEmail_External");
        builder.Ignore(p => p.IsAgent);
    }
}
