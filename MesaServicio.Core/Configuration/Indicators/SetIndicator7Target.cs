using System.Globalization;
using MesaServicio.Core.Common;
using MesaServicio.Core.Reports;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Configuration.Indicators;

/// <summary>The target of indicator 7 as the coordinator types it: a percentage, e.g. <c>"92,5"</c> (a point is read as the decimal mark too).</summary>
public sealed record SetIndicator7TargetCommand(string? Target);

/// <summary>
/// Sets the target (meta) of indicator 7 that its traffic light reads (coordinator only), audited. The month's
/// results computed from now on read the new target.
/// </summary>
public sealed class SetIndicator7Target(ConfigurationChangeRunner runner)
{
    public Task<bool> HandleAsync(SetIndicator7TargetCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.ExecuteAsync(user, async (db, ct) =>
        {
            var target = ParseTarget(command.Target);
            var settings = await db.ReportSettings.SingleOrDefaultAsync(s => s.Id == ReportSettings.SingletonId, ct).ConfigureAwait(false);
            var before = settings?.Indicator7Target ?? ReportSettings.DefaultIndicator7Target;
            if (before == target)
            {
                return null;
            }

            if (settings is null)
            {
                db.ReportSettings.Add(new ReportSettings(target));
            }
            else
            {
                settings.SetIndicator7Target(target);
            }

            return new ConfigurationEdit(
                ConfigurationAreas.Indicators, "Meta del indicador 7", AuditJson.Of(new { target = Plain(before) }), AuditJson.Of(new { target = Plain(target) }));
        }, cancellationToken);
    }

    /// <summary>The value without trailing zeros (a stored 95.0 audits as 95, like a typed 95).</summary>
    private static decimal Plain(decimal value) =>
        decimal.Parse(value.ToString("0.#", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>
    /// A percentage above 0 and at most 100 with at most one decimal, written the Colombian way (<c>92,5</c>), with a
    /// point (<c>92.5</c>) or a trailing <c>%</c>; anything else is refused with a Spanish message.
    /// </summary>
    public static decimal ParseTarget(string? text)
    {
        var trimmed = text?.Trim().TrimEnd('%').Trim();
        if (string.IsNullOrEmpty(trimmed)
            || trimmed.Count(c => c is ',' or '.') > 1
            || !decimal.TryParse(trimmed.Replace('.', ','), NumberStyles.AllowDecimalPoint, DomainMessages.Culture, out var value)
            || value <= 0m || value > 100m || decimal.Round(value, 1) != value)
        {
            throw new DomainException(DomainRules.ConfigIndicatorTargetInvalid);
        }

        return value;
    }
}
