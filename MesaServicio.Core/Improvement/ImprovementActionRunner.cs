using MesaServicio.Core.Calendar;
using MesaServicio.Core.Common;
using MesaServicio.Core.Configuration;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Core.Improvement;

/// <summary>What an operation on an action gets to act with: the action, its context, the instant and the local day.</summary>
public sealed record ImprovementActionContext(ImprovementAction Action, MesaDbContext Db, CurrentUser User, DateTimeOffset Now, DateOnly Today);

/// <summary>
/// Runs one operation on an existing action the way every one must (the shape of <see cref="Cases.CaseCommandRunner"/>):
/// load it, refuse it as "not found" when out of reach and as forbidden when only readable, check the version the person
/// saw, act, write the audit row (before → after) and any notice in the same <c>SaveChanges</c>, then push the notice.
/// </summary>
public sealed class ImprovementActionRunner(
    IDbContextFactory<MesaDbContext> contextFactory,
    IBusinessCalendarProvider calendars,
    TimeProvider time,
    IPortalNotifier notifier,
    GetImprovementAction get,
    ILoggerFactory loggers)
{
    private readonly ILogger _log = loggers.CreateLogger(SecurityLog.Category);

    /// <summary>
    /// Applies <paramref name="act"/> (which returns whether anything changed, and may queue notices, returned for the push)
    /// and returns the action as the user now sees it.
    /// </summary>
    public async Task<ImprovementActionDetails> RunAsync(
        string number, int? expectedVersion, CurrentUser user, ImprovementOperation operation,
        Func<ImprovementActionContext, Task<(bool Changed, PortalNotification? Notice)>> act, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(act);
        var key = (number ?? "").Trim().ToUpperInvariant();
        PortalNotification? notice;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            var action = await db.ImprovementActions
                .Include(a => a.Cases)
                .SingleOrDefaultAsync(a => a.Number == key, cancellationToken).ConfigureAwait(false);
            if (action is null || !ImprovementAccess.Sees(user, action.ResponsibleId))
            {
                throw NotFound(key);
            }

            if (!ImprovementAccess.May(user, action.ResponsibleId, operation))
            {
                SecurityLog.OperationRefused(_log, "Improvement." + operation, user.LogId);
                throw new ForbiddenException(DomainMessages.Get("Permission." + GlobalOperation.ManageImprovementActions));
            }

            if (expectedVersion is { } v && v != action.Version)
            {
                throw new DomainException(ImprovementRules.Changed, action.Number);
            }

            var now = time.GetUtcNow();
            var before = ImprovementAudit.Snapshot(action);
            var historyBefore = action.History.Count;
            (var changed, notice) = await act(new ImprovementActionContext(
                action, db, user, now, ImprovementNotices.Today(calendars.Current, now))).ConfigureAwait(false);
            if (!changed)
            {
                return await get.HandleAsync(key, user, cancellationToken).ConfigureAwait(false);
            }

            // The domain appended to a list EF did not load (History, FollowUps): add the new rows explicitly.
            foreach (var line in action.History.Skip(historyBefore))
            {
                db.ImprovementHistory.Add(line);
            }

            foreach (var note in action.FollowUps.Where(f => db.Entry(f).State == EntityState.Detached))
            {
                db.ImprovementFollowUps.Add(note);
            }

            var reason = action.History.Skip(historyBefore).Select(h => h.Detail).LastOrDefault(d => d is not null);
            ImprovementAudit.Add(db, now, user.PersonId, action, before, reason);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateConcurrencyException ex)
            {
                throw new DomainException(ImprovementRules.Changed, ex);
            }
        }

        if (notice is not null)
        {
            await notifier.PushAsync([notice], CancellationToken.None).ConfigureAwait(false);
        }

        return await get.HandleAsync(key, user, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The same answer for a missing action and one out of reach.</summary>
    public static NotFoundException NotFound(string number) => new(DomainMessages.Get("Improvement.Label", number));
}

/// <summary>The audit rows of improvement actions (area <see cref="ConfigurationAreas.ImprovementAction"/>), shown by the audit page.</summary>
internal static class ImprovementAudit
{
    public static string Snapshot(ImprovementAction a) => AuditJson.Of(new
    {
        a.Number,
        a.Title,
        Origin = a.Origin.ToString(),
        a.OriginMonth,
        Status = a.Status.ToString(),
        a.ResponsibleId,
        DueOn = AuditJson.Day(a.DueOn),
        a.Outcome,
        Cases = a.Cases.Count,
    })!;

    public static void Add(MesaDbContext db, DateTimeOffset now, Guid? actorId, ImprovementAction action, string? before, string? reason) =>
        db.ConfigurationChanges.Add(new ConfigurationChange(
            now, actorId, ConfigurationAreas.ImprovementAction, $"Acción de mejora {action.Number}", before, Snapshot(action), reason));
}
