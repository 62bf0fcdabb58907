using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.ApiKeys;

/// <summary>Revokes a key at once (coordinator only); audited.</summary>
public sealed class RevokeApiKey(IDbContextFactory<MesaDbContext> contextFactory, TimeProvider time, CaseGuard guard)
{
    public async Task<ApiKeyRow> HandleAsync(Guid keyId, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        guard.Demand(user, GlobalOperation.Configuration);
        var now = time.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == keyId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(DomainMessages.Get("ApiKey.Label"));
        if (key.RevokedAt is not null)
        {
            throw new DomainException(DomainRules.ApiKeyAlreadyRevoked, key.Name);
        }

        var before = ApiKeyAudit.Snapshot(key);
        key.Revoke(now, user.PersonId);
        ApiKeyAudit.Add(db, now, user.PersonId, key, before, "Revocación");
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return ApiKeyRow.From(key, now);
    }
}
