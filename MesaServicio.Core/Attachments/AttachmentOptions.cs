using System.Globalization;
using MesaServicio.Core.Common;
using Microsoft.Extensions.Options;

namespace MesaServicio.Core.Attachments;

/// <summary>Limits and storage of attachments (configuration section <c>Attachments</c>).</summary>
public sealed class AttachmentOptions
{
    public const string SectionName = "Attachments";

    public const long DefaultMaxFileBytes = 10L * 1024 * 1024;

    public const int DefaultMaxFilesPerMessage = 5;

    public const string DefaultStoragePath = "data/adjuntos";

    /// <summary>Largest file accepted, in bytes (10 MB).</summary>
    public long MaxFileBytes { get; set; } = DefaultMaxFileBytes;

    /// <summary>Most files one message may carry.</summary>
    public int MaxFilesPerMessage { get; set; } = DefaultMaxFilesPerMessage;

    /// <summary>
    /// Extensions accepted (e.g. <c>["pdf", "png"]</c>); empty means every format the desk can verify
    /// (<see cref="DefaultAllowedTypes"/>). Only those formats can be listed: there is no way to allow HTML,
    /// SVG, XML, scripts, executables or archives.
    /// </summary>
    public IList<string> AllowedTypes { get; set; } = [];

    /// <summary>Folder of the stored files; a relative path is taken from the app's content root. Created on demand.</summary>
    public string StoragePath { get; set; } = DefaultStoragePath;

    /// <summary>Days between two re-checks of one stored file's SHA-256 (the periodic integrity check); 1 to 365.</summary>
    public int IntegrityRecheckDays { get; set; } = 7;

    /// <summary>Files re-checked per round of the timed work, so the check is spread over time; 1 to 1000.</summary>
    public int IntegrityFilesPerRun { get; set; } = 20;

    /// <summary>Every extension the desk can verify, the default allow-list.</summary>
    public static IReadOnlyList<string> DefaultAllowedTypes { get; } = [.. AttachmentFormat.All.SelectMany(f => f.Extensions)];

    /// <summary>The allow-list in force: the configured extensions, normalised, or the default.</summary>
    public IReadOnlyList<string> EffectiveAllowedTypes()
    {
        var configured = AllowedTypes.Select(Normalize).Where(e => e.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        return configured.Count == 0 ? DefaultAllowedTypes : configured;
    }

    internal static string Normalize(string? extension) =>
        (extension ?? "").Trim().TrimStart('.').ToLowerInvariant();
}

/// <summary>Refuses, at start-up, limits that make no sense and extensions the desk cannot verify.</summary>
internal sealed class AttachmentOptionsValidator : IValidateOptions<AttachmentOptions>
{
    /// <summary>A ceiling for <see cref="AttachmentOptions.MaxFileBytes"/>: beyond it a file share is the right tool.</summary>
    public const long MaxFileBytesCeiling = 200L * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, AttachmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.MaxFileBytes is <= 0 or > MaxFileBytesCeiling)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"Attachments:MaxFileBytes must be between 1 and {MaxFileBytesCeiling} (was {options.MaxFileBytes})."));
        }

        if (options.MaxFilesPerMessage is <= 0 or > 50)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"Attachments:MaxFilesPerMessage must be between 1 and 50 (was {options.MaxFilesPerMessage})."));
        }

        if (options.IntegrityRecheckDays is <= 0 or > 365)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"Attachments:IntegrityRecheckDays must be between 1 and 365 (was {options.IntegrityRecheckDays})."));
        }

        if (options.IntegrityFilesPerRun is <= 0 or > 1000)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"Attachments:IntegrityFilesPerRun must be between 1 and 1000 (was {options.IntegrityFilesPerRun})."));
        }

        var unknown = options.AllowedTypes.Select(AttachmentOptions.Normalize)
            .Where(e => e.Length > 0 && !AttachmentFormat.ByExtension.ContainsKey(e)).ToList();
        if (unknown.Count > 0)
        {
            failures.Add($"Attachments:AllowedTypes lists extensions the desk cannot verify ({string.Join(", ", unknown)}); " +
                $"known: {string.Join(", ", AttachmentOptions.DefaultAllowedTypes)}.");
        }

        if (string.IsNullOrWhiteSpace(options.StoragePath))
        {
            failures.Add("Attachments:StoragePath must name a folder.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>What the form needs to know before sending files (limits, and the <c>accept</c> list of the file picker).</summary>
public sealed record AttachmentLimits(long MaxFileBytes, int MaxFilesPerMessage, IReadOnlyList<string> Extensions)
{
    /// <summary>For <c>&lt;input type="file" accept="…"&gt;</c>: <c>.pdf,.png,…</c>.</summary>
    public string Accept => string.Join(",", Extensions.Select(e => "." + e));

    /// <summary>"10 MB", in Spanish number format.</summary>
    public string MaxFileSizeText => AttachmentSizes.Format(MaxFileBytes);
}

/// <summary>Sizes as a person reads them (es-CO: "12,4 MB").</summary>
public static class AttachmentSizes
{
    private const double Kilobyte = 1024;
    private const double Megabyte = 1024 * 1024;

    public static string Format(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString("N0", DomainMessages.Culture) + " bytes",
        < 1024 * 1024 => (bytes / Kilobyte).ToString("0.#", DomainMessages.Culture) + " KB",
        _ => (bytes / Megabyte).ToString("0.#", DomainMessages.Culture) + " MB",
    };
}
