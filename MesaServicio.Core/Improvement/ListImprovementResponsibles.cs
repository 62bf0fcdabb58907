using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Improvement;

/// <summary>A person an action may be given to.</summary>
public sealed record ImprovementResponsibleOption(Guid Id, string Name);

/// <summary>The active staff (technicians, leads, coordinator) by name: who may answer for an action, and the list's filter.</summary>
public sealed class ListImprovementResponsibles(IDbContextFactory<MesaDbContext> contextFactory, CaseGuard guard)
{
    public async Task<IReadOnlyList<ImprovementResponsibleOption>> HandleAsync(CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!ImprovementAccess.ReadsAll(user) && !ImprovementAccess.Manages(user))
        {
            guard.Demand(user, GlobalOperation.ReadImprovementActions);
        }

        var staff = CaseAccess.StaffRoles;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.People.AsNoTracking().Where(p => p.IsActive && (p.Roles & staff) != 0).OrderBy(p => p.DisplayName)
            .Select(p => new ImprovementResponsibleOption(p.Id, p.DisplayName)).ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}
