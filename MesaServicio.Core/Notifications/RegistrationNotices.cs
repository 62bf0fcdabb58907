using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Core.Notifications;

/// <summary>
/// The notices of a new case (the requester's acknowledgement, the assignee's "se le asignó", or "sin asignar" to the
/// group's lead and the coordinators), written right after the registration commits. Registration batches many cases
/// into one commit on its own fast path (decision 0015), so these are not in its transaction: each notice's unique key
/// makes a second attempt harmless, and <see cref="RegistrationNoticeSweep"/> writes what a crash in between left out.
/// </summary>
public sealed partial class RegistrationNotices(
    IDbContextFactory<MesaDbContext> contextFactory, ICaseNotices notices, IPortalNotifier notifier, TimeProvider time,
    ILogger<RegistrationNotices> logger) : ICaseEventHandler
{
    public async Task HandleAsync(IReadOnlyList<CaseEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var registered = events.OfType<CaseRegistered>().Select(e => e.CaseId).Distinct().ToList();
        foreach (var caseId in registered)
        {
            await QueueAsync(caseId, events.Where(e => e.CaseId == caseId).ToList(), CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Writes one new case's notices in a transaction of their own; false when they were already there.</summary>
    internal async Task<bool> QueueAsync(Guid caseId, IReadOnlyList<CaseEvent> events, CancellationToken cancellationToken)
    {
        IReadOnlyList<PortalNotification> portal;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            var c = await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == caseId, cancellationToken).ConfigureAwait(false);
            if (c is null)
            {
                return false;
            }

            portal = await notices.QueueAsync(db, c, events, null, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException)
            {
                // Written already (the sweep, or another instance's): each key is unique.
                LogAlreadyThere(logger, c.Number);
                return false;
            }
        }

        await notifier.PushAsync(portal, cancellationToken).ConfigureAwait(false);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The registration notices of {Number} were already written.")]
    private static partial void LogAlreadyThere(ILogger logger, string number);
}
