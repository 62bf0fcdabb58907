using MesaServicio.Core.Calendar;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using MesaServicio.Core.Sla;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Cases;

/// <summary>One row of a case list.</summary>
public sealed record CaseRow(
    string Number, string Subject, CaseKind Kind, CaseStatus Status, CasePriority Priority, string CategoryName,
    string RequesterName, string? AssigneeName, DateTimeOffset ReceivedAt, SlaState AnsState);

/// <summary>What to list: a page, an optional text (number or words of the subject), only open cases.</summary>
public sealed record CaseListQuery(int Page = 0, int PageSize = 20, string? Text = null, bool OnlyOpen = false);

/// <summary>A page of rows and the total that matched.</summary>
public sealed record CasePage(IReadOnlyList<CaseRow> Rows, int Total);

/// <summary>
/// "My cases" for a requester; for staff, the cases within their reach (coordinator and Jefe OTIC: all) with search by
/// number or subject. A projection, paged in the database, newest first.
/// </summary>
public sealed class ListCases(IDbContextFactory<MesaDbContext> contextFactory, IBusinessCalendarProvider calendars, TimeProvider time)
{
    public async Task<CasePage> HandleAsync(CaseListQuery query, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(user);
        if (user.PersonId is not { } me)
        {
            return new CasePage([], 0);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var (reach, whole) = await ReachAsync(db, user, me, cancellationToken).ConfigureAwait(false);
        var onlyOpen = query.OnlyOpen;
        var text = query.Text?.Trim();
        var upper = text?.ToUpperInvariant();
        var lowered = text?.ToLowerInvariant();
        IQueryable<Case> Filtered(IQueryable<Case> cases)
        {
            if (onlyOpen)
            {
                cases = cases.Where(c => Case.OpenStatuses.Contains(c.Status));
            }

            if (!string.IsNullOrEmpty(text))
            {
                cases = cases.Where(c => c.Number == upper || c.Number.EndsWith(upper!) || c.Subject.ToLower().Contains(lowered!));
            }

            return cases;
        }

        var pageSize = Math.Clamp(query.PageSize, 1, 100);
        var skip = Math.Max(0, query.Page) * pageSize;
        int total;
        IQueryable<Case> page;
        if (reach.Count == 1 || !string.IsNullOrEmpty(text))
        {
            // All cases, or a requester's own: one indexed range, counted and paged in index order. A text search reads
            // every case in reach whatever the shape, and one pass with the OR is cheaper than one per lookup.
            var cases = Filtered(reach.Count == 1 ? reach[0] : whole);
            total = await cases.CountAsync(cancellationToken).ConfigureAwait(false);
            page = cases;
        }
        else
        {
            // Staff's reach is an OR of five columns no single index serves: a union of one indexed lookup per column
            // (indexes "(column, ReceivedAt, Id, Status)", which also cover the count). The page takes the newest
            // skip + pageSize of each lookup, so the union holds the page whatever each lookup's share.
            var filtered = reach.Select(Filtered).ToList();
            total = await filtered.Select(c => c.Select(x => x.Id)).Aggregate(Queryable.Union).CountAsync(cancellationToken).ConfigureAwait(false);
            var newest = filtered
                .Select(c => c.OrderByDescending(x => x.ReceivedAt).ThenByDescending(x => x.Id).Take(skip + pageSize).Select(x => x.Id))
                .Aggregate(Queryable.Union);
            page = db.Cases.AsNoTracking().Where(c => newest.Contains(c.Id));
        }

        var rows = await page
            .OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id)
            .Skip(skip).Take(pageSize)
            .Select(c => new
            {
                c.Number, c.Subject, c.Kind, c.Status, c.Priority, c.ReceivedAt,
                Category = db.Categories.Where(x => x.Id == c.CategoryId).Select(x => x.Name).First(),
                Requester = db.People.Where(p => p.Id == c.RequesterId).Select(p => p.DisplayName).First(),
                Assignee = db.People.Where(p => p.Id == c.AssigneeId).Select(p => p.DisplayName).FirstOrDefault(),
                c.AttendDueAt, c.AttendTarget, c.FirstActionAt, c.ResolveBaseDueAt, c.ResolveTarget, c.PausedBusinessTime, c.PausedSince,
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var now = time.GetUtcNow();
        var calendar = calendars.Current;
        return new CasePage(rows.Select(r =>
        {
            var facts = new SlaFacts(r.ReceivedAt, r.AttendDueAt, r.AttendTarget, r.FirstActionAt, r.ResolveBaseDueAt, r.ResolveTarget,
                r.PausedBusinessTime, r.PausedSince, Case.ResolutionStopsIn(r.Status));
            return new CaseRow(r.Number, r.Subject, r.Kind, r.Status, r.Priority, r.Category, r.Requester, r.Assignee, r.ReceivedAt,
                SlaClock.Current(facts, calendar, now).State);
        }).ToList(), total);
    }

    /// <summary>
    /// The cases <paramref name="user"/> may list, as one query (coordinator and Jefe OTIC: all; a requester: their own)
    /// and, for staff, one query per way a case reaches them (and their OR as one query): requested, assigned, filed by them, in their groups, in the
    /// categories they lead.
    /// </summary>
    private static async Task<(IReadOnlyList<IQueryable<Case>> Lookups, IQueryable<Case> Whole)> ReachAsync(MesaDbContext db, CurrentUser user, Guid me, CancellationToken cancellationToken)
    {
        var cases = db.Cases.AsNoTracking();
        if (user.IsCoordinator || user.IsJefe)
        {
            // Everything (the Jefe OTIC reads every case).
            return ([cases], cases);
        }

        if (!user.IsStaff)
        {
            var own = cases.Where(c => c.RequesterId == me);
            return ([own], own);
        }

        var scope = await AccessScopes.LoadAsync(db, user, cancellationToken).ConfigureAwait(false);
        var groupIds = scope.GroupIds.ToList();
        var ledIds = scope.LedCategoryIds.ToList();
        var whole = cases.Where(c => c.RequesterId == me || c.AssigneeId == me || c.FiledById == me
            || (c.AssignedGroupId != null && groupIds.Contains(c.AssignedGroupId.Value)) || ledIds.Contains(c.CategoryId));
        List<IQueryable<Case>> reach =
        [
            cases.Where(c => c.RequesterId == me),
            cases.Where(c => c.AssigneeId == me),
            cases.Where(c => c.FiledById == me),
        ];
        if (scope.GroupIds.Count > 0)
        {
            var groups = scope.GroupIds.Select(g => (int?)g).ToList();
            reach.Add(cases.Where(c => groups.Contains(c.AssignedGroupId)));
        }

        if (scope.LedCategoryIds.Count > 0)
        {
            var led = scope.LedCategoryIds.ToList();
            reach.Add(cases.Where(c => led.Contains(c.CategoryId)));
        }

        return (reach, whole);
    }
}
