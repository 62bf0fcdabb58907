using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace MesaServicio.Web.Components.Reports;

/// <summary>
/// PDFs rendered in a circuit (with progress on the screen), handed to the browser once through a
/// short-lived, one-time, unguessable address that only the person who rendered them may open. Kept in
/// memory for <see cref="Lifetime"/> at most; the oldest are dropped past <see cref="MaxEntries"/>.
/// </summary>
public static class ReportDownloads
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public const int MaxEntries = 32;

    private static readonly ConcurrentDictionary<string, Entry> Entries = new(StringComparer.Ordinal);

    /// <summary>Keeps <paramref name="content"/> for <paramref name="ownerId"/> and returns its one-time token.</summary>
    public static string Add(Guid ownerId, string fileName, string contentType, byte[] content, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(content);
        Purge(now);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        Entries[token] = new Entry(ownerId, fileName, contentType, content, now + Lifetime);
        return token;
    }

    /// <summary>Takes the file of <paramref name="token"/> (it can be taken once) when it is <paramref name="personId"/>'s and still fresh.</summary>
    public static Entry? Take(string token, Guid personId, DateTimeOffset now)
    {
        if (!Entries.TryGetValue(token, out var entry) || entry.OwnerId != personId)
        {
            return null;
        }

        return Entries.TryRemove(new KeyValuePair<string, Entry>(token, entry)) && entry.ExpiresAt > now ? entry : null;
    }

    private static void Purge(DateTimeOffset now)
    {
        foreach (var (token, entry) in Entries)
        {
            if (entry.ExpiresAt <= now)
            {
                Entries.TryRemove(token, out _);
            }
        }

        foreach (var (token, _) in Entries.OrderBy(e => e.Value.ExpiresAt).Take(Math.Max(0, Entries.Count - MaxEntries + 1)).ToList())
        {
            Entries.TryRemove(token, out _);
        }
    }

    /// <summary>A kept file.</summary>
    public sealed record Entry(Guid OwnerId, string FileName, string ContentType, byte[] Content, DateTimeOffset ExpiresAt);
}
