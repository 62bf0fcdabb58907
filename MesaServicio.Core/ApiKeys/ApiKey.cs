namespace MesaServicio.Core.ApiKeys;

/// <summary>Where an API key stands at an instant.</summary>
public enum ApiKeyState
{
    /// <summary>Accepted.</summary>
    Active = 1,

    /// <summary>Accepted until its expiry, which a rotation brought forward (the grace period).</summary>
    Retiring = 2,

    /// <summary>Past its expiry: refused.</summary>
    Expired = 3,

    /// <summary>Revoked by the coordinator: refused.</summary>
    Revoked = 4,
}

/// <summary>
/// A credential for a PQRS system outside Entra ID (decision 0010). The desk keeps only the SHA-256 of the
/// key, never the key: the key is shown once, when created. <see cref="Prefix"/> (random, not secret) finds
/// the row and identifies the key on screen. Never deleted: revoked or expired keys stay as evidence.
/// </summary>
public sealed class ApiKey
{
    public const int NameMaxLength = 100;

    private ApiKey()
    {
        Name = "";
        Prefix = "";
        SecretHash = [];
    }

    internal ApiKey(Guid id, string name, string prefix, byte[] secretHash, DateTimeOffset createdAt, Guid? createdById, DateTimeOffset? expiresAt, Guid? replacesId)
    {
        Id = id;
        Name = name;
        Prefix = prefix;
        SecretHash = secretHash;
        CreatedAt = createdAt.ToUniversalTime();
        CreatedById = createdById;
        ExpiresAt = expiresAt?.ToUniversalTime();
        ReplacesId = replacesId;
    }

    public Guid Id { get; private set; }

    /// <summary>What the coordinator calls it (the PQRS system that uses it).</summary>
    public string Name { get; private set; }

    /// <summary>The key's public part (<c>mesa_{prefix}_…</c>): finds the row, shown to tell keys apart.</summary>
    public string Prefix { get; private set; }

    /// <summary>SHA-256 of the whole key.</summary>
    public byte[] SecretHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public Guid? CreatedById { get; private set; }

    /// <summary>After this instant the key is refused; null: no expiry.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public Guid? RevokedById { get; private set; }

    /// <summary>Last accepted use (recorded at most once a minute).</summary>
    public DateTimeOffset? LastUsedAt { get; private set; }

    /// <summary>The key this one replaced by rotation.</summary>
    public Guid? ReplacesId { get; private set; }

    /// <summary>The key that replaced this one by rotation.</summary>
    public Guid? ReplacedById { get; private set; }

    public ApiKeyState StateAt(DateTimeOffset now) => StateOf(RevokedAt, ExpiresAt, ReplacedById, now);

    /// <summary>The state from the columns (for queries that project them).</summary>
    public static ApiKeyState StateOf(DateTimeOffset? revokedAt, DateTimeOffset? expiresAt, Guid? replacedById, DateTimeOffset now) =>
        revokedAt is not null ? ApiKeyState.Revoked
        : expiresAt is { } e && now >= e ? ApiKeyState.Expired
        : replacedById is not null ? ApiKeyState.Retiring
        : ApiKeyState.Active;

    internal void Revoke(DateTimeOffset now, Guid? by)
    {
        RevokedAt = now.ToUniversalTime();
        RevokedById = by;
    }

    /// <summary>A rotation: the key is accepted until <paramref name="until"/> (or its own expiry, if sooner).</summary>
    internal void RetireBy(Guid replacedById, DateTimeOffset until)
    {
        ReplacedById = replacedById;
        var at = until.ToUniversalTime();
        if (ExpiresAt is null || at < ExpiresAt)
        {
            ExpiresAt = at;
        }
    }
}
