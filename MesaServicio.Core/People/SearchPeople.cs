using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.People;

/// <summary>A person an agent may file a case for.</summary>
public sealed record PersonOption(Guid Id, string Name, string Email, string? Dependency);

/// <summary>Finds requesters by name or e-mail, for an agent filing a case on someone's behalf (staff only).</summary>
public sealed class SearchPeople(IDbContextFactory<MesaDbContext> contextFactory, CaseGuard guard)
{
    public async Task<IReadOnlyList<PersonOption>> HandleAsync(string? text, CurrentUser user, CancellationToken cancellationToken)
    {
        guard.Demand(user, GlobalOperation.FileOnBehalf);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var people = db.People.AsNoTracking().Where(p => p.IsActive);
        if (!string.IsNullOrWhiteSpace(text))
        {
            // lower() + contains: case-insensitive on both engines (SQLite's LIKE is, PostgreSQL's is not), no wildcards.
            var lowered = text.Trim().ToLowerInvariant();
            people = people.Where(p => p.DisplayName.ToLower().Contains(lowered) || p.Email.ToLower().Contains(lowered));
        }

        return await people.OrderBy(p => p.DisplayName).Take(20)
            .Select(p => new PersonOption(p.Id, p.DisplayName, p.Email, p.Dependency))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}
