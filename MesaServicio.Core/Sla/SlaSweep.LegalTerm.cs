using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.TimedWork;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Sla;

/// <summary>
/// The legal terms of PQRS (Ley 1755 de 2015, art. 14): at 75 % of the term and at its expiry, both unanswered, the
/// assignee, the category's technical lead and the coordinators are told, once each (the <see cref="SlaAlert"/> row of
/// <see cref="SlaTargetKind.LegalTerm"/>), with a history entry. A suspended term (art. 17) does not run and is not swept;
/// an answered one is done. The ANS alerts are untouched.
/// </summary>
public sealed partial class SlaSweep
{
    private async Task<int> SweepLegalTermsAsync(BusinessCalendar calendar, DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<LegalRow> rows;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            rows = await LegalCandidates(db, null).ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var raised = 0;
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var threshold in DueLegal(row, calendar, now))
            {
                if (await RaiseLegalAsync(row.CaseId, threshold, calendar).ConfigureAwait(false))
                {
                    raised++;
                }
            }
        }

        return raised;
    }

    /// <summary>Open PQRS whose legal term runs unanswered and is not marked expired yet, with which of its alerts exist.</summary>
    private static IQueryable<LegalRow> LegalCandidates(MesaDbContext db, Guid? caseId)
    {
        var cases = db.Cases.AsNoTracking();
        if (caseId is { } id)
        {
            cases = cases.Where(c => c.Id == id);
        }

        return cases
            .Where(c => EF.Constant(OpenStatuses).Contains(c.Status))
            .Where(c => c.LegalDueAt != null && c.LegalAnsweredAt == null && c.LegalSuspendedSince == null
                && !db.SlaAlerts.Any(a => a.CaseId == c.Id && a.Target == SlaTargetKind.LegalTerm && a.Threshold == SlaThreshold.Breached))
            .Select(c => new LegalRow(
                c.Id, c.Number, c.CategoryId, c.AssigneeId, c.LegalModality, c.LegalTermStartedAt, c.LegalTermInitialDays, c.LegalTermDays,
                c.LegalDueAt,
                db.SlaAlerts.Any(a => a.CaseId == c.Id && a.Target == SlaTargetKind.LegalTerm && a.Threshold == SlaThreshold.AtRisk)));
    }

    /// <summary>The thresholds the term calls for now and that were not raised yet, at-risk before expired.</summary>
    private static IEnumerable<SlaThreshold> DueLegal(LegalRow row, BusinessCalendar calendar, DateTimeOffset now)
    {
        var reading = LegalTermClock.Read(row.Facts, calendar, now);
        if (reading.State is not (LegalTermState.AtRisk or LegalTermState.Breached))
        {
            yield break;
        }

        if (!row.AtRiskRaised)
        {
            yield return SlaThreshold.AtRisk;
        }

        if (reading.State == LegalTermState.Breached)
        {
            yield return SlaThreshold.Breached;
        }
    }

    /// <summary>One legal-term alert in one transaction, the case read again inside it (answered, suspended or alerted since: nothing to do).</summary>
    private async Task<bool> RaiseLegalAsync(Guid caseId, SlaThreshold threshold, BusinessCalendar calendar)
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
                var row = await LegalCandidates(db, caseId).SingleOrDefaultAsync(ct).ConfigureAwait(false);
                if (row is null || !DueLegal(row, calendar, now).Contains(threshold))
                {
                    return StepOutcome.NothingToDo;
                }

                var staff = await Recipients.AssigneeAndLeadAsync(db, row.AssigneeId, row.CategoryId, CancellationToken.None).ConfigureAwait(false);
                var coordinators = await Recipients.CoordinatorsAsync(db, CancellationToken.None).ConfigureAwait(false);
                var recipients = staff.Concat(coordinators).DistinctBy(r => r.PersonId).ToList();
                var atRisk = threshold == SlaThreshold.AtRisk;
                await RecordAlertAsync(db, caseId, SlaTargetKind.LegalTerm, threshold, new CaseContext(Actor.System, now, calendar), ct)
                    .ConfigureAwait(false);
                var kind = atRisk ? MessageKind.LegalTermAtRisk : MessageKind.LegalTermBreached;
                var detail = LegalDetail(kind, row, calendar);
                foreach (var recipient in recipients)
                {
                    var portal = await composer.QueueAsync(db, new Notice(
                        $"legal:{caseId:N}:{threshold}:{recipient.PersonId:N}", kind, caseId, row.Number, recipient,
                        Recipients.CaseLink(row.Number), detail), now, CancellationToken.None).ConfigureAwait(false);
                    if (portal is not null)
                    {
                        queued.Add(portal);
                    }
                }

                number = row.Number;
                return StepOutcome.Done;
            },
            // Another instance raised the same alert first: its alert stands.
            recordedElsewhere: () => AlertExistsAsync(caseId, SlaTargetKind.LegalTerm, threshold),
            CancellationToken.None).ConfigureAwait(false);
        }

        if (outcome == StepOutcome.DoneElsewhere)
        {
            LogAlreadyRaised(logger, caseId, SlaTargetKind.LegalTerm, threshold);
        }

        if (outcome != StepOutcome.Done)
        {
            return false;
        }

        LogAlert(logger, number, SlaTargetKind.LegalTerm, threshold);
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

    /// <summary>"petición (15 días hábiles); vence el miércoles 22 de abril de 2026, 5:00 p. m." — the notice's third value.</summary>
    private static string LegalDetail(MessageKind kind, LegalRow row, BusinessCalendar calendar) =>
        NoticeComposer.Text(kind, "Detail",
            NoticeComposer.Text("LegalModality", row.Modality!.Value.ToString()),
            row.Days, NoticeComposer.FormatInstant(calendar.ToLocal(row.DueAt!.Value)));

    /// <summary>What the legal term needs of an open PQRS, and whether its 75 % alert exists.</summary>
    private sealed record LegalRow(
        Guid CaseId,
        string Number,
        int CategoryId,
        Guid? AssigneeId,
        PqrsModality? Modality,
        DateTimeOffset? StartedAt,
        int? InitialDays,
        int? Days,
        DateTimeOffset? DueAt,
        bool AtRiskRaised)
    {
        /// <summary>A candidate is neither answered nor suspended.</summary>
        public LegalTermFacts Facts => new(Modality, StartedAt, InitialDays, Days, DueAt, null, null);
    }
}
