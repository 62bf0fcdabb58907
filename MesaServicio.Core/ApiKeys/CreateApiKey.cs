using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.ApiKeys;

/// <summary>A new key for a PQRS system: a name, and optionally when it expires.</summary>
public sealed record CreateApiKeyCommand(string? Name, DateTimeOffset? ExpiresAt);

/// <summary>A key just made: its row, and its text — shown this once, never stored.</summary>
public sealed record NewApiKey(ApiKeyRow Key, string Secret);

/// <summary>Creates an API key (coordinator only), audited without the key.</summary>
public sealed class CreateApiKey(IDbContextFactory<MesaDbContext> contextFactory, TimeProvider time, CaseGuard guard)
{
    public async Task<NewApiKey> HandleAsync(CreateApiKeyCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        guard.Demand(user, GlobalOperation.Configuration);
        var name = ValidName(command.Name);
        var now = time.GetUtcNow();
        if (command.ExpiresAt is { } expires && expires <= now)
        {
            throw new DomainException(DomainRules.ApiKeyExpiryInPast);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var (key, secret) = Add(db, name, now, user.PersonId, command.ExpiresAt, null);
        ApiKeyAudit.Add(db, now, user.PersonId, key, null, null);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new NewApiKey(ApiKeyRow.From(key, now), secret);
    }

    internal static (ApiKey Key, string Secret) Add(MesaDbContext db, string name, DateTimeOffset now, Guid? by, DateTimeOffset? expiresAt, Guid? replacesId)
    {
        var (prefix, secret, hash) = ApiKeySecrets.NewKey();
        var key = new ApiKey(Guid.CreateVersion7(now), name, prefix, hash, now, by, expiresAt, replacesId);
        db.ApiKeys.Add(key);
        return (key, secret);
    }

    internal static string ValidName(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainException(DomainRules.ApiKeyNameRequired);
        }

        return trimmed.Length > ApiKey.NameMaxLength ? throw new DomainException(DomainRules.ApiKeyNameTooLong, ApiKey.NameMaxLength) : trimmed;
    }
}
