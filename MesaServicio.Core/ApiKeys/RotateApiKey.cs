using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.ApiKeys;

/// <summary>Replace a key: the old one keeps working for <see cref="RotateApiKey.GracePeriod"/>, or stops at once.</summary>
public sealed record RotateApiKeyCommand(Guid KeyId, bool Immediately = false);

/// <summary>
/// Rotates a key (coordinator only): a new key with the same name and the same lifetime, and the old one
/// expiring after the grace period (time to deploy the new key in the PQRS system), or at once when the old
/// key may have leaked. Both changes are audited, without the keys.
/// </summary>
public sealed class RotateApiKey(IDbContextFactory<MesaDbContext> contextFactory, TimeProvider time, CaseGuard guard)
{
    /// <summary>How long a rotated key is still accepted.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromDays(7);

    public async Task<NewApiKey> HandleAsync(RotateApiKeyCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        guard.Demand(user, GlobalOperation.Configuration);
        var now = time.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var old = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == command.KeyId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(DomainMessages.Get("ApiKey.Label"));
        if (old.StateAt(now) != ApiKeyState.Active)
        {
            throw new DomainException(DomainRules.ApiKeyNotActive, old.Name);
        }

        var before = ApiKeyAudit.Snapshot(old);
        var lifetime = old.ExpiresAt - old.CreatedAt;
        var (key, secret) = CreateApiKey.Add(db, old.Name, now, user.PersonId, now + lifetime, old.Id);
        old.RetireBy(key.Id, command.Immediately ? now : now + GracePeriod);
        var reason = command.Immediately ? "Rotación inmediata" : "Rotación con período de gracia de 7 días";
        ApiKeyAudit.Add(db, now, user.PersonId, key, null, reason);
        ApiKeyAudit.Add(db, now, user.PersonId, old, before, reason);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new NewApiKey(ApiKeyRow.From(key, now), secret);
    }
}
