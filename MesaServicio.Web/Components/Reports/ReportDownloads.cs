using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;

namespace MesaServicio.Web.Components.Reports;

/// <summary>
/// PDFs rendered in a circuit (with progress on the screen), handed to the browser once through a short-lived,
/// one-time, unguessable address that only the person who rendered them may open. Kept in the
/// <see cref="IDistributedCache"/> for <see cref="Lifetime"/> at most — Redis when instances share one, so the
/// download may land on another instance than the circuit; this process's memory otherwise.
/// The cache is keyed by a hash of the token, so a reader of Redis learns no address.
/// </summary>
/// <remarks>
/// Taking is a read then a remove: two requests of the same owner at the same instant could both receive the file;
/// anybody else's request never does (the owner is checked first and a refused request leaves the file in place).
/// </remarks>
public sealed class ReportDownloads(IDistributedCache cache, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>Keeps <paramref name="content"/> for <paramref name="ownerId"/> and returns its one-time token.</summary>
    public async Task<string> AddAsync(Guid ownerId, string fileName, string contentType, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var entry = new Entry(ownerId, fileName, contentType, content, time.GetUtcNow() + Lifetime);
        await cache.SetAsync(Key(token), JsonSerializer.SerializeToUtf8Bytes(entry),
            new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime }, cancellationToken).ConfigureAwait(false);
        return token;
    }

    /// <summary>Takes the file of <paramref name="token"/> (it can be taken once) when it is <paramref name="personId"/>'s and still fresh.</summary>
    public async Task<Entry?> TakeAsync(string token, Guid personId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var key = Key(token);
        var stored = await cache.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (stored is null || JsonSerializer.Deserialize<Entry>(stored) is not { } entry || entry.OwnerId != personId)
        {
            return null;
        }

        await cache.RemoveAsync(key, cancellationToken).ConfigureAwait(false);
        return entry.ExpiresAt > time.GetUtcNow() ? entry : null;
    }

    private static string Key(string token) =>
        "report-download:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A kept file.</summary>
    public sealed record Entry(Guid OwnerId, string FileName, string ContentType, byte[] Content, DateTimeOffset ExpiresAt);
}
