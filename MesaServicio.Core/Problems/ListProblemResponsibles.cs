using MesaServicio.Core.People;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Problems;

/// <summary>Someone a problem can be given to.</summary>
public sealed record ProblemResponsibleOption(Guid Id, string Name);

/// <summary>The active technical leads and coordinators, by name: who may answer for a problem (staff only).</summary>
public sealed class ListProblemResponsibles(IDbContextFactory<MesaDbContext> contextFactory)
{
    public async Task<IReadOnlyList<ProblemResponsibleOption>> HandleAsync(CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!ProblemAccess.SeesList(user))
        {
            return [];
        }

        var roles = PersonRoles.TechnicalLead | PersonRoles.Coordinator;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var people = await db.People.AsNoTracking().Where(p => p.IsActive && (p.Roles & roles) != 0)
            .Select(p => new ProblemResponsibleOption(p.Id, p.DisplayName)).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. people.OrderBy(p => p.Name, StringComparer.Create(Common.DomainMessages.Culture, ignoreCase: true))];
    }
}
