using System.Globalization;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Reports;

/// <summary>One case behind a figure of the monthly report.</summary>
public sealed record ReportCaseRow(string Number, string Subject, CaseStatus Status, CasePriority Priority, DateTimeOffset ReceivedAt);

/// <summary>The cases behind a figure: the first <see cref="ListReportCases.MaxRows"/> by reception, and how many there are.</summary>
public sealed record ReportCaseList(IReadOnlyList<ReportCaseRow> Rows, int Total);

/// <summary>
/// The drill-down of the monthly report (issue #6): the cases filed in a month whose <see cref="ReportDimension"/>
/// has the key of a breakdown row (<see cref="BreakdownRow{T}.Key"/>: enum name, category id, person id, or empty
/// for "unassigned"). Coordinator only, like the report. A projection, no tracking, bounded.
/// </summary>
public sealed class ListReportCases(
    IDbContextFactory<MesaDbContext> contextFactory,
    IBusinessCalendarProvider calendars,
    CaseGuard guard)
{
    /// <summary>Most rows listed; the total is always counted.</summary>
    public const int MaxRows = 500;

    public async Task<ReportCaseList> HandleAsync(
        YearMonth month, ReportDimension dimension, string key, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(user);
        guard.Demand(user, GlobalOperation.Reports);

        var (from, to) = month.Bounds(calendars.Current);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var cases = db.Cases.AsNoTracking().Where(c => c.ReceivedAt >= from && c.ReceivedAt < to);
        cases = await FilterAsync(db, cases, dimension, key, cancellationToken).ConfigureAwait(false);

        var total = await cases.CountAsync(cancellationToken).ConfigureAwait(false);
        var rows = await cases
            .OrderBy(c => c.ReceivedAt).ThenBy(c => c.Number)
            .Take(MaxRows)
            .Select(c => new ReportCaseRow(c.Number, c.Subject, c.Status, c.Priority, c.ReceivedAt))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new ReportCaseList(rows, total);
    }

    private static async Task<IQueryable<Case>> FilterAsync(
        MesaDbContext db, IQueryable<Case> cases, ReportDimension dimension, string key, CancellationToken cancellationToken)
    {
        switch (dimension)
        {
            case ReportDimension.Kind when Enum.TryParse<CaseKind>(key, out var kind):
                return cases.Where(c => c.Kind == kind);
            case ReportDimension.Channel when Enum.TryParse<CaseChannel>(key, out var channel):
                return cases.Where(c => c.Channel == channel);
            case ReportDimension.Priority when Enum.TryParse<CasePriority>(key, out var priority):
                return cases.Where(c => c.Priority == priority);
            case ReportDimension.Level when int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var level):
                return cases.Where(c => c.Level == level);
            case ReportDimension.Category when int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var categoryId):
                return cases.Where(c => c.CategoryId == categoryId);
            case ReportDimension.CategoryGroup when int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var groupId):
                var categories = await ReportCategories.LoadAsync(db, cancellationToken).ConfigureAwait(false);
                var ids = await db.Categories.AsNoTracking().Select(c => c.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
                var inGroup = ids.Where(id => categories.GroupOf(id).Id == groupId).ToList();
                return cases.Where(c => inGroup.Contains(c.CategoryId));
            case ReportDimension.Technician when key.Length == 0:
                return cases.Where(c => c.AssigneeId == null);
            case ReportDimension.Technician when Guid.TryParse(key, out var assigneeId):
                return cases.Where(c => c.AssigneeId == assigneeId);
            default:
                return cases.Where(c => false);
        }
    }
}
