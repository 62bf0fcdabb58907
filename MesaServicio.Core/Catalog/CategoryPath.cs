using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Catalog;

/// <summary>A category and its ancestors, nearest first: what routing and lead lookups inherit from.</summary>
public static class CategoryPath
{
    public static async Task<IReadOnlyList<Category>> LoadAsync(MesaDbContext db, int categoryId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var path = new List<Category>();
        int? next = categoryId;
        while (next is { } id && path.Count < 10)
        {
            var category = await db.Categories.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false);
            if (category is null)
            {
                break;
            }

            path.Add(category);
            next = category.ParentId;
        }

        return path;
    }

    /// <summary>The same path, from every category already in memory (one registration batch's snapshot).</summary>
    public static IReadOnlyList<Category> From(IReadOnlyDictionary<int, Category> categories, int categoryId)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var path = new List<Category>();
        int? next = categoryId;
        while (next is { } id && path.Count < 10 && categories.TryGetValue(id, out var category))
        {
            path.Add(category);
            next = category.ParentId;
        }

        return path;
    }

    /// <summary>The group the category routes to: its own, else the nearest ancestor's.</summary>
    public static int? Group(IReadOnlyList<Category> path) => path.Select(c => c.GroupId).FirstOrDefault(g => g is not null);

    /// <summary>The category's technical lead: its own, else the nearest ancestor's.</summary>
    public static Guid? TechnicalLead(IReadOnlyList<Category> path) =>
        path.Select(c => c.TechnicalLeadId).FirstOrDefault(l => l is not null);
}
