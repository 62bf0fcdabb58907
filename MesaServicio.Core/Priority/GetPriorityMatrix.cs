using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Priority;

/// <summary>The priority matrix in force (the coordinator's data), for showing the priority as a person fills the form.</summary>
public sealed class GetPriorityMatrix(IDbContextFactory<MesaDbContext> contextFactory)
{
    public async Task<PriorityMatrix> HandleAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return new PriorityMatrix(await db.PriorityMatrix.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false));
    }
}
