using MesaServicio.Core.Catalog;
using MesaServicio.Core.Common;
using MesaServicio.Core.People;
using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Configuration;

/// <summary>Checks on what a category may be routed to.</summary>
internal static class CategoryRouting
{
    /// <summary>The group, which must exist and be active.</summary>
    public static async Task<TechnicianGroup> RequireActiveGroupAsync(MesaDbContext db, int groupId, CancellationToken cancellationToken)
    {
        var group = await db.TechnicianGroups.AsNoTracking().SingleOrDefaultAsync(g => g.Id == groupId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(DomainMessages.Get("Group.Label"));
        return group.IsActive ? group : throw new DomainException(DomainRules.ConfigGroupInactive, group.Name);
    }

    /// <summary>The person, who must be active and hold the technical lead role.</summary>
    public static async Task<Person> RequireTechnicalLeadAsync(MesaDbContext db, Guid personId, CancellationToken cancellationToken)
    {
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(DomainMessages.Get("Person.Label"));
        if (!person.Roles.HasFlag(PersonRoles.TechnicalLead))
        {
            throw new DomainException(DomainRules.ConfigRoutingLeadNotTechnicalLead, person.DisplayName);
        }

        return person.IsActive ? person : throw new DomainException(DomainRules.ConfigGroupMemberInactive, person.DisplayName);
    }
}
