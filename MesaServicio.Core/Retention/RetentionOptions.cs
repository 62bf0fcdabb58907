using System.Globalization;
using Microsoft.Extensions.Options;

namespace MesaServicio.Core.Retention;

/// <summary>Where the disposition writes the expedientes and how many per round (configuration section <c>Retention</c>).</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    public const string DefaultArchivePath = "data/archivo";

    /// <summary>
    /// The archive folder (the entity's central archive, or a share it collects from); a relative path is taken from the
    /// app's content root. Created on demand. Never the attachments' folder.
    /// </summary>
    public string ArchivePath { get; set; } = DefaultArchivePath;

    /// <summary>Cases disposed of per round of the timed work, so a first run over years of cases is spread over time; 1 to 500.</summary>
    public int CasesPerRun { get; set; } = 10;
}

/// <summary>Refuses, at start-up, a missing archive folder or a round size that makes no sense.</summary>
internal sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ArchivePath))
        {
            failures.Add("Retention:ArchivePath must name a folder.");
        }

        if (options.CasesPerRun is <= 0 or > 500)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"Retention:CasesPerRun must be between 1 and 500 (was {options.CasesPerRun})."));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
