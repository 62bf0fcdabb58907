namespace MesaServicio.Core.Reports;

/// <summary>
/// The coordinator's settings of the month's results (one row): the target (meta) of indicator 7 that its traffic
/// light reads. A database without the row reads <see cref="DefaultIndicator7Target"/>.
/// </summary>
public sealed class ReportSettings
{
    /// <summary>The id of the one row.</summary>
    public const int SingletonId = 1;

    /// <summary>PRODUCT.md: "a target (meta) the coordinator sets (default 90 %)".</summary>
    public const decimal DefaultIndicator7Target = 90m;

    /// <summary>How far below the target the light stays amber before it turns red, in percentage points.</summary>
    public const decimal AmberBand = 10m;

    private ReportSettings()
    {
    }

    public ReportSettings(decimal indicator7Target)
    {
        Id = SingletonId;
        SetIndicator7Target(indicator7Target);
    }

    public int Id { get; private set; }

    /// <summary>The target of indicator 7, a percentage in (0, 100].</summary>
    public decimal Indicator7Target { get; private set; }

    public static ReportSettings Default => new(DefaultIndicator7Target);

    /// <exception cref="ArgumentOutOfRangeException">Not in (0, 100].</exception>
    public void SetIndicator7Target(decimal target)
    {
        if (target <= 0m || target > 100m)
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, "The target is a percentage above 0 and at most 100.");
        }

        Indicator7Target = decimal.Round(target, 1);
    }
}
