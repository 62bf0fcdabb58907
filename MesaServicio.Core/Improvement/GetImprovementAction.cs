using MesaServicio.Core.Calendar;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Improvement;

/// <summary>
/// One action whole (<c>/acciones-de-mejora/{numero}</c>): its cases, follow-ups, history and what the viewer may do.
/// An action out of reach answers exactly as a missing one.
/// </summary>
public sealed class GetImprovementAction(IDbContextFactory<MesaDbContext> contextFactory, IBusinessCalendarProvider calendars, TimeProvider time)
{
    public async Task<ImprovementActionDetails> HandleAsync(string number, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var key = (number ?? "").Trim().ToUpperInvariant();
        var today = ImprovementNotices.Today(calendars.Current, time.GetUtcNow());
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var head = await db.ImprovementActions.AsNoTracking().Where(a => a.Number == key)
            .Select(a => new { a.Id, a.ResponsibleId, a.Description, a.Outcome, a.CreatedById, a.Version, a.Status })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (head is null || !ImprovementAccess.Sees(user, head.ResponsibleId))
        {
            throw ImprovementActionRunner.NotFound(key);
        }

        var row = (await ImprovementRows.LoadAsync(db, db.ImprovementActions.AsNoTracking().Where(a => a.Id == head.Id), today, cancellationToken)
            .ConfigureAwait(false)).Single();
        var followUps = await db.ImprovementFollowUps.AsNoTracking().Where(f => f.ActionId == head.Id).OrderBy(f => f.At)
            .Select(f => new ImprovementFollowUpRow(f.At, f.AuthorId, db.People.Where(p => p.Id == f.AuthorId).Select(p => p.DisplayName).FirstOrDefault() ?? "", f.Text))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var lines = await db.ImprovementHistory.AsNoTracking().Where(h => h.ActionId == head.Id).OrderBy(h => h.Id)
            .Select(h => new { h.At, h.ActorId, h.Kind, h.FromValue, h.ToValue, h.Detail })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        // Reassignments store person ids: show names.
        var personIds = lines.Where(l => l.Kind == ImprovementHistoryKind.Reassigned)
            .SelectMany(l => new[] { l.FromValue, l.ToValue }).Select(v => Guid.TryParse(v, out var g) ? g : Guid.Empty)
            .Concat(lines.Select(l => l.ActorId ?? Guid.Empty)).Append(head.CreatedById ?? Guid.Empty)
            .Where(g => g != Guid.Empty).Distinct().ToList();
        var names = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken)
            .ConfigureAwait(false);
        string? Name(Guid? id) => id is { } g && names.TryGetValue(g, out var n) ? n : null;
        string? Value(ImprovementHistoryKind kind, string? value) =>
            kind == ImprovementHistoryKind.Reassigned && Guid.TryParse(value, out var g) ? Name(g) ?? value : value;
        var history = lines.Select(l => new ImprovementHistoryRow(l.At, Name(l.ActorId), l.Kind, Value(l.Kind, l.FromValue), Value(l.Kind, l.ToValue), l.Detail))
            .ToList();

        return new ImprovementActionDetails(
            row, head.Description, head.Outcome, Name(head.CreatedById), head.Version, followUps, history,
            [.. ImprovementLifecycle.TargetsFrom(head.Status).Where(t => ImprovementAccess.May(user, head.ResponsibleId, Operation(t)))],
            ImprovementLifecycle.Allows(ImprovementOperation.FollowUp, head.Status) && ImprovementAccess.May(user, head.ResponsibleId, ImprovementOperation.FollowUp),
            ImprovementLifecycle.Allows(ImprovementOperation.Reassign, head.Status) && ImprovementAccess.May(user, head.ResponsibleId, ImprovementOperation.Reassign));
    }

    private static ImprovementOperation Operation(ImprovementActionStatus target) => target switch
    {
        ImprovementActionStatus.InProgress => ImprovementOperation.Start,
        ImprovementActionStatus.Done => ImprovementOperation.Complete,
        _ => ImprovementOperation.Discard,
    };
}
