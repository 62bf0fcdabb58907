using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Visits;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Reports;

/// <summary>
/// Site visits done in the month (procedure activity 4): how many ended in the month and the business time they took, by
/// the entity's calendar, in total and by dependencia (most visited first).
/// </summary>
/// <param name="Done">Visits that ended in the month.</param>
/// <param name="BusinessTime">Their business time, added up.</param>
/// <param name="ByDependency">The same by dependencia visited.</param>
public sealed record ReportSiteVisits(int Done, TimeSpan BusinessTime, IReadOnlyList<SiteVisitsByDependency> ByDependency)
{
    public static ReportSiteVisits None { get; } = new(0, TimeSpan.Zero, []);

    /// <summary>The visits done of the month's scope, read from the visits' own index (status, end).</summary>
    internal static async Task<ReportSiteVisits> LoadAsync(
        MesaDbContext db, IQueryable<Case> cases, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var rows = await db.SiteVisits.AsNoTracking()
            .Where(v => v.Status == SiteVisitStatus.Done && v.EndedAt >= from && v.EndedAt < to)
            .Where(v => cases.Any(c => c.Id == v.CaseId))
            .Select(v => new { v.Dependency, v.BusinessTime })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var byDependency = rows
            .GroupBy(r => r.Dependency, StringComparer.CurrentCultureIgnoreCase)
            .Select(g => new SiteVisitsByDependency(g.First().Dependency, g.Count(), Sum(g.Select(r => r.BusinessTime))))
            .OrderByDescending(r => r.Done).ThenBy(r => r.Dependency, StringComparer.Create(Common.DomainMessages.Culture, ignoreCase: true))
            .ToList();
        return new ReportSiteVisits(rows.Count, Sum(rows.Select(r => r.BusinessTime)), byDependency);
    }

    private static TimeSpan Sum(IEnumerable<TimeSpan?> times) => times.Aggregate(TimeSpan.Zero, (sum, t) => sum + (t ?? TimeSpan.Zero));
}

/// <summary>Visits done in the month to one dependencia, and their business time.</summary>
public sealed record SiteVisitsByDependency(string Dependency, int Done, TimeSpan BusinessTime);
