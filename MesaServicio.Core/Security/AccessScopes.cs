using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Security;

/// <summary>Loads a staff member's <see cref="AccessScope"/> (groups, led categories and their descendants).</summary>
public static class AccessScopes
{
    public static async Task<AccessScope> LoadAsync(MesaDbContext db, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsStaff || user.PersonId is not { } me)
        {
            return AccessScope.Empty;
        }

        var groups = await db.GroupMembers.Where(m => m.PersonId == me).Select(m => m.GroupId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var led = new HashSet<int>();
        if (user.IsTechnicalLead)
        {
            var categories = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.ParentId, c.TechnicalLeadId })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var children = categories.ToLookup(c => c.ParentId);
            var stack = new Stack<int>(categories.Where(c => c.TechnicalLeadId == me).Select(c => c.Id));
            while (stack.Count > 0)
            {
                var id = stack.Pop();
                if (led.Add(id))
                {
                    foreach (var child in children[id])
                    {
                        stack.Push(child.Id);
                    }
                }
            }
        }

        return new AccessScope(groups.ToHashSet(), led);
    }
}
