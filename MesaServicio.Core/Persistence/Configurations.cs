using MesaServicio.Core.Attachments;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Catalog;
using MesaServicio.Core.People;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MesaServicio.Core.Persistence;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> builder)
    {
        builder.ToTable("Cases");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Number).HasMaxLength(20).IsRequired();
        builder.HasIndex(c => c.Number).IsUnique();

        // A PQRS radicado makes one case per intake client, even when two requests race (the loser finds the winner's
        // case); two clients may number alike and never see each other's cases (decision 0028).
        builder.Property(c => c.ExternalReference).HasMaxLength(Case.ExternalReferenceMaxLength);
        builder.Property(c => c.IntakeClient).HasMaxLength(Case.IntakeClientMaxLength);
        builder.Property(c => c.DataAuthorizationVersion).HasMaxLength(Privacy.DataAuthorization.NoticeVersionMaxLength);
        builder.HasIndex(c => new { c.IntakeClient, c.ExternalReference }).IsUnique();
        builder.Property(c => c.Subject).HasMaxLength(Case.SubjectMaxLength).IsRequired();
        builder.Property(c => c.Description).HasMaxLength(Case.DescriptionMaxLength).IsRequired();
        builder.Property(c => c.Solution).HasMaxLength(Case.TextMaxLength);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.Events);
        builder.Ignore(c => c.IsOpen);
        builder.Ignore(c => c.SlaFacts);
        builder.Ignore(c => c.LegalTermFacts);

        builder.HasMany(c => c.History).WithOne().HasForeignKey(h => h.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Comments).WithOne().HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(c => c.Comments).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(c => c.History).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(c => c.Visits).WithOne().HasForeignKey(v => v.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(c => c.Visits).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(c => c.SurveyResponses).WithOne().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(c => c.SurveyResponses).UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasOne<Category>().WithMany().HasForeignKey(c => c.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.RequesterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.AssigneeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.FiledById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TechnicianGroup>().WithMany().HasForeignKey(c => c.AssignedGroupId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Case>().WithMany().HasForeignKey(c => c.DuplicateOfCaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SlaPolicy>().WithMany().HasForeignKey(c => c.SlaPolicyId).OnDelete(DeleteBehavior.Restrict);

        // The board and the lists: by status, by assignee's open work, by group, by category, by due time.
        builder.HasIndex(c => new { c.Status, c.Priority });
        builder.HasIndex(c => new { c.AssigneeId, c.Status });
        builder.HasIndex(c => new { c.AssignedGroupId, c.Status });
        builder.HasIndex(c => new { c.CategoryId, c.Status });
        builder.HasIndex(c => new { c.Status, c.SurveyDueAt });
        builder.HasIndex(c => c.ReceivedAt);

        // The board's columns (decision 0020): each column's first page, in the order it shows (priority, then due time),
        // and its count, read from one index for the coordinator and from one per reach for the others (their cases,
        // their groups', their led categories').
        builder.HasIndex(c => new { c.BoardColumn, c.Priority, c.BoardDueAt, c.Number });
        builder.HasIndex(c => new { c.AssigneeId, c.BoardColumn, c.Priority, c.BoardDueAt, c.Number });
        builder.HasIndex(c => new { c.AssignedGroupId, c.BoardColumn, c.Priority, c.BoardDueAt, c.Number });
        builder.HasIndex(c => new { c.CategoryId, c.BoardColumn, c.Priority, c.BoardDueAt, c.Number });

        // The case list (/casos, issue #17): staff's reach is a union of one lookup per way a case reaches them; each
        // index gives its lookup's newest cases in order (ReceivedAt, Id: the list's order) and covers the count, with
        // and without "only open", without reading the table.
        builder.HasIndex(c => new { c.RequesterId, c.ReceivedAt, c.Id, c.Status });
        builder.HasIndex(c => new { c.AssigneeId, c.ReceivedAt, c.Id, c.Status });
        builder.HasIndex(c => new { c.FiledById, c.ReceivedAt, c.Id, c.Status });
        builder.HasIndex(c => new { c.AssignedGroupId, c.ReceivedAt, c.Id, c.Status });
        builder.HasIndex(c => new { c.CategoryId, c.ReceivedAt, c.Id, c.Status });

        // PQRS legal terms: the sweep's warnings and the month's "respondidas dentro del término legal".
        builder.HasIndex(c => c.LegalDueAt);
    }
}

internal sealed class CaseHistoryEntryConfiguration : IEntityTypeConfiguration<CaseHistoryEntry>
{
    public void Configure(EntityTypeBuilder<CaseHistoryEntry> builder)
    {
        builder.ToTable("CaseHistory");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.FromValue).HasMaxLength(200);
        builder.Property(h => h.ToValue).HasMaxLength(200);
        builder.Property(h => h.Detail).HasMaxLength(Case.TextMaxLength);
        builder.HasIndex(h => new { h.CaseId, h.Id });
        builder.HasIndex(h => h.At);

        // The monthly report reads escalations, novedades and reopenings by action.
        builder.HasIndex(h => new { h.Action, h.CaseId });
    }
}

internal sealed class CaseCommentConfiguration : IEntityTypeConfiguration<CaseComment>
{
    public void Configure(EntityTypeBuilder<CaseComment> builder)
    {
        builder.ToTable("CaseComments");
        builder.HasKey(c => c.Id);

        // Ids are made by the domain (version 7 GUIDs): a new comment found through the case is an insert.
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Text).HasMaxLength(CaseComment.MaxLength).IsRequired();
        builder.Property(c => c.RelatedCaseNumber).HasMaxLength(20);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.CaseId, c.At });
    }
}

