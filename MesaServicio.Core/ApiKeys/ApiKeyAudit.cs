using System.Text.Json;
using MesaServicio.Core.Configuration;
using MesaServicio.Core.Persistence;

namespace MesaServicio.Core.ApiKeys;

/// <summary>Audit lines of API key changes (area <see cref="ConfigurationAreas.ApiKey"/>): never the key nor its hash.</summary>
internal static class ApiKeyAudit
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Subject(ApiKey key) => $"{key.Name} ({key.Prefix})";

    /// <summary>What the audit keeps of a key: name, prefix and dates.</summary>
    public static string Snapshot(ApiKey key) => JsonSerializer.Serialize(
        new
        {
            key.Name,
            key.Prefix,
            key.CreatedAt,
            key.ExpiresAt,
            key.RevokedAt,
            key.ReplacesId,
            key.ReplacedById,
        },
        Json);

    public static void Add(MesaDbContext db, DateTimeOffset now, Guid? actorId, ApiKey key, string? before, string? reason) =>
        db.ConfigurationChanges.Add(new ConfigurationChange(now, actorId, ConfigurationAreas.ApiKey, Subject(key), before, Snapshot(key), reason));
}
