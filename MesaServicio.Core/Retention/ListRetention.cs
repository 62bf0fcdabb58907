using MesaServicio.Core.Cases;
using MesaServicio.Core.Catalog;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Retention;

/// <summary>A top category group's retention, with how many of its closed cases are due for disposition now and within a year.</summary>
public sealed record RetentionGroup(int Id, string Name, int? Years, bool KeepPersonalData, int DueNow, int DueWithinYear);

/// <summary>One disposition, as the coordinator's list shows it.</summary>
public sealed record DispositionRow(
    string CaseNumber, string GroupName, DateTimeOffset ClosedAt, int Years, DateTimeOffset DisposedAt, string Folder,
    string PdfSha256, long PdfSize, int Files, int MissingFiles, bool Anonymised);

/// <summary>The retention table, the archive folder and the latest dispositions (<see cref="ListRetention.Shown"/> at most).</summary>
public sealed record RetentionOverview(string ArchivePath, IReadOnlyList<RetentionGroup> Groups, int TotalDispositions, IReadOnlyList<DispositionRow> Dispositions);

/// <summary>The coordinator's (and the Jefe's) view of conservation: each group's retention and the dispositions done.</summary>
public sealed class ListRetention(IDbContextFactory<MesaDbContext> contextFactory, CaseGuard guard, RetentionArchive archive, TimeProvider time)
{
    public const int Shown = 200;

    public async Task<RetentionOverview> HandleAsync(CurrentUser user, CancellationToken cancellationToken)
    {
        guard.Demand(user, GlobalOperation.Audit);
        var now = time.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var categories = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, cancellationToken).ConfigureAwait(false);
        var groups = new List<RetentionGroup>();
        foreach (var group in categories.Values.Where(c => c.ParentId is null).OrderBy(c => c.SortOrder).ThenBy(c => c.Name, StringComparer.CurrentCulture))
        {
            int dueNow = 0, dueWithinYear = 0;
            if (group.RetentionYears is { } years)
            {
                var ids = categories.Keys.Where(id => CategoryPath.From(categories, id)[^1].Id == group.Id).ToList();
                var pending = db.Cases.AsNoTracking().Where(c => c.Status == CaseStatus.Closed && c.ClosedAt != null && ids.Contains(c.CategoryId)
                    && !db.CaseDispositions.Any(d => d.CaseId == c.Id));
                var cutoff = now.AddYears(-years);
                var nextYear = now.AddYears(1 - years);
                dueNow = await pending.CountAsync(c => c.ClosedAt <= cutoff, cancellationToken).ConfigureAwait(false);
                dueWithinYear = await pending.CountAsync(c => c.ClosedAt > cutoff && c.ClosedAt <= nextYear, cancellationToken).ConfigureAwait(false);
            }

            groups.Add(new RetentionGroup(group.Id, group.Name, group.RetentionYears, group.RetentionKeepsPersonalData, dueNow, dueWithinYear));
        }

        var total = await db.CaseDispositions.CountAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.CaseDispositions.AsNoTracking()
            .OrderByDescending(d => d.DisposedAt).ThenBy(d => d.CaseNumber)
            .Take(Shown)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var dispositions = rows.Select(d => new DispositionRow(
                d.CaseNumber, categories.TryGetValue(d.GroupId, out var g) ? g.Name : "—", d.ClosedAt, d.RetentionYears, d.DisposedAt,
                d.ArchiveFolder, d.PdfSha256, d.PdfSize, d.Files, d.MissingFiles, d.Anonymised))
            .ToList();
        return new RetentionOverview(archive.Root, groups, total, dispositions);
    }
}
