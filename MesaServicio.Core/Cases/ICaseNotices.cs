using MesaServicio.Core.Notifications;
using MesaServicio.Core.Persistence;

namespace MesaServicio.Core.Cases;

/// <summary>
/// Tells people what a change to a case means for them (PRODUCT.md, "Talking with people"): adds the portal notices and
/// e-mails its events call for to the change's own context, so they commit with it or not at all.
/// </summary>
public interface ICaseNotices
{
    /// <summary>Adds (not saved) the notices <paramref name="events"/> call for; returns the portal notices to push after the commit.</summary>
    Task<IReadOnlyList<PortalNotification>> QueueAsync(
        MesaDbContext db, Case c, IReadOnlyList<CaseEvent> events, Guid? actorId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The same, with people read through <paramref name="directory"/> (a registration batch serves them from memory).</summary>
    Task<IReadOnlyList<PortalNotification>> QueueAsync(
        MesaDbContext db, INoticeDirectory directory, Case c, IReadOnlyList<CaseEvent> events, Guid? actorId, DateTimeOffset now,
        CancellationToken cancellationToken);
}
