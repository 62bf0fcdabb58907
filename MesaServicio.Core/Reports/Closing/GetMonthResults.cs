using MesaServicio.Core.Calendar;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Reports.Closing;

/// <summary>One stored version of a closed month, as listed for download (without its files).</summary>
/// <param name="Version">1 for the automatic closing, then each re-closing.</param>
/// <param name="ClosedAt">The closing instant (the figures are as of it).</param>
/// <param name="ClosedById">The coordinator who closed it again; null for the automatic closing.</param>
/// <param name="ClosedByName">That coordinator's name; null for the automatic closing.</param>
/// <param name="Reason">Why it was closed again; null for version 1.</param>
/// <param name="ReportSha256">SHA-256 of the stored report (JSON, UTF-8).</param>
/// <param name="PdfSha256">SHA-256 of the PDF.</param>
/// <param name="CsvSha256">SHA-256 of the CSV.</param>
public sealed record MonthClosureVersion(
    int Version, DateTimeOffset ClosedAt, Guid? ClosedById, string? ClosedByName, string? Reason,
    string ReportSha256, string PdfSha256, string CsvSha256)
{
    public bool Automatic => ClosedById is null;
}

/// <summary>
/// A month's results as the screen shows them: the stored report of a closed month (its latest version), or the live
/// computation of a month still open, "parcial, al …" <see cref="MonthlyReport.AsOf"/>.
/// </summary>
/// <param name="Report">The figures.</param>
/// <param name="Versions">Every stored version, oldest first; empty while the month is open (and for a scoped report).</param>
/// <param name="ClosesAt">For a month not closed: when it closes (or should have, for a closing still to be caught up).</param>
public sealed record MonthResults(MonthlyReport Report, IReadOnlyList<MonthClosureVersion> Versions, DateTimeOffset? ClosesAt)
{
    /// <summary>The version shown: the latest; null while the month is open.</summary>
    public MonthClosureVersion? Closure => Versions.Count == 0 ? null : Versions[^1];

    public bool IsClosed => Versions.Count > 0;

    public YearMonth Month => Report.Month;
}

/// <summary>
/// Reads a month's results (issue #15). The desk's results (<see cref="ReportScope.All"/>) of a closed month are the
/// stored version, which no later change to an old case moves; an open month is computed live. A scoped report
/// ("Mis resultados": a technician's or a group's own cases) is always computed live, also for a closed month: only the
/// desk's results are frozen, and a person's own figures are a working view, not the month's official record.
/// </summary>
public sealed class GetMonthResults(
    IDbContextFactory<MesaDbContext> contextFactory,
    ComputeMonthlyReport compute,
    IBusinessCalendarProvider calendars,
    CaseGuard guard)
{
    /// <summary>
    /// The results of <paramref name="month"/> for <paramref name="user"/>: the desk's for the coordinator and the Jefe
    /// OTIC (any scope); for other staff only their own cases or a group they belong to.
    /// </summary>
    public async Task<MonthResults> HandleAsync(
        YearMonth month, ReportScope scope, CurrentUser user, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(user);
        await DemandAsync(scope, user, cancellationToken).ConfigureAwait(false);
        if (scope.IsAll)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var versions = await VersionsAsync(db, month, cancellationToken).ConfigureAwait(false);
            if (versions.Count > 0)
            {
                var latest = versions[^1].Version;
                var json = await db.Set<MonthClosure>().AsNoTracking().Where(c => c.Month == month && c.Version == latest)
                    .Select(c => c.ReportJson).SingleAsync(cancellationToken).ConfigureAwait(false);
                progress?.Report(100);
                return new MonthResults(MonthlyReportJson.Deserialize(json), versions, null);
            }
        }

        var report = await compute.HandleAsync(month, scope, progress, ComputeMonthlyReport.DefaultBreachListLimit, cancellationToken)
            .ConfigureAwait(false);
        return new MonthResults(report, [], MonthClosingSchedule.ClosesAt(month, calendars.Current));
    }

    /// <summary>The stored versions of <paramref name="month"/>, oldest first (no files read).</summary>
    public static async Task<IReadOnlyList<MonthClosureVersion>> VersionsAsync(MesaDbContext db, YearMonth month, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Set<MonthClosure>().AsNoTracking().Where(c => c.Month == month).OrderBy(c => c.Version)
            .Select(c => new { c.Version, c.ClosedAt, c.ClosedById, c.Reason, c.ReportSha256, c.PdfSha256, c.CsvSha256 })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = rows.Select(r => r.ClosedById).OfType<Guid>().Distinct().ToList();
        var names = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.DisplayName })
            .ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new MonthClosureVersion(
            r.Version, r.ClosedAt, r.ClosedById, r.ClosedById is { } id && names.TryGetValue(id, out var name) ? name : null,
            r.Reason, r.ReportSha256, r.PdfSha256, r.CsvSha256)).ToList();
    }

    private async Task DemandAsync(ReportScope scope, CurrentUser user, CancellationToken cancellationToken)
    {
        if (CaseAccess.Can(user, GlobalOperation.Reports))
        {
            return;
        }

        if (scope.IsAll)
        {
            guard.Demand(user, GlobalOperation.Reports);
            return;
        }

        guard.Demand(user, GlobalOperation.OwnResults);
        var own = scope.AssigneeId is null || scope.AssigneeId == user.PersonId;
        if (own && scope.GroupId is { } group)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            own = await db.GroupMembers.AnyAsync(m => m.GroupId == group && m.PersonId == user.PersonId, cancellationToken).ConfigureAwait(false);
        }

        if (!own)
        {
            // Someone else's results: refused as the desk's are.
            guard.Demand(user, GlobalOperation.Reports);
        }
    }
}
