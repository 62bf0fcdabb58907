using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Catalog;

/// <summary>One category of the tree, with its active sub-categories.</summary>
public sealed record CategoryNode(int Id, string Name, IReadOnlyList<CategoryNode> Children);

/// <summary>The active category tree, in the coordinator's order: what the form and the home page show.</summary>
public sealed class CategoryTree(IDbContextFactory<MesaDbContext> contextFactory)
{
    public async Task<IReadOnlyList<CategoryNode>> GetAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.Categories.AsNoTracking().Where(c => c.IsActive)
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
            .Select(c => new { c.Id, c.ParentId, c.Name })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var byParent = rows.ToLookup(r => r.ParentId);
        IReadOnlyList<CategoryNode> Build(int? parentId) =>
            byParent[parentId].Select(r => new CategoryNode(r.Id, r.Name, Build(r.Id))).ToList();
        return Build(null);
    }
}
