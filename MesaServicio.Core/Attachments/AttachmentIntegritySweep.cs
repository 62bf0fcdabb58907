using MesaServicio.Core.Common;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.TimedWork;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MesaServicio.Core.Attachments;

/// <summary>
/// The periodic integrity check of the expedientes' files (procedure activity 8): every stored attachment's bytes are
/// hashed again and compared with the SHA-256 recorded at upload, each file once every
/// <see cref="AttachmentOptions.IntegrityRecheckDays"/> days, a few files per round
/// (<see cref="AttachmentOptions.IntegrityFilesPerRun"/>) so the disk is never read all at once — never-checked files
/// first, then the longest unchecked. A file found missing or altered is logged (ids only: names and contents are the
/// people's), listed for the coordinator at <c>/integridad</c>, and each coordinator gets a portal notice once per
/// problem; a file that comes back intact (restored from a backup) leaves the list.
/// </summary>
public sealed partial class AttachmentIntegritySweep(
    IDbContextFactory<MesaDbContext> contextFactory,
    AttachmentStorage storage,
    IOptions<AttachmentOptions> options,
    IPortalNotifier notifier,
    TimeProvider time,
    ILogger<AttachmentIntegritySweep> logger) : ITimedWork
{
    /// <summary>The coordinator's list of problems.</summary>
    public const string ListPath = "/integridad";

    public string Name => "attachment-integrity";

    public int Order => 60;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var staleBefore = now.AddDays(-options.Value.IntegrityRecheckDays);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var due = await (
                from a in db.CaseAttachments.AsNoTracking()
                join i in db.AttachmentIntegrity on a.Id equals i.AttachmentId into checks
                from i in checks.DefaultIfEmpty()
                where a.ContentRemovedAt == null && (i == null || i.CheckedAt < staleBefore)
                orderby i == null ? 0 : 1, i!.CheckedAt, a.Id
                select new { a.Id, a.CaseId, a.StorageName, a.Sha256 })
            .Take(options.Value.IntegrityFilesPerRun)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (due.Count == 0)
        {
            return 0;
        }

        // The disk is read outside the transaction; only the record is the step.
        var found = new List<(Guid Id, Guid CaseId, AttachmentIntegrityState State)>();
        foreach (var file in due)
        {
            var hash = await storage.HashAsync(file.StorageName, cancellationToken).ConfigureAwait(false);
            found.Add((file.Id, file.CaseId, hash is null ? AttachmentIntegrityState.Missing
                : string.Equals(hash, file.Sha256, StringComparison.Ordinal) ? AttachmentIntegrityState.Intact
                : AttachmentIntegrityState.Altered));
        }

        var ids = due.Select(f => f.Id).ToList();
        var recovered = new List<Guid>();
        var problems = new List<(Guid Id, Guid CaseId, AttachmentIntegrityState State, DateTimeOffset Since)>();
        List<PortalNotification> queued = [];
        var outcome = await ExactlyOnce.RunAsync(db, async ct =>
        {
            recovered.Clear();
            problems.Clear();

            // Read again inside the transaction: a check another instance committed since the list was read is updated, not inserted twice.
            var checks = await db.AttachmentIntegrity.Where(i => ids.Contains(i.AttachmentId)).ToDictionaryAsync(i => i.AttachmentId, ct)
                .ConfigureAwait(false);
            foreach (var (id, caseId, state) in found)
            {
                var known = checks.TryGetValue(id, out var check);
                if (check is null)
                {
                    check = new AttachmentIntegrity(id);
                    db.AttachmentIntegrity.Add(check);
                }

                if (!check.Record(state, now))
                {
                    continue;
                }

                if (state != AttachmentIntegrityState.Intact)
                {
                    problems.Add((id, caseId, state, check.ProblemSince!.Value));
                }
                else if (known)
                {
                    recovered.Add(id);
                }
            }

            queued = problems.Count == 0 ? [] : await NoticesAsync(db, problems, now, ct).ConfigureAwait(false);
            return StepOutcome.Done;
        },
        // Another instance checked some of the same files in the same moment and recorded them first: its record stands.
        recordedElsewhere: async () =>
        {
            await using var check = await contextFactory.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false);
            return await check.AttachmentIntegrity.AnyAsync(i => ids.Contains(i.AttachmentId) && i.CheckedAt >= staleBefore, CancellationToken.None)
                .ConfigureAwait(false);
        },
        cancellationToken).ConfigureAwait(false);

        if (outcome != StepOutcome.Done)
        {
            LogCheckedElsewhere(logger, due.Count);
            return 0;
        }

        foreach (var id in recovered)
        {
            LogRecovered(logger, id);
        }

        foreach (var (id, caseId, state, _) in problems)
        {
            LogProblem(logger, id, caseId, state);
        }

        await notifier.PushAsync(queued, CancellationToken.None).ConfigureAwait(false);
        return due.Count;
    }

    private static async Task<List<PortalNotification>> NoticesAsync(
        MesaDbContext db, List<(Guid Id, Guid CaseId, AttachmentIntegrityState State, DateTimeOffset Since)> problems, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var caseIds = problems.Select(p => p.CaseId).Distinct().ToList();
        var numbers = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).Select(c => new { c.Id, c.Number })
            .ToDictionaryAsync(c => c.Id, c => c.Number, cancellationToken).ConfigureAwait(false);
        var queued = new List<PortalNotification>();
        foreach (var coordinator in await Recipients.CoordinatorsAsync(db, cancellationToken).ConfigureAwait(false))
        {
            foreach (var problem in problems)
            {
                var number = numbers.GetValueOrDefault(problem.CaseId);
                var notice = new PortalNotification(
                    $"portal:integrity:{problem.Id:N}:{problem.Since.UtcTicks}:{coordinator.PersonId:N}", coordinator.PersonId!.Value,
                    MessageKind.AttachmentIntegrity, problem.CaseId, number,
                    DomainMessages.Get("Integrity.Notice." + problem.State, number ?? "—"), now);
                db.PortalNotifications.Add(notice);
                queued.Add(notice);
            }
        }

        return queued;
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Attachment {AttachmentId} of case {CaseId} failed its integrity check: {State}")]
    private static partial void LogProblem(ILogger logger, Guid attachmentId, Guid caseId, AttachmentIntegrityState state);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Attachment {AttachmentId} is intact again")]
    private static partial void LogRecovered(ILogger logger, Guid attachmentId);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "{Count} attachments were checked by another instance at the same time")]
    private static partial void LogCheckedElsewhere(ILogger logger, int count);
}

