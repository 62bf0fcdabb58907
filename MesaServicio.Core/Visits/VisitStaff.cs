using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.People;
using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Visits;

/// <summary>What the visits' use cases read besides the case.</summary>
internal static class VisitStaff
{
    private const PersonRoles StaffRoles = PersonRoles.Agent | PersonRoles.TechnicalLead | PersonRoles.Coordinator;

    /// <summary>Loads the case's visits into the tracked case, so that the domain finds the one to change.</summary>
    public static Task LoadVisitsAsync(MesaDbContext db, Case c, CancellationToken cancellationToken) =>
        db.Entry(c).Collection(x => x.Visits).LoadAsync(cancellationToken);

    /// <summary>Who goes (or went) to a visit must be active staff of the desk.</summary>
    public static async Task DemandActiveStaffAsync(MesaDbContext db, IReadOnlyList<Guid>? ids, CancellationToken cancellationToken)
    {
        var wanted = (ids ?? []).Where(id => id != Guid.Empty).Distinct().ToList();
        if (wanted.Count == 0)
        {
            // The domain says what is missing.
            return;
        }

        var found = await db.People.AsNoTracking()
            .Where(p => wanted.Contains(p.Id) && p.IsActive && (p.Roles & StaffRoles) != PersonRoles.None)
            .CountAsync(cancellationToken).ConfigureAwait(false);
        if (found != wanted.Count)
        {
            throw new DomainException(DomainRules.VisitStaffUnknown);
        }
    }
}
