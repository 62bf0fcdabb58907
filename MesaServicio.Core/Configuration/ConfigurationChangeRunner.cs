using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Configuration;

/// <summary>What one configuration change did, for its audit row.</summary>
/// <param name="Area">One of <see cref="ConfigurationAreas"/>.</param>
/// <param name="Subject">Which item, in words the audit view shows (e.g. <c>Categoría «Telefonía IP»</c>).</param>
/// <param name="Before">The item before, as compact JSON (<see cref="AuditJson"/>); null for a creation.</param>
/// <param name="After">The item after; null for a removal.</param>
/// <param name="Reason">The coordinator's reason, when the change asks for one.</param>
public sealed record ConfigurationEdit(string Area, string Subject, string? Before, string? After, string? Reason = null);

/// <summary>
/// Runs one configuration change the way every configuration use case must: only the coordinator (anyone else is
/// refused and the refusal logged), one fresh context, and the change with its <see cref="ConfigurationChange"/>
/// (who, when, before → after) saved by the same <c>SaveChanges</c>, so there is never a change without its audit
/// row nor the reverse. A change that changes nothing writes nothing.
/// </summary>
public sealed class ConfigurationChangeRunner(IDbContextFactory<MesaDbContext> contextFactory, CaseGuard guard, TimeProvider time)
{
    /// <summary>
    /// Demands the coordinator, applies <paramref name="change"/> (which returns null when nothing changes) and
    /// saves it with its audit row. Returns whether anything changed.
    /// </summary>
    public async Task<bool> ExecuteAsync(
        CurrentUser user, Func<MesaDbContext, CancellationToken, Task<ConfigurationEdit?>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(change);
        guard.Demand(user, GlobalOperation.Configuration);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var edit = await change(db, cancellationToken).ConfigureAwait(false);
        if (edit is null)
        {
            return false;
        }

        db.ConfigurationChanges.Add(new ConfigurationChange(
            time.GetUtcNow(), user.PersonId, edit.Area, Clip(edit.Subject, 200), edit.Before, edit.After, edit.Reason));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new DomainException(DomainRules.ConfigChanged, ex);
        }

        return true;
    }

    /// <summary>Demands the coordinator for a read of the configuration.</summary>
    public void DemandCoordinator(CurrentUser user) => guard.Demand(user, GlobalOperation.Configuration);

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
