using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.TimedWork;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Core.Sla;

/// <summary>
/// The ANS thresholds' timed work: reads the clocks of the open cases with an ANS and raises each threshold
/// once. At 75 % of a target the assignee and the category's technical lead are warned; at 100 % the case is
/// marked breached (the <see cref="SlaThreshold.Breached"/> row) and the coordinators are told. A case found
/// already beyond 100 % raises both, so that the assignee hears of it too. Each alert is its row, a history
/// entry and the notices, in one transaction; the row's key (case, clock, threshold) makes it once across
/// instances and restarts. The legal terms of PQRS are swept beside them (<c>SlaSweep.LegalTerm.cs</c>).
/// </summary>
public sealed partial class SlaSweep(
    IDbContextFactory<MesaDbContext> contextFactory,
    IBusinessCalendarProvider calendars,
    TimeProvider time,
    NoticeComposer composer,
    IPortalNotifier notifier,
    ILogger<SlaSweep> logger) : ITimedWork
{
    private static readonly CaseStatus[] OpenStatuses = [.. Case.OpenStatuses];

    public string Name => nameof(SlaSweep);

    public int Order => 20;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var calendar = calendars.Current;
        var now = time.GetUtcNow();
        List<ClockRow> rows;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            rows = await Candidates(db, null).ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var raised = 0;
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var (target, threshold) in Due(row, calendar, now))
            {
                if (await RaiseAsync(row.CaseId, target, threshold, calendar).ConfigureAwait(false))
                {
                    raised++;
                }
            }
        }

        raised += await SweepLegalTermsAsync(calendar, now, cancellationToken).ConfigureAwait(false);
        if (raised > 0)
        {
            LogRaised(logger, raised);
        }

        return raised;
    }

    /// <summary>
    /// Open cases with a clock that can still cross a threshold: the attention clock until the first action, the
    /// resolution clock while the case is open; those whose "breached" mark exists are done. Only the columns the
    /// clocks need, and which alerts exist.
    /// </summary>
    private static IQueryable<ClockRow> Candidates(MesaDbContext db, Guid? caseId)
    {
        var cases = db.Cases.AsNoTracking();
        if (caseId is { } id)
        {
            cases = cases.Where(c => c.Id == id);
        }

        return cases
            .Where(c => EF.Constant(OpenStatuses).Contains(c.Status)) // IN (1, …, 6)
            .Where(c => (c.AttendTarget != null && c.AttendDueAt != null && c.FirstActionAt == null
                    && !db.SlaAlerts.Any(a => a.CaseId == c.Id && a.Target == SlaTargetKind.Attention && a.Threshold == SlaThreshold.Breached))
                || (c.ResolveTarget != null && c.ResolveBaseDueAt != null
                    && !db.SlaAlerts.Any(a => a.CaseId == c.Id && a.Target == SlaTargetKind.Resolution && a.Threshold == SlaThreshold.Breached)))
            .Select(c => new ClockRow(
                c.Id, c.Number, c.CategoryId, c.AssigneeId, c.ReceivedAt, c.AttendDueAt, c.AttendTarget, c.FirstActionAt,
                c.ResolveBaseDueAt, c.ResolveTarget, c.PausedBusinessTime, c.PausedSince,
                db.SlaAlerts.Any(a => a.CaseId == c.Id && a.Target == SlaTargetKind.Attention && a.Threshold == SlaThreshold.AtRisk),
                db.SlaAlerts.Any(a => a.CaseId == c.Id && a.Target == SlaTargetKind.Attention && a.Threshold == SlaThreshold.Breached),
                db.SlaAlerts.Any(a => a.CaseId == c.Id && a.Target == SlaTargetKind.Resolution && a.Threshold == SlaThreshold.AtRisk),
                db.SlaAlerts.Any(a => a.CaseId == c.Id && a.Target == SlaTargetKind.Resolution && a.Threshold == SlaThreshold.Breached)));
    }

    /// <summary>The alerts a case's clocks call for now and that were not raised yet, at-risk before breached.</summary>
    private static IEnumerable<(SlaTargetKind Target, SlaThreshold Threshold)> Due(ClockRow row, BusinessCalendar calendar, DateTimeOffset now)
    {
        var facts = row.Facts;
        if (row.FirstActionAt is null)
        {
            foreach (var alert in Due(SlaTargetKind.Attention, SlaClock.Attention(facts, calendar, now), row.AttentionAtRisk, row.AttentionBreached))
            {
                yield return alert;
            }
        }

        foreach (var alert in Due(SlaTargetKind.Resolution, SlaClock.Resolution(facts, calendar, now), row.ResolutionAtRisk, row.ResolutionBreached))
        {
            yield return alert;
        }
    }

    private static IEnumerable<(SlaTargetKind, SlaThreshold)> Due(SlaTargetKind target, SlaReading reading, bool atRiskRaised, bool breachedRaised)
    {
        if (reading.Completed || reading.State is not (SlaState.AtRisk or SlaState.Breached))
        {
            yield break;
        }

        if (!atRiskRaised)
        {
            yield return (target, SlaThreshold.AtRisk);
        }

        if (reading.State == SlaState.Breached && !breachedRaised)
        {
            yield return (target, SlaThreshold.Breached);
        }
    }

    /// <summary>
    /// One alert in one transaction. Inside it the case is read again: attended, resolved or already alerted since
    /// the list was read means nothing to do. Not cancelled half-way: a stop waits for it (it is short).
    /// </summary>
    private async Task<bool> RaiseAsync(Guid caseId, SlaTargetKind target, SlaThreshold threshold, BusinessCalendar calendar)
    {
        var now = time.GetUtcNow();
        var queued = new List<PortalNotification>();
        var number = "";
        StepOutcome outcome;
        await using (var db = await contextFactory.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false))
        {
            outcome = await ExactlyOnce.RunAsync(db, async ct =>
            {
                queued.Clear();
                var row = await Candidates(db, caseId).SingleOrDefaultAsync(ct).ConfigureAwait(false);
                if (row is null || !Due(row, calendar, now).Contains((target, threshold)))
                {
                    return StepOutcome.NothingToDo;
                }

                var recipients = threshold == SlaThreshold.AtRisk
                    ? await Recipients.AssigneeAndLeadAsync(db, row.AssigneeId, row.CategoryId, CancellationToken.None).ConfigureAwait(false)
                    : await Recipients.CoordinatorsAsync(db, CancellationToken.None).ConfigureAwait(false);
                await RecordAlertAsync(db, caseId, target, threshold, new CaseContext(Actor.System, now, calendar), ct).ConfigureAwait(false);
                var kind = threshold == SlaThreshold.AtRisk ? MessageKind.SlaAtRisk : MessageKind.SlaBreached;
                foreach (var recipient in recipients)
                {
                    var portal = await composer.QueueAsync(db, new Notice(
                        $"sla:{caseId:N}:{target}:{threshold}:{recipient.PersonId:N}", kind, caseId, row.Number, recipient,
                        Recipients.CaseLink(row.Number), NoticeComposer.TargetName(target)), now, CancellationToken.None).ConfigureAwait(false);
                    if (portal is not null)
                    {
                        queued.Add(portal);
                    }
                }

                number = row.Number;
                return StepOutcome.Done;
            },
            // Another instance raised the same (case, clock, threshold) first: its alert stands.
            recordedElsewhere: () => AlertExistsAsync(caseId, target, threshold),
            CancellationToken.None).ConfigureAwait(false);
        }

        if (outcome == StepOutcome.DoneElsewhere)
        {
            LogAlreadyRaised(logger, caseId, target, threshold);
        }

        if (outcome != StepOutcome.Done)
        {
            return false;
        }

        LogAlert(logger, number, target, threshold);
        try
        {
            await notifier.PushAsync(queued, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The alert is committed; a failed live push must not fail the sweep (the inbox has it).
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogPushFailed(logger, ex);
        }

        return true;
    }

    /// <summary>
    /// The alert's row, which makes it once, and the case's history line, written through the case. Only the case's row is
    /// read (none of its collections): the new line is inserted, and the case itself, unchanged, keeps its version.
    /// </summary>
    private static async Task RecordAlertAsync(
        MesaDbContext db, Guid caseId, SlaTargetKind target, SlaThreshold threshold, CaseContext context, CancellationToken cancellationToken)
    {
        db.SlaAlerts.Add(new SlaAlert(caseId, target, threshold, context.Now));
        var c = await db.Cases.SingleAsync(x => x.Id == caseId, cancellationToken).ConfigureAwait(false);
        c.SlaThresholdCrossed(target, threshold, context);
    }

    private async Task<bool> AlertExistsAsync(Guid caseId, SlaTargetKind target, SlaThreshold threshold)
    {
        await using var db = await contextFactory.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false);
        return await db.SlaAlerts.AsNoTracking()
            .AnyAsync(a => a.CaseId == caseId && a.Target == target && a.Threshold == threshold, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>What the clocks need of an open case, and which of its alerts exist.</summary>
    private sealed record ClockRow(
        Guid CaseId,
        string Number,
        int CategoryId,
        Guid? AssigneeId,
        DateTimeOffset ReceivedAt,
        DateTimeOffset? AttendDueAt,
        TimeSpan? AttendTarget,
        DateTimeOffset? FirstActionAt,
        DateTimeOffset? ResolveBaseDueAt,
        TimeSpan? ResolveTarget,
        TimeSpan PausedBusinessTime,
        DateTimeOffset? PausedSince,
        bool AttentionAtRisk,
        bool AttentionBreached,
        bool ResolutionAtRisk,
        bool ResolutionBreached)
    {
        /// <summary>An open case's resolution clock is never stopped for good.</summary>
        public SlaFacts Facts => new(
            ReceivedAt, AttendDueAt, AttendTarget, FirstActionAt, ResolveBaseDueAt, ResolveTarget, PausedBusinessTime, PausedSince, false);
    }

    [LoggerMessage(EventId = 5121, Level = LogLevel.Information, Message = "ANS sweep raised {Count} alerts")]
    private static partial void LogRaised(ILogger logger, int count);

    [LoggerMessage(EventId = 5122, Level = LogLevel.Information, Message = "ANS {Target} {Threshold} raised on case {CaseNumber}")]
    private static partial void LogAlert(ILogger logger, string caseNumber, SlaTargetKind target, SlaThreshold threshold);

    [LoggerMessage(EventId = 5123, Level = LogLevel.Debug, Message = "ANS {Target} {Threshold} of case {CaseId} already raised by another instance")]
    private static partial void LogAlreadyRaised(ILogger logger, Guid caseId, SlaTargetKind target, SlaThreshold threshold);

    [LoggerMessage(EventId = 5124, Level = LogLevel.Warning, Message = "Live push of ANS notices failed; they wait in the inboxes")]
    private static partial void LogPushFailed(ILogger logger, Exception exception);
}