internal sealed class SiteVisitConfiguration : IEntityTypeConfiguration<Visits.SiteVisit>
{
    public void Configure(EntityTypeBuilder<Visits.SiteVisit> builder)
    {
        builder.ToTable("SiteVisits");
        builder.HasKey(v => v.Id);

        // Ids are made by the domain (version 7 GUIDs): a new visit found through the case is an insert.
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Dependency).HasMaxLength(Visits.SiteVisit.DependencyMaxLength).IsRequired();
        builder.Property(v => v.Purpose).HasMaxLength(Visits.SiteVisit.TextMaxLength).IsRequired();
        builder.Property(v => v.Preparation).HasMaxLength(Visits.SiteVisit.TextMaxLength);
        builder.Property(v => v.CancelReason).HasMaxLength(Visits.SiteVisit.TextMaxLength);
        builder.Property(v => v.Findings).HasMaxLength(Visits.SiteVisit.TextMaxLength);

        // Who goes and who went: a few staff ids, kept with the visit (a JSON array in SQLite, uuid[] in PostgreSQL).
        builder.PrimitiveCollection<List<Guid>>("StaffIdList").HasColumnName("StaffIds");
        builder.PrimitiveCollection<List<Guid>>("AttendeeIdList").HasColumnName("AttendeeIds");
        builder.Ignore(v => v.StaffIds);
        builder.Ignore(v => v.AttendeeIds);
        builder.HasOne<Person>().WithMany().HasForeignKey(v => v.PlannedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(v => new { v.CaseId, v.ScheduledAt });

        // The monthly report: visits done in a month.
        builder.HasIndex(v => new { v.Status, v.EndedAt });
    }
}

internal sealed class CaseAttachmentConfiguration : IEntityTypeConfiguration<CaseAttachment>
{
    public void Configure(EntityTypeBuilder<CaseAttachment> builder)
    {
        builder.ToTable("CaseAttachments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.FileName).HasMaxLength(CaseAttachment.FileNameMaxLength).IsRequired();
        builder.Property(a => a.DeclaredContentType).HasMaxLength(CaseAttachment.ContentTypeMaxLength).IsRequired();
        builder.Property(a => a.DetectedContentType).HasMaxLength(CaseAttachment.ContentTypeMaxLength).IsRequired();
        builder.Property(a => a.Sha256).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.Property(a => a.StorageName).HasMaxLength(32).IsRequired();
        builder.HasIndex(a => a.StorageName).IsUnique();
        builder.HasOne<Case>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CaseComment>().WithMany().HasForeignKey(a => a.CommentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.UploadedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.CaseId, a.UploadedAt });
    }
}

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

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> builder)
    {
        builder.ToTable("Categories");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).HasMaxLength(150).IsRequired();
        builder.Property(c => c.Description).HasMaxLength(500);
        builder.HasOne<Category>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TechnicianGroup>().WithMany().HasForeignKey(c => c.GroupId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.TechnicalLeadId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.ParentId, c.Name }).IsUnique();
    }
}

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

