using MesaServicio.Core.Calendar;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Reports;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Improvement;

/// <summary>
/// The improvement actions of a month, as the monthly report lists them: those <see cref="Opened"/> in the month (created
/// in its local days), those <see cref="Due"/> in it (due date in its days, whatever their state, so the report shows which
/// were met), and those <see cref="Done"/> in it (cumplida in its days). An action may be in more than one list.
/// </summary>
public sealed record ImprovementActionsOfMonth(
    YearMonth Month,
    IReadOnlyList<ImprovementActionRow> Opened,
    IReadOnlyList<ImprovementActionRow> Due,
    IReadOnlyList<ImprovementActionRow> Done);

/// <summary>
/// The month's improvement actions for the monthly report (coordinator, Jefe OTIC, leads; the desk itself when it
/// generates the report). "Overdue" on each row is judged at the month's last day, or today for the month in course, so a
/// frozen report does not change afterwards.
/// </summary>
public sealed class ListImprovementActionsOfMonth(
    IDbContextFactory<MesaDbContext> contextFactory, IBusinessCalendarProvider calendars, TimeProvider time, CaseGuard guard)
{
    public async Task<ImprovementActionsOfMonth> HandleAsync(YearMonth month, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!ImprovementAccess.ReadsAll(user))
        {
            guard.Demand(user, GlobalOperation.ReadImprovementActions);
        }

        var calendar = calendars.Current;
        var (from, to) = month.Bounds(calendar);
        var first = month.FirstDay;
        var last = month.LastDay;
        var today = ImprovementNotices.Today(calendar, time.GetUtcNow());
        var judgedOn = today < last ? today : last.AddDays(1);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var all = db.ImprovementActions.AsNoTracking();
        var opened = await ImprovementRows.LoadAsync(
            db, all.Where(a => a.CreatedAt >= from && a.CreatedAt < to).OrderBy(a => a.Year).ThenBy(a => a.Sequence), judgedOn, cancellationToken)
            .ConfigureAwait(false);
        var due = await ImprovementRows.LoadAsync(
            db, all.Where(a => a.DueOn >= first && a.DueOn <= last).OrderBy(a => a.DueOn).ThenBy(a => a.Year).ThenBy(a => a.Sequence), judgedOn,
            cancellationToken).ConfigureAwait(false);
        var done = await ImprovementRows.LoadAsync(
            db, all.Where(a => a.Status == ImprovementActionStatus.Done && a.ClosedAt >= from && a.ClosedAt < to)
                .OrderBy(a => a.ClosedAt), judgedOn, cancellationToken).ConfigureAwait(false);
        return new ImprovementActionsOfMonth(month, opened, due, done);
    }
}
