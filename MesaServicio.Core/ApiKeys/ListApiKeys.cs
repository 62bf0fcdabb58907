using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.ApiKeys;

/// <summary>A key as the coordinator sees it: never its text nor its hash.</summary>
public sealed record ApiKeyRow(
    Guid Id,
    string Name,
    string Prefix,
    ApiKeyState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt)
{
    internal static ApiKeyRow From(ApiKey key, DateTimeOffset now) =>
        new(key.Id, key.Name, key.Prefix, key.StateAt(now), key.CreatedAt, key.ExpiresAt, key.RevokedAt, key.LastUsedAt);
}

/// <summary>Every API key, newest first (coordinator only).</summary>
public sealed class ListApiKeys(IDbContextFactory<MesaDbContext> contextFactory, TimeProvider time, CaseGuard guard)
{
    public async Task<IReadOnlyList<ApiKeyRow>> HandleAsync(CurrentUser user, CancellationToken cancellationToken)
    {
        guard.Demand(user, GlobalOperation.Configuration);
        var now = time.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.ApiKeys.AsNoTracking()
            .OrderByDescending(k => k.CreatedAt)
            .Select(k => new { k.Id, k.Name, k.Prefix, k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.LastUsedAt, k.ReplacedById })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return
        [
            .. rows.Select(k => new ApiKeyRow(
                k.Id, k.Name, k.Prefix, ApiKey.StateOf(k.RevokedAt, k.ExpiresAt, k.ReplacedById, now), k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.LastUsedAt)),
        ];
    }
}