internal sealed class GroupMemberConfiguration : IEntityTypeConfiguration<GroupMember>
{
    public void Configure(EntityTypeBuilder<GroupMember> builder)
    {
        builder.ToTable("GroupMembers");
        builder.HasKey(m => new { m.GroupId, m.PersonId });
        builder.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => m.PersonId);
    }
}

internal sealed class SlaPolicyConfiguration : IEntityTypeConfiguration<SlaPolicy>
{
    public void Configure(EntityTypeBuilder<SlaPolicy> builder)
    {
        builder.ToTable("SlaPolicies");
        builder.HasKey(p => p.Id);
        builder.Ignore(p => p.Attend);
        builder.Ignore(p => p.Resolve);
        builder.HasOne<Category>().WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.CategoryId, p.Kind, p.Priority });
    }
}

internal sealed class PriorityMatrixCellConfiguration : IEntityTypeConfiguration<PriorityMatrixCell>
{
    public void Configure(EntityTypeBuilder<PriorityMatrixCell> builder)
    {
        builder.ToTable("PriorityMatrix");
        builder.HasKey(c => new { c.Impact, c.Urgency });
    }
}

internal sealed class CaseNumberSequenceConfiguration : IEntityTypeConfiguration<CaseNumberSequence>
{
    public void Configure(EntityTypeBuilder<CaseNumberSequence> builder)
    {
        builder.ToTable("CaseNumberSequences");
        builder.HasKey(s => s.Year);
        builder.Property(s => s.Year).ValueGeneratedNever();
    }
}

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

