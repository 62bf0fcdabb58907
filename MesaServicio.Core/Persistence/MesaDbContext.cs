using MesaServicio.Core.Attachments;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Catalog;
using MesaServicio.Core.People;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Sla;
using Microsoft.EntityFrameworkCore;


namespace MesaServicio.Core.Persistence;

/// <summary>
/// The desk's database. Short-lived: Core services create one per operation through
/// <see cref="IDbContextFactory{TContext}"/>. Evidence is never hard-deleted and history never rewritten:
/// <see cref="SaveChanges(bool)"/> refuses both.
/// </summary>
public sealed class MesaDbContext(DbContextOptions<MesaDbContext> options) : DbContext(options)
{
    private static readonly HashSet<Type> NeverDeleted =
        [typeof(Case), typeof(CaseHistoryEntry), typeof(CaseComment), typeof(Person), typeof(Category), typeof(SlaPolicy), typeof(TechnicianGroup),
        typeof(CaseAttachment), typeof(Surveys.SurveyResponse), typeof(Surveys.SurveyInvitation), typeof(Notifications.OutboxMessage),
        typeof(Sla.SlaAlert), typeof(Configuration.ConfigurationChange), typeof(ApiKeys.ApiKey), typeof(Calendar.CalendarSettings),
        typeof(Answers.AnswerInvitation), typeof(Improvement.ImprovementAction), typeof(Improvement.ImprovementFollowUp),
        typeof(Improvement.ImprovementHistoryEntry), typeof(Improvement.ImprovementActionCase), typeof(global::MesaServicio.Core.Problems.Problem),
        typeof(global::MesaServicio.Core.Problems.ProblemIncident), typeof(global::MesaServicio.Core.Problems.ProblemComment), typeof(global::MesaServicio.Core.Problems.ProblemHistoryEntry),
        typeof(Knowledge.Article), typeof(Knowledge.ArticleHistoryEntry), typeof(Knowledge.ArticleUse)];

    public DbSet<Case> Cases => Set<Case>();

    public DbSet<CaseHistoryEntry> CaseHistory => Set<CaseHistoryEntry>();

    public DbSet<Surveys.SurveyResponse> SurveyResponses => Set<Surveys.SurveyResponse>();

    public DbSet<Surveys.SurveyInvitation> SurveyInvitations => Set<Surveys.SurveyInvitation>();

    public DbSet<Answers.AnswerInvitation> AnswerInvitations => Set<Answers.AnswerInvitation>();

    public DbSet<Notifications.EmailOptOut> EmailOptOuts => Set<Notifications.EmailOptOut>();

    public DbSet<Notifications.OutboxMessage> OutboxMessages => Set<Notifications.OutboxMessage>();

    public DbSet<Notifications.OutboxAttachment> OutboxAttachments => Set<Notifications.OutboxAttachment>();

    public DbSet<Notifications.PortalNotification> PortalNotifications => Set<Notifications.PortalNotification>();

    public DbSet<Sla.SlaAlert> SlaAlerts => Set<Sla.SlaAlert>();

    public DbSet<Configuration.ConfigurationChange> ConfigurationChanges => Set<Configuration.ConfigurationChange>();

    public DbSet<ApiKeys.ApiKey> ApiKeys => Set<ApiKeys.ApiKey>();

    public DbSet<CaseComment> CaseComments => Set<CaseComment>();

    public DbSet<Visits.SiteVisit> SiteVisits => Set<Visits.SiteVisit>();

    public DbSet<CaseAttachment> CaseAttachments => Set<CaseAttachment>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<Category> Categories => Set<Category>();

    public DbSet<TechnicianGroup> TechnicianGroups => Set<TechnicianGroup>();

    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();

    public DbSet<SlaPolicy> SlaPolicies => Set<SlaPolicy>();

    public DbSet<PriorityMatrixCell> PriorityMatrix => Set<PriorityMatrixCell>();

    public DbSet<CaseNumberSequence> CaseNumberSequences => Set<CaseNumberSequence>();

    public DbSet<Calendar.CalendarSettings> CalendarSettings => Set<Calendar.CalendarSettings>();

    public DbSet<Reports.ReportSettings> ReportSettings => Set<Reports.ReportSettings>();

    public DbSet<Calendar.NonWorkingDay> NonWorkingDays => Set<Calendar.NonWorkingDay>();

    public DbSet<Reports.Closing.MonthClosure> MonthClosures => Set<Reports.Closing.MonthClosure>();
    public DbSet<Improvement.ImprovementAction> ImprovementActions => Set<Improvement.ImprovementAction>();