/// <summary>One stored file whose last check found a problem, as the coordinator's list shows it.</summary>
public sealed record IntegrityProblem(
    Guid AttachmentId, string CaseNumber, string FileName, long Size, string Sha256, DateTimeOffset UploadedAt,
    AttachmentIntegrityState State, DateTimeOffset Since, DateTimeOffset CheckedAt);

/// <summary>How far the periodic check has got.</summary>
public sealed record IntegrityOverview(int Files, int CheckedWithinPeriod, DateTimeOffset? LastCheckedAt, int PeriodDays, IReadOnlyList<IntegrityProblem> Problems);

/// <summary>The coordinator's (and the Jefe's) list of stored files that are missing or altered, with how far the check has got.</summary>
public sealed class ListIntegrityProblems(
    IDbContextFactory<MesaDbContext> contextFactory, Security.CaseGuard guard, IOptions<AttachmentOptions> options, TimeProvider time)
{
    public async Task<IntegrityOverview> HandleAsync(Security.CurrentUser user, CancellationToken cancellationToken)
    {
        guard.Demand(user, Security.GlobalOperation.Audit);
        var period = options.Value.IntegrityRecheckDays;
        var since = time.GetUtcNow().AddDays(-period);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var files = await db.CaseAttachments.CountAsync(a => a.ContentRemovedAt == null, cancellationToken).ConfigureAwait(false);
        var recent = await db.AttachmentIntegrity.CountAsync(i => i.CheckedAt >= since, cancellationToken).ConfigureAwait(false);
        var last = await db.AttachmentIntegrity.MaxAsync(i => (DateTimeOffset?)i.CheckedAt, cancellationToken).ConfigureAwait(false);
        var problems = await (
                from i in db.AttachmentIntegrity.AsNoTracking()
                where i.State != AttachmentIntegrityState.Intact
                join a in db.CaseAttachments.AsNoTracking() on i.AttachmentId equals a.Id
                join c in db.Cases.AsNoTracking() on a.CaseId equals c.Id
                select new IntegrityProblem(a.Id, c.Number, a.FileName, a.Size, a.Sha256, a.UploadedAt, i.State, i.ProblemSince ?? i.CheckedAt, i.CheckedAt))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new IntegrityOverview(files, recent, last, period, [.. problems.OrderByDescending(p => p.Since).ThenBy(p => p.CaseNumber, StringComparer.Ordinal)]);
    }
}
