using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.TimedWork;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Notifications;

/// <summary>
/// The safety net of <see cref="RegistrationNotices"/>: a case registered in the last day whose acknowledgement was never
/// written (the process stopped between the registration's commit and its notices) gets its notices now, under the same
/// keys, so nobody hears twice. Cases younger than a minute are left to the live path.
/// </summary>
public sealed class RegistrationNoticeSweep(
    IDbContextFactory<MesaDbContext> contextFactory, RegistrationNotices notices, TimeProvider time) : ITimedWork
{
    /// <summary>Most cases looked at per run.</summary>
    public const int BatchSize = 500;

    public string Name => nameof(RegistrationNoticeSweep);

    public int Order => 5;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var from = now.AddDays(-1);
        var until = now.AddMinutes(-1);
        List<(Guid Id, string Number, DateTimeOffset ReceivedAt, int CategoryId, Priority.CasePriority Priority, Guid? AssigneeId, int? GroupId)> recent;
        HashSet<string> written;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            var rows = await db.Cases.AsNoTracking()
                .Where(c => c.ReceivedAt >= from && c.ReceivedAt <= until)
                .OrderBy(c => c.ReceivedAt).Take(BatchSize)
                .Select(c => new { c.Id, c.Number, c.ReceivedAt, c.CategoryId, c.Priority, c.AssigneeId, c.AssignedGroupId })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            recent = rows.Select(r => (r.Id, r.Number, r.ReceivedAt, r.CategoryId, r.Priority, r.AssigneeId, r.AssignedGroupId)).ToList();
            var keys = recent.SelectMany(r => new[] { "mail:" + Key(r.Id), "portal:" + Key(r.Id) }).ToList();
            written = [.. await db.OutboxMessages.AsNoTracking().Where(o => keys.Contains(o.DedupKey)).Select(o => o.DedupKey)
                .Concat(db.PortalNotifications.AsNoTracking().Where(n => keys.Contains(n.DedupKey)).Select(n => n.DedupKey))
                .ToListAsync(cancellationToken).ConfigureAwait(false)];
        }

        var done = 0;
        foreach (var r in recent.Where(r => !written.Contains("mail:" + Key(r.Id)) && !written.Contains("portal:" + Key(r.Id))))
        {
            // The registration's own events, as they were: the same instants make the same keys.
            var events = new List<CaseEvent> { new CaseRegistered(r.Id, r.Number, r.ReceivedAt, r.CategoryId, r.Priority) };
            if (r.AssigneeId is { } assignee)
            {
                events.Add(new CaseAssigned(r.Id, r.Number, r.ReceivedAt, null, assignee, r.GroupId));
            }
            else if (r.GroupId is { } group)
            {
                events.Add(new CaseLeftUnassigned(r.Id, r.Number, r.ReceivedAt, group));
            }

            if (await notices.QueueAsync(r.Id, events, cancellationToken).ConfigureAwait(false))
            {
                done++;
            }
        }

        return done;
    }

    /// <summary>The requester's acknowledgement key (<see cref="CaseNotices"/>).</summary>
    private static string Key(Guid caseId) => $"registered:{caseId:N}";
}
