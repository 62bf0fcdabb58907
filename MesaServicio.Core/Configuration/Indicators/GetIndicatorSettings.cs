using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Configuration.Indicators;

/// <summary>A top category group and whether its cases belong to indicator 7's specialised level.</summary>
public sealed record IndicatorGroupSetting(int Id, string Name, bool IsActive, bool IsSpecialised);

/// <summary>Indicator 7's settings as the coordinator edits them: the target and every top category group.</summary>
public sealed record IndicatorSettingsView(decimal Indicator7Target, decimal AmberBand, IReadOnlyList<IndicatorGroupSetting> Groups);

/// <summary>Reads indicator 7's settings for the configuration page (coordinator only).</summary>
public sealed class GetIndicatorSettings(IDbContextFactory<MesaDbContext> contextFactory, ConfigurationChangeRunner runner)
{
    public async Task<IndicatorSettingsView> HandleAsync(CurrentUser user, CancellationToken cancellationToken)
    {
        runner.DemandCoordinator(user);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var settings = await IndicatorSettingsReader.ReadAsync(db, cancellationToken).ConfigureAwait(false);
        var groups = await db.Categories.AsNoTracking().Where(c => c.ParentId == null).OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
            .Select(c => new IndicatorGroupSetting(c.Id, c.Name, c.IsActive, c.IsSpecialised))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new IndicatorSettingsView(settings.Target, Reports.ReportSettings.AmberBand, groups);
    }
}
