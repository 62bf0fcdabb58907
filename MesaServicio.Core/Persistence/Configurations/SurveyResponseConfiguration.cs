using MesaServicio.Core.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MesaServicio.Core.Persistence;

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<Surveys.SurveyResponse>
{
    public void Configure(EntityTypeBuilder<Surveys.SurveyResponse> builder)
    {
        builder.ToTable("SurveyResponses");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Comment).HasMaxLength(Case.TextMaxLength);
        builder.HasIndex(r => new { r.CaseId, r.Round }).IsUnique();
        builder.HasIndex(r => r.AnsweredAt);
    }
}
