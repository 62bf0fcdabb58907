using System.Globalization;
using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Reports;

/// <summary>
/// The category tree as the report names it: every category (active or not: old cases keep theirs) with
/// its top-level group, in the coordinator's order. Small (tens of rows): loaded whole.
/// </summary>
internal sealed class ReportCategories
{
    private readonly Dictionary<int, Row> _byId;

    private ReportCategories(Dictionary<int, Row> byId) => _byId = byId;

    public static async Task<ReportCategories> LoadAsync(MesaDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Categories.AsNoTracking()
            .Select(c => new Row(c.Id, c.ParentId, c.Name, c.SortOrder, c.IsSpecialised))
            .ToDictionaryAsync(r => r.Id, cancellationToken).ConfigureAwait(false);
        return new ReportCategories(rows);
    }

    /// <summary>The top-level group of a category (itself when it is one).</summary>
    public (int Id, string Name, int SortOrder) GroupOf(int categoryId)
    {
        if (!_byId.TryGetValue(categoryId, out var row))
        {
            return (categoryId, Unknown(categoryId), int.MaxValue);
        }

        for (var depth = 0; row.ParentId is { } parent && depth < 10 && _byId.TryGetValue(parent, out var up); depth++)
        {
            row = up;
        }

        return (row.Id, row.Name, row.SortOrder);
    }

    public string NameOf(int categoryId) => _byId.TryGetValue(categoryId, out var row) ? row.Name : Unknown(categoryId);

    public int SortOrderOf(int categoryId) => _byId.TryGetValue(categoryId, out var row) ? row.SortOrder : int.MaxValue;

    /// <summary>Whether the category is a top-level group.</summary>
    public bool IsGroup(int categoryId) => _byId.TryGetValue(categoryId, out var row) && row.ParentId is null;

    private static string Unknown(int id) => "Categoría " + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether the category's top-level group is marked as the specialised level of indicator 7.</summary>
    public bool IsSpecialised(int categoryId)
    {
        var group = GroupOf(categoryId);
        return _byId.TryGetValue(group.Id, out var row) && row.IsSpecialised;
    }

    private sealed record Row(int Id, int? ParentId, string Name, int SortOrder, bool IsSpecialised);
}
