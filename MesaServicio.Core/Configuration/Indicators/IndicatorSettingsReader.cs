using MesaServicio.Core.Persistence;
using MesaServicio.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Configuration.Indicators;

/// <summary>What indicator 7 reads from the coordinator's configuration.</summary>
/// <param name="Target">The target (meta), a percentage in (0, 100] with one decimal.</param>
/// <param name="SpecialisedGroupIds">The top category groups whose cases count as the specialised level whatever their support level.</param>
public sealed record Indicator7Settings(decimal Target, IReadOnlySet<int> SpecialisedGroupIds);

/// <summary>Reads indicator 7's settings for the month's results (no authorization: the caller has already been allowed).</summary>
public static class IndicatorSettingsReader
{
    /// <summary>The stored target (<see cref="ReportSettings.DefaultIndicator7Target"/> while none is stored) and the specialised groups.</summary>
    public static async Task<Indicator7Settings> ReadAsync(MesaDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var target = await db.ReportSettings.AsNoTracking().Where(s => s.Id == ReportSettings.SingletonId)
            .Select(s => (decimal?)s.Indicator7Target).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var groups = await db.Categories.AsNoTracking().Where(c => c.ParentId == null && c.IsSpecialised).Select(c => c.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new Indicator7Settings(target ?? ReportSettings.DefaultIndicator7Target, groups.ToHashSet());
    }
}
