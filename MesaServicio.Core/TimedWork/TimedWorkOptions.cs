using System.Globalization;
using Microsoft.Extensions.Options;

namespace MesaServicio.Core.TimedWork;

/// <summary>The background timed work (configuration section <c>TimedWork</c>).</summary>
public sealed class TimedWorkOptions
{
    public const string SectionName = "TimedWork";

    /// <summary>The longest interval accepted: an hour (survey windows and ANS alerts would be late beyond it).</summary>
    public const int MaxIntervalSeconds = 3600;

    /// <summary>
    /// Whether this instance runs the timed work (survey windows, ANS alerts, the outbox). Every instance may run it:
    /// each piece is safe to run by several at once. Off, for example, for an instance that only serves pages.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds between two runs of all the pieces (1 to 3600).</summary>
    public int IntervalSeconds { get; set; } = 15;

    /// <summary>The interval as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan Interval => TimeSpan.FromSeconds(IntervalSeconds);
}

/// <summary>Refuses, at start-up, an interval that makes no sense.</summary>
internal sealed class TimedWorkOptionsValidator : IValidateOptions<TimedWorkOptions>
{
    public ValidateOptionsResult Validate(string? name, TimedWorkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.IntervalSeconds is < 1 or > TimedWorkOptions.MaxIntervalSeconds
            ? ValidateOptionsResult.Fail(string.Create(CultureInfo.InvariantCulture,
                $"TimedWork:IntervalSeconds must be between 1 and {TimedWorkOptions.MaxIntervalSeconds} (was {options.IntervalSeconds})."))
            : ValidateOptionsResult.Success;
    }
}
