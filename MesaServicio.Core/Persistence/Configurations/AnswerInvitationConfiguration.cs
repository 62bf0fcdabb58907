using MesaServicio.Core.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MesaServicio.Core.Persistence;

internal sealed class AnswerInvitationConfiguration : IEntityTypeConfiguration<Answers.AnswerInvitation>
{
    public void Configure(EntityTypeBuilder<Answers.AnswerInvitation> builder)
    {
        builder.ToTable("AnswerInvitations");
        builder.HasKey(q => q.MessageId);
        builder.Property(q => q.MessageId).ValueGeneratedNever();
        builder.Property(q => q.TokenHash).HasMaxLength(64);
        builder.HasIndex(q => q.TokenHash).IsUnique();
        builder.Property(q => q.ReminderTokenHash).HasMaxLength(64);
        builder.HasIndex(q => q.ReminderTokenHash).IsUnique();
        builder.HasIndex(q => new { q.RemindedAt, q.RemindAt });
        builder.HasOne<Case>().WithMany().HasForeignKey(q => q.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CaseComment>().WithMany().HasForeignKey(q => q.MessageId).OnDelete(DeleteBehavior.Restrict);
    }
}
