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
        var cases = db.Cases.AsNoTracking();
        if (user.IsCoordinator || user.IsJefe)
        {
            // Everything (the Jefe OTIC reads every case).
        }
        else if (user.IsStaff)
        {
            var scope = await AccessScopes.LoadAsync(db, user, cancellationToken).ConfigureAwait(false);
            var groups = scope.GroupIds.ToList();
            var led = scope.LedCategoryIds.ToList();
            cases = cases.Where(c => c.RequesterId == me || c.AssigneeId == me || c.FiledById == me
                || (c.AssignedGroupId != null && groups.Contains(c.AssignedGroupId.Value)) || led.Contains(c.CategoryId));
        }
        else
        {
            cases = cases.Where(c => c.RequesterId == me);
        }

        if (query.OnlyOpen)
        {
            cases = cases.Where(c => Case.OpenStatuses.Contains(c.Status));
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim();
            var upper = text.ToUpperInvariant();
            var lowered = text.ToLowerInvariant();
            cases = cases.Where(c => c.Number == upper || c.Number.EndsWith(upper) || c.Subject.ToLower().Contains(lowered));
        }

        var total = await cases.CountAsync(cancellationToken).ConfigureAwait(false);
        var pageSize = Math.Clamp(query.PageSize, 1, 100);
        var rows = await cases
            .OrderByDescending(c => c.ReceivedAt)
            .Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize)
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
}
