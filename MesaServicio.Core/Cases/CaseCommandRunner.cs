using MesaServicio.Core.Calendar;
using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Cases;

/// <summary>What a case looks like right after a command changed it.</summary>
public sealed record CaseChangeResult(Guid CaseId, string Number, CaseStatus Status, int Version);

/// <summary>
/// Runs one command on one case: a fresh context, load by number, authorize (a case out of reach is "not
/// found"), check the version the person saw, apply the domain method, save (optimistic concurrency),
/// then deliver the case's events. The notices the change calls for (<see cref="ICaseNotices"/>) are written in the same
/// transaction and pushed live after it. A refused command leaves the case exactly as it was.
/// </summary>
public sealed class CaseCommandRunner(
    IDbContextFactory<MesaDbContext> contextFactory,
    IBusinessCalendarProvider calendars,
    TimeProvider time,
    CaseGuard guard,
    CaseEventDispatcher dispatcher,
    Board.BoardCardNames names,
    ICaseNotices notices,
    Notifications.IPortalNotifier notifier)
{
    public async Task<CaseChangeResult> ExecuteAsync(
        string number,
        int? expectedVersion,
        CurrentUser user,
        CaseOperationKind operation,
        Func<Case, CaseContext, MesaDbContext, Task> action,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(user);
        var normalized = (number ?? "").Trim().ToUpperInvariant();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var c = await db.Cases.SingleOrDefaultAsync(x => x.Number == normalized, cancellationToken).ConfigureAwait(false)
            ?? throw CaseGuard.CaseNotFound(normalized);
        await guard.DemandAsync(db, user, c, operation, cancellationToken).ConfigureAwait(false);
        if (expectedVersion is { } expected && expected != c.Version)
        {
            throw new ConcurrencyConflictException(c.Number);
        }

        var context = new CaseContext(user.Actor, time.GetUtcNow(), calendars.Current);
        var before = Board.BoardCards.Before(c, context.Calendar, context.Now);
        await action(c, context, db).ConfigureAwait(false);
        var portal = await notices.QueueAsync(db, c, c.Events, user.PersonId, context.Now, cancellationToken).ConfigureAwait(false);
        var after = await Board.BoardCards.AfterAsync(db, names, c, context.Calendar, context.Now, cancellationToken).ConfigureAwait(false);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new ConcurrencyConflictException(c.Number, ex);
        }

        CaseEvent[] events = [.. c.Events, new CaseProjected(c.Id, c.Number, context.Now, before, after)];
        c.ClearEvents();

        // Committed: what follows is told whatever happens to the request that made the change.
        await dispatcher.DispatchAsync(events, CancellationToken.None).ConfigureAwait(false);
        await notifier.PushAsync(portal, CancellationToken.None).ConfigureAwait(false);
        return new CaseChangeResult(c.Id, c.Number, c.Status, c.Version);
    }

    /// <summary>The same, for a domain method that needs nothing from the database.</summary>
    public Task<CaseChangeResult> ExecuteAsync(
        string number, int? expectedVersion, CurrentUser user, CaseOperationKind operation, Action<Case, CaseContext> action,
        CancellationToken cancellationToken) =>
        ExecuteAsync(number, expectedVersion, user, operation, (c, ctx, _) =>
        {
            action(c, ctx);
            return Task.CompletedTask;
        }, cancellationToken);
}
