using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Core.Calendar;

/// <summary>
/// The calendar in force, built from the coordinator's settings in the database (<see cref="CalendarSettings"/> and
/// <see cref="NonWorkingDay"/>). Reading <see cref="Current"/> never touches the database: it returns the last
/// calendar built. A change made through the configuration use cases rebuilds it at once
/// (<see cref="ReloadAsync"/>); <see cref="CalendarSettingsWatcher"/> picks up changes made by other instances.
/// Until the database has been read (before start-up seeding) the calendar of appsettings applies.
/// </summary>
/// <remarks>
/// Thread-safe: readers see one immutable <see cref="BusinessCalendar"/> or the next, never a mix; reloads are
/// serialized, so an older read never replaces a newer one.
/// </remarks>
public sealed class StoredBusinessCalendarProvider(
    IDbContextFactory<MesaDbContext> contextFactory, BusinessCalendar fallback, ILogger<StoredBusinessCalendarProvider> logger)
    : IBusinessCalendarProvider, IDisposable
{
    private readonly SemaphoreSlim _reload = new(1, 1);
    private Loaded? _loaded;

    public BusinessCalendar Current => Volatile.Read(ref _loaded)?.Calendar ?? fallback;

    /// <summary>The settings version the current calendar was built from (null before the first read).</summary>
    public int? Version => Volatile.Read(ref _loaded)?.Version;

    /// <summary>Rebuilds the calendar from the database (after a change, and at start-up).</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await _reload.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var settings = await db.CalendarSettings.AsNoTracking().Include(s => s.WeeklyHours)
                .SingleOrDefaultAsync(s => s.Id == CalendarSettings.SingletonId, cancellationToken).ConfigureAwait(false);
            if (settings is null)
            {
                return;
            }

            var days = await db.NonWorkingDays.AsNoTracking().Select(d => d.Day).ToListAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _loaded, new Loaded(settings.Build(days), settings.Version));
            logger.LogInformation("Business calendar built from the database settings, version {Version}", settings.Version);
        }
        finally
        {
            _reload.Release();
        }
    }

    /// <summary>Rebuilds only when the stored settings changed since the last build (another instance changed them).</summary>
    public async Task<bool> RefreshIfChangedAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var stored = await db.CalendarSettings.AsNoTracking().Where(s => s.Id == CalendarSettings.SingletonId)
            .Select(s => (int?)s.Version).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (stored is null || stored == Version)
        {
            return false;
        }

        await ReloadAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public void Dispose() => _reload.Dispose();

    private sealed record Loaded(BusinessCalendar Calendar, int Version);
}
