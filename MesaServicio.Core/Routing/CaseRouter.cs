using MesaServicio.Core.Cases;
using MesaServicio.Core.Catalog;
using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Routing;

/// <summary>
/// Automatic routing (activity 2): the category decides the group, <see cref="TechnicianPicker"/> decides
/// the technician. Runs inside the registering transaction, so the pick and the case land together.
/// </summary>
public static class CaseRouter
{
    /// <summary>Assigns <paramref name="c"/>; leaves it <see cref="CaseStatus.New"/> when the group has nobody active.</summary>
    public static async Task RouteAsync(MesaDbContext db, Case c, IReadOnlyList<Category> categoryPath, CaseContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(c);
        if (CategoryPath.Group(categoryPath) is not { } groupId)
        {
            return;
        }

        var group = await db.TechnicianGroups.SingleAsync(g => g.Id == groupId, cancellationToken).ConfigureAwait(false);
        var candidates = await db.GroupMembers
            .Where(m => m.GroupId == groupId)
            .Join(db.People.Where(p => p.IsActive), m => m.PersonId, p => p.Id, (m, p) => new { m.PersonId, m.Position })
            .Select(m => new
            {
                m.PersonId,
                m.Position,
                Open = db.Cases.Count(x => x.AssigneeId == m.PersonId && Case.OpenStatuses.Contains(x.Status)),
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var pick = TechnicianPicker.Pick(
            candidates.Select(x => new RoutingCandidate(x.PersonId, x.Position, x.Open)).ToList(), group.LastAssignedPersonId);
        if (pick is not { } assignee)
        {
            return;
        }

        group.RecordAssignment(assignee);
        c.Assign(assignee, group.Id, group.Level, context);
    }
}
