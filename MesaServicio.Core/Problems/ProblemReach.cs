using MesaServicio.Core.Catalog;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Problems;

/// <summary>Which problems a staff member reaches without managing them: those of the categories her groups attend, and those with her incidents.</summary>
internal static class ProblemReach
{
    /// <summary>The categories routed (directly or through a parent) to one of the user's groups.</summary>
    public static async Task<HashSet<int>> MyCategoriesAsync(MesaDbContext db, CurrentUser user, CancellationToken cancellationToken)
    {
        var scope = await AccessScopes.LoadAsync(db, user, cancellationToken).ConfigureAwait(false);
        if (scope.GroupIds.Count == 0)
        {
            return [];
        }

        var categories = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, cancellationToken).ConfigureAwait(false);
        return [.. categories.Keys.Where(id => CategoryPath.Group(CategoryPath.From(categories, id)) is { } g && scope.GroupIds.Contains(g))];
    }

    /// <summary>Whether the user sees the problem (otherwise it answers as a missing one).</summary>
    public static async Task<bool> SeesAsync(MesaDbContext db, CurrentUser user, Guid problemId, int categoryId, CancellationToken cancellationToken)
    {
        if (ProblemAccess.ReadsAll(user))
        {
            return true;
        }

        if (!user.IsStaff || user.PersonId is not { } me)
        {
            return false;
        }

        if ((await MyCategoriesAsync(db, user, cancellationToken).ConfigureAwait(false)).Contains(categoryId))
        {
            return true;
        }

        return await db.ProblemIncidents.AnyAsync(
            i => i.ProblemId == problemId && i.UnlinkedAt == null && db.Cases.Any(c => c.Id == i.CaseId && c.AssigneeId == me), cancellationToken)
            .ConfigureAwait(false);
    }
}