    public DbSet<Improvement.ImprovementActionCase> ImprovementActionCases => Set<Improvement.ImprovementActionCase>();

    public DbSet<Improvement.ImprovementFollowUp> ImprovementFollowUps => Set<Improvement.ImprovementFollowUp>();

    public DbSet<Improvement.ImprovementHistoryEntry> ImprovementHistory => Set<Improvement.ImprovementHistoryEntry>();

    public DbSet<Privacy.PrivacyNotice> PrivacyNotices => Set<Privacy.PrivacyNotice>();

    public DbSet<Privacy.PrivacyAcceptance> PrivacyAcceptances => Set<Privacy.PrivacyAcceptance>();

    public DbSet<Attachments.AttachmentIntegrity> AttachmentIntegrity => Set<Attachments.AttachmentIntegrity>();

    public DbSet<Retention.CaseDisposition> CaseDispositions => Set<Retention.CaseDisposition>();

    public DbSet<global::MesaServicio.Core.Problems.Problem> Problems => Set<global::MesaServicio.Core.Problems.Problem>();

    public DbSet<global::MesaServicio.Core.Problems.ProblemIncident> ProblemIncidents => Set<global::MesaServicio.Core.Problems.ProblemIncident>();

    public DbSet<global::MesaServicio.Core.Problems.ProblemComment> ProblemComments => Set<global::MesaServicio.Core.Problems.ProblemComment>();

    public DbSet<global::MesaServicio.Core.Problems.ProblemAttachment> ProblemAttachments => Set<global::MesaServicio.Core.Problems.ProblemAttachment>();

    public DbSet<global::MesaServicio.Core.Problems.ProblemHistoryEntry> ProblemHistory => Set<global::MesaServicio.Core.Problems.ProblemHistoryEntry>();

    public DbSet<Knowledge.Article> Articles => Set<Knowledge.Article>();

    public DbSet<Knowledge.ArticleWord> ArticleWords => Set<Knowledge.ArticleWord>();

    public DbSet<Knowledge.ArticleHistoryEntry> ArticleHistory => Set<Knowledge.ArticleHistoryEntry>();

    public DbSet<Knowledge.ArticleUse> ArticleUses => Set<Knowledge.ArticleUse>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var autoDetect = GuardEvidence();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var autoDetect = GuardEvidence();
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite has no instant or interval type: store UTC ticks so that comparisons and ORDER BY run in SQL.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
            configurationBuilder.Properties<TimeSpan>().HaveConversion<long>();
        }
        else if (Database.IsNpgsql())
        {
            // timestamptz takes instants in UTC only; due dates computed in Bogotá time carry -05:00.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<ToUtcConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MesaDbContext).Assembly);
    }

    /// <summary>
    /// Refuses what evidence must never suffer. Detects changes once, for itself and for the save that follows (which
    /// would otherwise scan every tracked entity again); returns the setting to restore after the save.
    /// </summary>
    private bool GuardEvidence()
    {
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        if (autoDetect)
        {
            ChangeTracker.DetectChanges();
            ChangeTracker.AutoDetectChangesEnabled = false;
        }

        try
        {
            Refuse();
        }
        catch
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
            throw;
        }

        return autoDetect;
    }

    private void Refuse()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Deleted && NeverDeleted.Contains(entry.Metadata.ClrType))
            {
                throw new InvalidOperationException(
                    $"{entry.Metadata.ClrType.Name} is evidence and is never hard-deleted (procedure activity 8); deactivate it instead.");
            }

            if (entry.Entity is CaseHistoryEntry or CaseComment or Surveys.SurveyResponse or Configuration.ConfigurationChange
                or Improvement.ImprovementHistoryEntry or Improvement.ImprovementFollowUp or global::MesaServicio.Core.Problems.ProblemHistoryEntry or global::MesaServicio.Core.Problems.ProblemComment
                && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("A case's history and conversation are append-only.");
            }
        }
    }
}

/// <summary>Stores a <see cref="DateTimeOffset"/> as its UTC ticks (reads back with offset zero).</summary>
internal sealed class UtcTicksConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));

/// <summary>Writes a <see cref="DateTimeOffset"/> as the same instant in UTC (PostgreSQL's timestamptz accepts no other offset).</summary>
internal sealed class ToUtcConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTimeOffset>(
    v => v.ToUniversalTime(),
    v => v);

/// <summary>Last number issued per year, for <c>MS-{year}-{000001}</c> numbers.</summary>
public sealed class CaseNumberSequence
{
    public int Year { get; set; }

    public int LastValue { get; set; }
}

