using System.Linq.Expressions;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using MesaServicio.Core.Sla;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Board;

/// <summary>
/// The agents' board: the cases not yet closed that the person may see (coordinator: all; technical lead: the
/// categories they lead, their groups and what is assigned to them; agent: their groups and what is assigned to
/// them), read one page per column (decision 0020): each column's first <see cref="PageSize"/> cards in the order
/// they show (<see cref="BoardOrder"/>) and its count, from indexes made for it; more through <see cref="MoreAsync"/>
/// as the column scrolls. Filters and search run in the database (the "at risk" filter reads the clock of what it
/// reads). Requesters and anyone else are refused.
/// </summary>
public sealed class GetBoard(
    IDbContextFactory<MesaDbContext> contextFactory, IBusinessCalendarProvider calendars, TimeProvider time, CaseGuard guard)
{
    /// <summary>Longest search text taken into account.</summary>
    public const int SearchMaxLength = 100;

    /// <summary>Cards read per column at a time.</summary>
    public const int PageSize = 50;

    /// <summary>Above this many groups (or led categories), one query serves them all instead of one each.</summary>
    private const int MaxStreams = 8;

    /// <summary>The search text as it is applied (trimmed, at most <see cref="SearchMaxLength"/>), or <c>null</c>.</summary>
    public static string? SearchText(BoardFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var search = filter.Search?.Trim();
        if (string.IsNullOrEmpty(search))
        {
            return null;
        }

        return search.Length > SearchMaxLength ? search[..SearchMaxLength] : search;
    }

    /// <summary>The first page of every column, with its count.</summary>
    public async Task<BoardView> HandleAsync(CurrentUser user, BoardFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(filter);
        guard.Demand(user, GlobalOperation.Board);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var scope = await ScopeAsync(db, user, filter, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(db, scope, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The first page of every column again, for a scope an earlier read made (a live board after a gap).</summary>
    public async Task<BoardView> HandleAsync(CurrentUser user, BoardScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        Demand(user, scope);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(db, scope, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The person's scope with another filter (the category's sub-tree read), without reading the board.</summary>
    public async Task<BoardScope> RescopeAsync(CurrentUser user, BoardScope scope, BoardFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(filter);
        Demand(user, scope);
        if (filter.CategoryId is null)
        {
            return scope.With(filter, null);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return scope.With(filter, await SubtreeAsync(db, filter.CategoryId.Value, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The next cards of a column, after <paramref name="after"/> (the last card the board holds there).</summary>
    public async Task<BoardColumnCards> MoreAsync(
        CurrentUser user, BoardScope scope, BoardColumn column, BoardCard after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(after);
        Demand(user, scope);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var (cards, exhausted) = await PageAsync(db, scope, column, after, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return new BoardColumnCards(column, cards, cards.Count, exhausted);
    }

    private void Demand(CurrentUser user, BoardScope scope)
    {
        ArgumentNullException.ThrowIfNull(user);
        guard.Demand(user, GlobalOperation.Board);
        if (user.PersonId != scope.Me)
        {
            throw new ForbiddenException();
        }
    }

    private async Task<BoardView> ReadAsync(MesaDbContext db, BoardScope scope, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var counts = scope.Filter.AtRisk ? null : await CountAsync(db, scope, cancellationToken).ConfigureAwait(false);
        var columns = new List<BoardColumnCards>(BoardColumns.All.Count);
        foreach (var column in BoardColumns.All)
        {
            var (cards, exhausted) = await PageAsync(db, scope, column, null, now, cancellationToken).ConfigureAwait(false);
            columns.Add(counts is null
                ? new BoardColumnCards(column, cards, cards.Count, exhausted)
                : new BoardColumnCards(column, cards, Math.Max(cards.Count, counts.GetValueOrDefault(column))));
        }

        return new BoardView(columns, now, scope);
    }

    private static async Task<BoardScope> ScopeAsync(MesaDbContext db, CurrentUser user, BoardFilter filter, CancellationToken cancellationToken)
    {
        var access = await AccessScopes.LoadAsync(db, user, cancellationToken).ConfigureAwait(false);
        var subtree = filter.CategoryId is { } categoryId
            ? await SubtreeAsync(db, categoryId, cancellationToken).ConfigureAwait(false)
            : null;
        return new BoardScope(user.PersonId!.Value, user.IsCoordinator, access.GroupIds,
            user.IsTechnicalLead ? access.LedCategoryIds : new HashSet<int>(), BoardAudience.ForUser(user, access), filter, subtree);
    }

    /// <summary>Every case of the board's reach that passes its filter, but for the "at risk" filter (read in memory).</summary>
    private static IQueryable<Case> Filtered(MesaDbContext db, BoardScope scope)
    {
        var filter = scope.Filter;
        var cases = db.Cases.AsNoTracking();
        if (filter.Unassigned)
        {
            cases = cases.Where(c => c.AssigneeId == null);
        }

        if (filter.Priority is { } priority)
        {
            cases = cases.Where(c => c.Priority == priority);
        }

        if (scope.CategorySubtree is { } subtree)
        {
            var ids = subtree.ToList();
            cases = cases.Where(c => ids.Contains(c.CategoryId));
        }

        if (SearchText(filter) is { } search)
        {
            // lower() + contains: case-insensitive on both engines (SQLite's LIKE is, PostgreSQL's is not), no wildcards.
            var lowered = search.ToLowerInvariant();
            cases = cases.Where(c => c.Number.ToLower().Contains(lowered) || c.Subject.ToLower().Contains(lowered));
        }

        return cases;
    }

    /// <summary>
    /// The board's reach as separate conditions, each served in order by one index (assignee, group, category, or
    /// the column alone for the coordinator): a page is the first cards of each, merged.
    /// </summary>
    private static List<Expression<Func<Case, bool>>> Streams(BoardScope scope)
    {
        var filter = scope.Filter;
        var me = scope.Me;
        var streams = new List<Expression<Func<Case, bool>>>();
        if (scope.Everything && !filter.Mine && !filter.MyGroups)
        {
            streams.Add(c => true);
            return streams;
        }

        var mine = !filter.MyGroups || filter.Mine;
        var groups = !filter.Mine || filter.MyGroups;
        var led = !filter.Mine && !filter.MyGroups;
        if (mine)
        {
            streams.Add(c => c.AssigneeId == me);
        }

        if (groups && scope.Groups.Count > 0)
        {
            if (scope.Groups.Count > MaxStreams)
            {
                var ids = scope.Groups.ToList();
                streams.Add(c => c.AssignedGroupId != null && ids.Contains(c.AssignedGroupId.Value));
            }
            else
            {
                foreach (var group in scope.Groups)
                {
                    streams.Add(c => c.AssignedGroupId == group);
                }
            }
        }

        if (led && scope.LedCategories.Count > 0)
        {
            if (scope.LedCategories.Count > MaxStreams)
            {
                var ids = scope.LedCategories.ToList();
                streams.Add(c => ids.Contains(c.CategoryId));
            }
            else
            {
                foreach (var category in scope.LedCategories)
                {
                    streams.Add(c => c.CategoryId == category);
                }
            }
        }

        return streams;
    }

    /// <summary>How many cards each column holds (but for the "at risk" filter).</summary>
    private static async Task<Dictionary<BoardColumn, int>> CountAsync(MesaDbContext db, BoardScope scope, CancellationToken cancellationToken)
    {
        var streams = Streams(scope);
        if (streams.Count == 0)
        {
            return [];
        }

        var filter = scope.Filter;
        var narrowed = filter.Unassigned || filter.Priority is not null || scope.CategorySubtree is not null || SearchText(filter) is not null;
        var led = streams.Count > 0 && !filter.Mine && !filter.MyGroups && scope.LedCategories.Count > 0 && !scope.Everything;
        if (narrowed || led)
        {
            // One count over the union: filters (and led categories, which overlap the groups) need the rows.
            return await CountOfAsync(Filtered(db, scope).Where(streams.Aggregate(Or)), cancellationToken).ConfigureAwait(false);
        }

        // Mine and my groups (or everything): each counted from its own index without reading a row, and the cases that
        // are both mine and in my groups (only mine: few) taken off once.
        var counts = new Dictionary<BoardColumn, int>();
        foreach (var stream in streams)
        {
            Add(counts, await CountOfAsync(db.Cases.Where(stream), cancellationToken).ConfigureAwait(false), 1);
        }

        var mine = !filter.MyGroups || filter.Mine;
        var groups = (!filter.Mine || filter.MyGroups) && scope.Groups.Count > 0;
        if (!scope.Everything || filter.Mine || filter.MyGroups)
        {
            if (mine && groups)
            {
                var me = scope.Me;
                var ids = scope.Groups.ToList();
                Add(counts, await CountOfAsync(
                    db.Cases.Where(c => c.AssigneeId == me && c.AssignedGroupId != null && ids.Contains(c.AssignedGroupId.Value)),
                    cancellationToken).ConfigureAwait(false), -1);
            }
        }

        return counts;
    }

    private static async Task<Dictionary<BoardColumn, int>> CountOfAsync(IQueryable<Case> cases, CancellationToken cancellationToken)
    {
        var rows = await cases.Where(c => c.BoardColumn != null)
            .GroupBy(c => c.BoardColumn)
            .Select(g => new { Column = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Column!.Value, r => r.Count);
    }

    private static void Add(Dictionary<BoardColumn, int> total, Dictionary<BoardColumn, int> part, int sign)
    {
        foreach (var (column, count) in part)
        {
            total[column] = total.GetValueOrDefault(column) + (sign * count);
        }
    }

    /// <summary>
    /// The next <see cref="PageSize"/> cards of a column after <paramref name="after"/> (from the start when null), and
    /// whether the column has no more. With the "at risk" filter, reads on until it found a page or the column ended.
    /// </summary>
    private async Task<(List<BoardCard> Cards, bool Exhausted)> PageAsync(
        MesaDbContext db, BoardScope scope, BoardColumn column, BoardCard? after, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var streams = Streams(scope);
        var calendar = calendars.Current;
        var cards = new List<BoardCard>(PageSize);
        if (streams.Count == 0)
        {
            return (cards, true);
        }

        var cursor = after;
        while (true)
        {
            var read = await ReadPageAsync(db, scope, streams, column, cursor, calendar, now, cancellationToken).ConfigureAwait(false);
            foreach (var card in read)
            {
                if (!scope.Filter.AtRisk || card.Reading.NeedsAttention)
                {
                    cards.Add(card);
                }
            }

            if (read.Count < PageSize)
            {
                return (cards, true);
            }

            if (cards.Count >= PageSize)
            {
                return (cards, false);
            }

            cursor = read[^1];
        }
    }

    /// <summary>One page of a column: the first <see cref="PageSize"/> of each stream after the cursor, merged, in order.</summary>
    private static async Task<List<BoardCard>> ReadPageAsync(
        MesaDbContext db, BoardScope scope, List<Expression<Func<Case, bool>>> streams, BoardColumn column, BoardCard? after,
        BusinessCalendar calendar, DateTimeOffset now, CancellationToken cancellationToken)
    {
        IQueryable<Case>? union = null;
        foreach (var stream in streams)
        {
            var page = After(Filtered(db, scope).Where(stream).Where(c => c.BoardColumn == column), after)
                .OrderBy(c => c.Priority).ThenBy(c => c.BoardDueAt).ThenBy(c => c.Number)
                .Take(PageSize);
            union = union is null ? page : union.Concat(page);
        }

        var rows = await (
            from c in union!
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
                c.BoardDueAt,
            }).ToListAsync(cancellationToken).ConfigureAwait(false);

        var cards = new List<BoardCard>(rows.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            if (!seen.Add(r.Number))
            {
                continue; // Reached through two streams (assigned to me, in my group).
            }

            var facts = new SlaFacts(r.ReceivedAt, r.AttendDueAt, r.AttendTarget, r.FirstActionAt, r.ResolveBaseDueAt, r.ResolveTarget,
                r.PausedBusinessTime, r.PausedSince, Case.ResolutionStopsIn(r.Status));
            cards.Add(new BoardCard(r.Number, r.Version, r.Subject, r.RequesterName, r.CategoryId, r.CategoryName, r.Priority, r.Kind,
                r.Status, r.Level, r.AssigneeId, r.AssigneeName, r.AssignedGroupId, r.ReceivedAt, facts, BoardSla.Read(facts, calendar, now),
                new LegalTermFacts(r.LegalModality, r.LegalTermStartedAt, r.LegalTermInitialDays, r.LegalTermDays, r.LegalDueAt,
                    r.LegalSuspendedSince, r.LegalAnsweredAt),
                r.BoardDueAt));
        }

        cards.Sort(BoardOrder.Instance);
        if (cards.Count > PageSize)
        {
            cards.RemoveRange(PageSize, cards.Count - PageSize);
        }

        return cards;
    }

    /// <summary>The cards that sort after <paramref name="after"/> (keyset paging, the index's order).</summary>
    private static IQueryable<Case> After(IQueryable<Case> cases, BoardCard? after)
    {
        if (after is null)
        {
            return cases;
        }

        var priority = after.Priority;
        var due = after.SortDueAt;
        var number = after.Number;
        return cases.Where(c => c.Priority > priority
            || (c.Priority == priority && (c.BoardDueAt > due || (c.BoardDueAt == due && string.Compare(c.Number, number) > 0))));
    }

    private static Expression<Func<Case, bool>> Or(Expression<Func<Case, bool>> left, Expression<Func<Case, bool>> right)
    {
        var parameter = left.Parameters[0];
        var body = new Rebind(right.Parameters[0], parameter).Visit(right.Body);
        return Expression.Lambda<Func<Case, bool>>(Expression.OrElse(left.Body, body), parameter);
    }

    private static async Task<HashSet<int>> SubtreeAsync(MesaDbContext db, int categoryId, CancellationToken cancellationToken)
    {
        var all = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.ParentId })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var children = all.ToLookup(c => c.ParentId);
        var result = new HashSet<int>();
        var stack = new Stack<int>([categoryId]);
        while (stack.Count > 0 && result.Count <= all.Count)
        {
            var id = stack.Pop();
            if (!result.Add(id))
            {
                continue;
            }

            foreach (var child in children[id])
            {
                stack.Push(child.Id);
            }
        }

        return result;
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
