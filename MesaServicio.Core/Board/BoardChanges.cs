using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Board;

/// <summary>What happened to a card, most telling first when one commit did several things.</summary>
public enum BoardChangeKind
{
    /// <summary>Something else the card shows (its clock after an answer, its subject...).</summary>
    Updated = 0,

    /// <summary>A new case.</summary>
    Registered = 1,

    /// <summary>The case changed state.</summary>
    StatusChanged = 2,

    /// <summary>The case was (re)assigned.</summary>
    Assigned = 3,

    /// <summary>The case was escalated.</summary>
    Escalated = 4,
}

/// <summary>One case's change as the live board announces it, and the delivery groups that may hear of it.</summary>
public sealed record BoardChange(string Number, BoardChangeKind Kind, Guid? AssigneeId, IReadOnlyList<string> Groups);

/// <summary>
/// Turns committed case events into board changes: one per case (the most telling kind), addressed with the
/// case's facts as committed. Reads no case text: the message carries the number only.
/// </summary>
public sealed class BoardChanges(IDbContextFactory<MesaDbContext> contextFactory)
{
    public async Task<IReadOnlyList<BoardChange>> ForAsync(IReadOnlyList<CaseEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);

        // What moves a card: a new case, a state, an assignee. A message or a file changes the case's page, not the board.
        events = [.. events.Where(e => e is CaseRegistered or CaseAssigned or CaseEscalated or CaseStatusChanged)];
        if (events.Count == 0)
        {
            return [];
        }

        var ids = events.Select(e => e.CaseId).Distinct().ToList();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var facts = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Number, c.AssigneeId, c.AssignedGroupId, c.CategoryId })
            .ToDictionaryAsync(c => c.Id, cancellationToken).ConfigureAwait(false);

        var changes = new List<BoardChange>(ids.Count);
        foreach (var perCase in events.GroupBy(e => e.CaseId))
        {
            if (!facts.TryGetValue(perCase.Key, out var c))
            {
                continue;
            }

            changes.Add(new BoardChange(c.Number, KindOf(perCase), c.AssigneeId,
                BoardAudience.ForCase(c.AssigneeId, PreviousAssignees(perCase), c.AssignedGroupId, c.CategoryId)));
        }

        return changes;
    }

    /// <summary>The most telling kind among one case's events.</summary>
    public static BoardChangeKind KindOf(IEnumerable<CaseEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Select(e => e switch
        {
            CaseEscalated => BoardChangeKind.Escalated,
            CaseAssigned => BoardChangeKind.Assigned,
            CaseStatusChanged => BoardChangeKind.StatusChanged,
            _ => BoardChangeKind.Registered,
        }).Max();
    }

    private static IEnumerable<Guid> PreviousAssignees(IEnumerable<CaseEvent> events) => events.Select(e => e switch
    {
        CaseEscalated x => x.PreviousAssigneeId,
        CaseAssigned x => x.PreviousAssigneeId,
        _ => null,
    }).OfType<Guid>();
}

/// <summary>The delivery groups a staff member's live-board connection joins. Refuses anyone who may not use the board.</summary>
public sealed class GetBoardSubscriptions(IDbContextFactory<MesaDbContext> contextFactory, CaseGuard guard)
{
    public async Task<IReadOnlyList<string>> HandleAsync(CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        guard.Demand(user, GlobalOperation.Board);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var scope = await AccessScopes.LoadAsync(db, user, cancellationToken).ConfigureAwait(false);
        return BoardAudience.ForUser(user, scope);
    }
}
