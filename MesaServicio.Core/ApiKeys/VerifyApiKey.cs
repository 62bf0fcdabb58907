using System.Security.Cryptography;
using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.ApiKeys;

/// <summary>Why a presented key was accepted or refused (for the security log; the caller only learns "refused").</summary>
public enum ApiKeyCheckOutcome
{
    Accepted = 0,
    Malformed = 1,
    Unknown = 2,
    WrongSecret = 3,
    Revoked = 4,
    Expired = 5,
}

/// <summary>The answer for a presented key.</summary>
public sealed record ApiKeyCheck(ApiKeyCheckOutcome Outcome, Guid? KeyId, string? Name, Guid? ClientKeyId = null)
{
    public bool Accepted => Outcome == ApiKeyCheckOutcome.Accepted;

    /// <summary>
    /// The intake client the key is: the first key of its rotations (a rotated key stays the same client and keeps
    /// reading the cases it filed, decision 0028).
    /// </summary>
    public Guid? Client => ClientKeyId ?? KeyId;
}

/// <summary>
/// Checks an <c>X-Api-Key</c>: its shape, its row by prefix, its SHA-256 against the stored one in constant
/// time (<see cref="CryptographicOperations.FixedTimeEquals"/>, also against a stand-in hash when the prefix is
/// unknown), then revocation and expiry. An accepted use is recorded at most once a minute.
/// </summary>
public sealed class VerifyApiKey(IDbContextFactory<MesaDbContext> contextFactory, TimeProvider time)
{
    private static readonly TimeSpan UseRecordInterval = TimeSpan.FromMinutes(1);
    private static readonly byte[] StandInHash = new byte[SHA256.HashSizeInBytes];

    public async Task<ApiKeyCheck> HandleAsync(string? presented, CancellationToken cancellationToken)
    {
        var prefix = ApiKeySecrets.PrefixOf(presented);
        if (prefix is null)
        {
            return new ApiKeyCheck(ApiKeyCheckOutcome.Malformed, null, null);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Prefix == prefix)
            .Select(k => new { k.Id, k.Name, k.SecretHash, k.RevokedAt, k.ExpiresAt, k.ReplacedById, k.LastUsedAt })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var matches = CryptographicOperations.FixedTimeEquals(ApiKeySecrets.Hash(presented!), row?.SecretHash ?? StandInHash);
        if (row is null)
        {
            return new ApiKeyCheck(ApiKeyCheckOutcome.Unknown, null, null);
        }

        if (!matches)
        {
            return new ApiKeyCheck(ApiKeyCheckOutcome.WrongSecret, row.Id, row.Name);
        }

        var now = time.GetUtcNow();
        switch (ApiKey.StateOf(row.RevokedAt, row.ExpiresAt, row.ReplacedById, now))
        {
            case ApiKeyState.Revoked:
                return new ApiKeyCheck(ApiKeyCheckOutcome.Revoked, row.Id, row.Name);
            case ApiKeyState.Expired:
                return new ApiKeyCheck(ApiKeyCheckOutcome.Expired, row.Id, row.Name);
        }

        if (row.LastUsedAt is null || now - row.LastUsedAt >= UseRecordInterval)
        {
            var since = now - UseRecordInterval;
            await db.ApiKeys.Where(k => k.Id == row.Id && (k.LastUsedAt == null || k.LastUsedAt <= since))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken).ConfigureAwait(false);
        }

        // The first key of the rotations (a few rows at most: each rotation adds one).
        var root = row.Id;
        for (var depth = 0; depth < 100; depth++)
        {
            var replaces = await db.ApiKeys.AsNoTracking().Where(k => k.Id == root).Select(k => k.ReplacesId)
                .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (replaces is not { } previous)
            {
                break;
            }

            root = previous;
        }

        return new ApiKeyCheck(ApiKeyCheckOutcome.Accepted, row.Id, row.Name, root);
    }
}