internal sealed class EmailOptOutConfiguration : IEntityTypeConfiguration<Notifications.EmailOptOut>
{
    public void Configure(EntityTypeBuilder<Notifications.EmailOptOut> builder)
    {
        builder.ToTable("EmailOptOuts");
        builder.HasKey(o => new { o.PersonId, o.Kind });
        builder.HasOne<Person>().WithMany().HasForeignKey(o => o.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

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

internal sealed class PrivacyAcceptanceConfiguration : IEntityTypeConfiguration<Privacy.PrivacyAcceptance>
{
    public void Configure(EntityTypeBuilder<Privacy.PrivacyAcceptance> builder)
    {
        builder.ToTable("PrivacyAcceptances");
        builder.HasKey(a => new { a.PersonId, a.Version });
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AttachmentIntegrityConfiguration : IEntityTypeConfiguration<Attachments.AttachmentIntegrity>
{
    public void Configure(EntityTypeBuilder<Attachments.AttachmentIntegrity> builder)
    {
        builder.ToTable("AttachmentIntegrity");
        builder.HasKey(i => i.AttachmentId);
        builder.HasOne<CaseAttachment>().WithOne().HasForeignKey<Attachments.AttachmentIntegrity>(i => i.AttachmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => i.CheckedAt);
        builder.HasIndex(i => i.State);
    }
}

internal sealed class CaseDispositionConfiguration : IEntityTypeConfiguration<Retention.CaseDisposition>
{
    public void Configure(EntityTypeBuilder<Retention.CaseDisposition> builder)
    {
        builder.ToTable("CaseDispositions");
        builder.HasKey(d => d.Id);
        builder.HasIndex(d => d.CaseId).IsUnique();
        builder.HasOne<Case>().WithOne().HasForeignKey<Retention.CaseDisposition>(d => d.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(d => d.CaseNumber).HasMaxLength(40).IsRequired();
        builder.Property(d => d.ArchiveFolder).HasMaxLength(40).IsRequired();
        builder.Property(d => d.PdfSha256).HasMaxLength(64).IsRequired();
        builder.HasIndex(d => d.DisposedAt);
    }
}

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

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<Notifications.OutboxMessage>
{
    public void Configure(EntityTypeBuilder<Notifications.OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.DedupKey).HasMaxLength(200).IsRequired();
        builder.HasIndex(m => m.DedupKey).IsUnique();
        builder.Property(m => m.ToAddress).HasMaxLength(320).IsRequired();
        builder.Property(m => m.Subject).HasMaxLength(300).IsRequired();
        builder.Property(m => m.LastError).HasMaxLength(500);
        builder.Property(m => m.LeasedBy).HasMaxLength(100);
        builder.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
        builder.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(m => m.Attachments).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class OutboxAttachmentConfiguration : IEntityTypeConfiguration<Notifications.OutboxAttachment>
{
    public void Configure(EntityTypeBuilder<Notifications.OutboxAttachment> builder)
    {
        builder.ToTable("OutboxAttachments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.FileName).HasMaxLength(200).IsRequired();
        builder.Property(a => a.ContentType).HasMaxLength(100).IsRequired();
    }
}

internal sealed class PortalNotificationConfiguration : IEntityTypeConfiguration<Notifications.PortalNotification>
{
    public void Configure(EntityTypeBuilder<Notifications.PortalNotification> builder)
    {
        builder.ToTable("PortalNotifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.DedupKey).HasMaxLength(200).IsRequired();
        builder.HasIndex(n => n.DedupKey).IsUnique();
        builder.Property(n => n.CaseNumber).HasMaxLength(20);
        builder.Property(n => n.Text).HasMaxLength(500).IsRequired();
        builder.HasIndex(n => new { n.PersonId, n.CreatedAt });
    }
}

internal sealed class SlaAlertConfiguration : IEntityTypeConfiguration<Sla.SlaAlert>
{
    public void Configure(EntityTypeBuilder<Sla.SlaAlert> builder)
    {
        builder.ToTable("SlaAlerts");
        builder.HasKey(a => new { a.CaseId, a.Target, a.Threshold });
        builder.HasOne<Case>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

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

internal sealed class CalendarSettingsConfiguration : IEntityTypeConfiguration<Calendar.CalendarSettings>
{
    public void Configure(EntityTypeBuilder<Calendar.CalendarSettings> builder)
    {
        builder.ToTable("CalendarSettings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.TimeZone).HasMaxLength(100).IsRequired();
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasMany(s => s.WeeklyHours).WithOne().HasForeignKey("CalendarSettingsId").IsRequired().OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.WeeklyHours).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ReportSettingsConfiguration : IEntityTypeConfiguration<Reports.ReportSettings>
{
    public void Configure(EntityTypeBuilder<Reports.ReportSettings> builder)
    {
        builder.ToTable("ReportSettings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Indicator7Target).HasPrecision(5, 1);
    }
}

internal sealed class WeeklyHoursRangeConfiguration : IEntityTypeConfiguration<Calendar.WeeklyHoursRange>
{
    public void Configure(EntityTypeBuilder<Calendar.WeeklyHoursRange> builder)
    {
        builder.ToTable("CalendarWeeklyHours");
        builder.HasKey(r => r.Id);
    }
}

internal sealed class NonWorkingDayConfiguration : IEntityTypeConfiguration<Calendar.NonWorkingDay>
{
    public void Configure(EntityTypeBuilder<Calendar.NonWorkingDay> builder)
    {
        builder.ToTable("NonWorkingDays");
        builder.HasKey(d => d.Day);
        builder.Property(d => d.Day).ValueGeneratedNever();
        builder.Property(d => d.Description).HasMaxLength(Calendar.NonWorkingDay.DescriptionMaxLength).IsRequired();
    }
}
