using MesaServicio.Core.Calendar;
using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Improvement;

/// <summary>The list's filters, all optional: a state, a responsible person, only the overdue ones.</summary>
public sealed record ImprovementActionFilter(ImprovementActionStatus? Status = null, Guid? ResponsibleId = null, bool OverdueOnly = false);

/// <summary>
/// The improvement actions (<c>/acciones-de-mejora</c>), open ones first by due date, then the closed ones newest first.
/// Leads, the coordinator and the Jefe OTIC see them all; a technician sees those they answer for.
/// </summary>
public sealed class ListImprovementActions(
    IDbContextFactory<MesaDbContext> contextFactory, IBusinessCalendarProvider calendars, TimeProvider time, CaseGuard guard)
{
    /// <summary>Most rows served.</summary>
    public const int MaxRows = 500;

    public async Task<IReadOnlyList<ImprovementActionRow>> HandleAsync(ImprovementActionFilter filter, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(user);
        if (!ImprovementAccess.SeesList(user))
        {
            guard.Demand(user, GlobalOperation.ReadImprovementActions);
        }

        var today = ImprovementNotices.Today(calendars.Current, time.GetUtcNow());
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var actions = db.ImprovementActions.AsNoTracking().AsQueryable();
        if (!ImprovementAccess.ReadsAll(user))
        {
            var me = user.PersonId ?? throw new ForbiddenException(DomainMessages.Get("Permission.ReadImprovementActions"));
            actions = actions.Where(a => a.ResponsibleId == me);
        }

        if (filter.Status is { } status)
        {
            actions = actions.Where(a => a.Status == status);
        }

        if (filter.ResponsibleId is { } responsible)
        {
            actions = actions.Where(a => a.ResponsibleId == responsible);
        }

        if (filter.OverdueOnly)
        {
            actions = actions.Where(a => (a.Status == ImprovementActionStatus.Open || a.Status == ImprovementActionStatus.InProgress) && a.DueOn < today);
        }

        var ordered = actions
            .OrderBy(a => a.Status == ImprovementActionStatus.Open || a.Status == ImprovementActionStatus.InProgress ? 0 : 1)
            .ThenBy(a => a.Status == ImprovementActionStatus.Open || a.Status == ImprovementActionStatus.InProgress ? a.DueOn : DateOnly.MinValue)
            .ThenByDescending(a => a.Year).ThenByDescending(a => a.Sequence)
            .Take(MaxRows);
        return await ImprovementRows.LoadAsync(db, ordered, today, cancellationToken).ConfigureAwait(false);
    }
}
