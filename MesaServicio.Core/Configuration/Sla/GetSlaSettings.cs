using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using MesaServicio.Core.Sla;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Configuration.Sla;

/// <summary>One cell of the ANS matrix in force (CategoryId null = the general policy).</summary>
public sealed record SlaCell(int? CategoryId, CaseKind Kind, CasePriority Priority, SlaTarget? Attend, SlaTarget? Resolve);

/// <summary>Reads the ANS policies in force for the configuration page (coordinator only).</summary>
public sealed class GetSlaSettings(IDbContextFactory<MesaDbContext> contextFactory, ConfigurationChangeRunner runner)
{
    public async Task<IReadOnlyList<SlaCell>> HandleAsync(CurrentUser user, CancellationToken cancellationToken)
    {
        runner.DemandCoordinator(user);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var policies = await db.SlaPolicies.AsNoTracking().Where(p => p.IsActive).ToListAsync(cancellationToken).ConfigureAwait(false);
        return policies.Select(p => new SlaCell(p.CategoryId, p.Kind, p.Priority, p.Attend, p.Resolve)).ToList();
    }
}
