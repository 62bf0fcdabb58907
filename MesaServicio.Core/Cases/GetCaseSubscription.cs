using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Cases;

/// <summary>
/// Whether a person may follow one case live (its page), and under which delivery name: only who may see the case. A case
/// out of reach answers as a missing one.
/// </summary>
public sealed class GetCaseSubscription(IDbContextFactory<MesaDbContext> contextFactory, CaseGuard guard)
{
    /// <summary>The delivery group of a case's page: <c>caso:{id}</c>.</summary>
    public static string Group(Guid caseId) => "caso:" + caseId.ToString("D");

    public async Task<string> HandleAsync(string number, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var normalized = (number ?? "").Trim().ToUpperInvariant();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var c = await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.Number == normalized, cancellationToken).ConfigureAwait(false)
            ?? throw CaseGuard.CaseNotFound(normalized);
        await guard.DemandAsync(db, user, c, CaseOperationKind.View, cancellationToken).ConfigureAwait(false);
        return Group(c.Id);
    }
}
