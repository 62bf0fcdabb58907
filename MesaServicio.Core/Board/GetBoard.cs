using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using MesaServicio.Core.Sla;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Board;

/// <summary>
/// The agents' board: the cases not yet closed that the person may see (coordinator: all; technical lead: the
/// categories they lead, their groups and what is assigned to them; agent: their groups and what is assigned to
/// them), as card projections grouped in the five columns. Requesters and anyone else are refused.
/// </summary>
public sealed class GetBoard(
    IDbContextFactory<MesaDbContext> contextFactory, IBusinessCalendarProvider calendars, TimeProvider time, CaseGuard guard)
{
    /// <summary>Longest search text taken into account.</summary>
    public const int SearchMaxLength = 100;

    public async Task<BoardView> HandleAsync(CurrentUser user, BoardFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(filter);
        guard.Demand(user, GlobalOperation.Board);
        var me = user.PersonId!.Value;

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var scope = await AccessScopes.LoadAsync(db, user, cancellationToken).ConfigureAwait(false);
        var groups = scope.GroupIds.ToList();
        var led = scope.LedCategoryIds.ToList();
        var statuses = BoardColumns.Statuses.ToList();

        var cases = db.Cases.AsNoTracking().Where(c => statuses.Contains(c.Status));

        // The same reach as CaseAccess.Decide grants for working a case (the coordinator reaches every case).
        if (!user.IsCoordinator)
        {
            cases = cases.Where(c => c.AssigneeId == me
                || (c.AssignedGroupId != null && groups.Contains(c.AssignedGroupId.Value))
                || led.Contains(c.CategoryId));
        }

        cases = await NarrowAsync(db, cases, filter, me, groups, cancellationToken).ConfigureAwait(false);

        var rows = await (
            from c in cases
            join requester in db.People on c.RequesterId equals requester.Id
            join category in db.Categories on c.CategoryId equals category.Id
            from assignee in db.People.Where(p => p.Id == c.AssigneeId).DefaultIfEmpty()
            select new
            {
                c.Number,
                c.Version,
                c.Subject,
                RequesterName = requester.DisplayName,
                c.CategoryId,
                CategoryName = category.Name,
                c.Priority,
                c.Kind,
                c.Status,
                c.Level,
                c.AssigneeId,
                AssigneeName = assignee == null ? null : assignee.DisplayName,
                c.AssignedGroupId,
                c.ReceivedAt,
                c.AttendDueAt,
                c.AttendTarget,
                c.FirstActionAt,
                c.ResolveBaseDueAt,
                c.ResolveTarget,
                c.PausedBusinessTime,
                c.PausedSince,
                c.LegalModality,
                c.LegalTermStartedAt,
                c.LegalTermInitialDays,
                c.LegalTermDays,
                c.LegalDueAt,
                c.LegalSuspendedSince,
                c.LegalAnsweredAt,
            }).ToListAsync(cancellationToken).ConfigureAwait(false);

        var calendar = calendars.Current;
        var now = time.GetUtcNow();
        var cards = new List<BoardCard>(rows.Count);
        foreach (var r in rows)
        {
            var facts = new SlaFacts(r.ReceivedAt, r.AttendDueAt, r.AttendTarget, r.FirstActionAt, r.ResolveBaseDueAt, r.ResolveTarget,
                r.PausedBusinessTime, r.PausedSince, Case.ResolutionStopsIn(r.Status));
            var reading = BoardSla.Read(facts, calendar, now);
            if (filter.AtRisk && !reading.NeedsAttention)
            {
                continue;
            }

            cards.Add(new BoardCard(r.Number, r.Version, r.Subject, r.RequesterName, r.CategoryId, r.CategoryName, r.Priority, r.Kind,
                r.Status, r.Level, r.AssigneeId, r.AssigneeName, r.AssignedGroupId, r.ReceivedAt, facts, reading,
                new LegalTermFacts(r.LegalModality, r.LegalTermStartedAt, r.LegalTermInitialDays, r.LegalTermDays, r.LegalDueAt,
                    r.LegalSuspendedSince, r.LegalAnsweredAt)));
        }

        var byColumn = cards.ToLookup(c => c.Column);
        var columns = BoardColumns.All
            .Select(column => new BoardColumnCards(column, byColumn[column].OrderBy(c => c.Priority).ThenBy(c => c.ReceivedAt).ToList()))
            .ToList();
        return new BoardView(columns, now);
    }

    private static async Task<IQueryable<Case>> NarrowAsync(
        MesaDbContext db, IQueryable<Case> cases, BoardFilter filter, Guid me, List<int> groups, CancellationToken cancellationToken)
    {
        if (filter.Mine && filter.MyGroups)
        {
            cases = cases.Where(c => c.AssigneeId == me || (c.AssignedGroupId != null && groups.Contains(c.AssignedGroupId.Value)));
        }
        else if (filter.Mine)
        {
            cases = cases.Where(c => c.AssigneeId == me);
        }
        else if (filter.MyGroups)
        {
            cases = cases.Where(c => c.AssignedGroupId != null && groups.Contains(c.AssignedGroupId.Value));
        }

        if (filter.Unassigned)
        {
            cases = cases.Where(c => c.AssigneeId == null);
        }

        if (filter.Priority is { } priority)
        {
            cases = cases.Where(c => c.Priority == priority);
        }

        if (filter.CategoryId is { } categoryId)
        {
            var subtree = await SubtreeAsync(db, categoryId, cancellationToken).ConfigureAwait(false);
            cases = cases.Where(c => subtree.Contains(c.CategoryId));
        }

        var search = filter.Search?.Trim();
        if (!string.IsNullOrEmpty(search))
        {
            if (search.Length > SearchMaxLength)
            {
                search = search[..SearchMaxLength];
            }

            // lower() + contains: case-insensitive on both engines (SQLite's LIKE is, PostgreSQL's is not), no wildcards.
            var lowered = search.ToLowerInvariant();
            cases = cases.Where(c => c.Number.ToLower().Contains(lowered) || c.Subject.ToLower().Contains(lowered));
        }

        return cases;
    }

    private static async Task<List<int>> SubtreeAsync(MesaDbContext db, int categoryId, CancellationToken cancellationToken)
    {
        var all = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.ParentId })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var children = all.ToLookup(c => c.ParentId);
        var result = new List<int>();
        var stack = new Stack<int>([categoryId]);
        while (stack.Count > 0 && result.Count <= all.Count)
        {
            var id = stack.Pop();
            result.Add(id);
            foreach (var child in children[id])
            {
                stack.Push(child.Id);
            }
        }

        return result;
    }
}
