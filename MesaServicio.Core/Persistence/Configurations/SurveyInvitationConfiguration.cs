using MesaServicio.Core.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MesaServicio.Core.Persistence;

internal sealed class SurveyInvitationConfiguration : IEntityTypeConfiguration<Surveys.SurveyInvitation>
{
    public void Configure(EntityTypeBuilder<Surveys.SurveyInvitation> builder)
    {
        builder.ToTable("SurveyInvitations");
        builder.HasKey(i => new { i.CaseId, i.Round });
        builder.Property(i => i.TokenHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.Property(i => i.ReminderTokenHash).HasMaxLength(64);
        builder.HasIndex(i => i.ReminderTokenHash).IsUnique();
        builder.HasIndex(i => new { i.RemindedAt, i.ExpiresAt });
        builder.HasOne<Case>().WithMany().HasForeignKey(i => i.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}
