using System.Collections.Concurrent;
using MesaServicio.Core.Common;
using MesaServicio.Core.Configuration;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Privacy;

/// <summary>
/// The privacy notice: the version in force, a person's acceptance of it (once per version), and the coordinator's
/// publication of a new text (audited like any configuration change).
/// </summary>
public sealed class PrivacyNotices(IDbContextFactory<MesaDbContext> contextFactory, ConfigurationChangeRunner changes, TimeProvider time)
{
    /// <summary>How long this instance trusts the version in force it last read (another instance may publish meanwhile).</summary>
    public static readonly TimeSpan CurrentVersionLifetime = TimeSpan.FromMinutes(5);

    // What this instance knows without a query: the version in force (for a short while) and, per person, the last
    // version they accepted (an acceptance is permanent). Lets every page after the first decide at once.
    private readonly ConcurrentDictionary<Guid, int> _accepted = new();
    private VersionInForce? _current;

    /// <summary>Whether this instance already knows, without a query, that the person accepted the version in force.</summary>
    public bool KnownToHaveAccepted(Guid personId) =>
        _current is { } current && current.Until > time.GetUtcNow()
        && _accepted.TryGetValue(personId, out var version) && version == current.Version;

    /// <summary>The notice in force.</summary>
    public async Task<PrivacyNoticeView> GetCurrentAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await CurrentAsync(db, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The notice in force and whether the person accepted it; null for anyone but a signed-in person.</summary>
    public async Task<PrivacyStanding?> GetStandingAsync(CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user is not { Kind: PrincipalKind.Person, PersonId: { } me })
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var notice = await CurrentAsync(db, cancellationToken).ConfigureAwait(false);
        var acceptedAt = await db.PrivacyAcceptances.AsNoTracking()
            .Where(a => a.PersonId == me && a.Version == notice.Version)
            .Select(a => (DateTimeOffset?)a.AcceptedAt)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (acceptedAt is not null)
        {
            _accepted[me] = notice.Version;
        }

        return new PrivacyStanding(notice, acceptedAt);
    }

    /// <summary>
    /// Records that the person accepted <paramref name="version"/>, the version they were shown. A version other than
    /// the one in force (a new text was published meanwhile) is refused, so nobody accepts words they did not read.
    /// Accepting again is harmless: the first acceptance stands.
    /// </summary>
    public async Task<PrivacyStanding> AcceptAsync(CurrentUser user, int version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user is not { Kind: PrincipalKind.Person, PersonId: { } me })
        {
            throw new DomainException(DomainRules.PrivacyOnlyPeople);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var notice = await CurrentAsync(db, cancellationToken).ConfigureAwait(false);
        if (notice.Version != version)
        {
            throw new DomainException(DomainRules.PrivacyNoticeChanged);
        }

        var existing = await db.PrivacyAcceptances.AsNoTracking()
            .SingleOrDefaultAsync(a => a.PersonId == me && a.Version == version, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            _accepted[me] = version;
            return new PrivacyStanding(notice, existing.AcceptedAt);
        }

        var acceptance = new PrivacyAcceptance(me, version, time.GetUtcNow());
        db.PrivacyAcceptances.Add(acceptance);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // The same person accepted in another tab at the same moment: theirs stands.
            await using var again = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var stored = await again.PrivacyAcceptances.AsNoTracking()
                .SingleOrDefaultAsync(a => a.PersonId == me && a.Version == version, cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                throw;
            }

            _accepted[me] = version;
            return new PrivacyStanding(notice, stored.AcceptedAt);
        }

        _accepted[me] = version;
        return new PrivacyStanding(notice, acceptance.AcceptedAt);
    }

    /// <summary>
    /// The coordinator publishes a new text: it becomes the next version, and everyone is asked to accept it at their
    /// next page. The same text as the one in force publishes nothing. Returns the version in force afterwards.
    /// </summary>
    public async Task<int> PublishAsync(CurrentUser user, string? text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainException(DomainRules.PrivacyTextRequired);
        }

        if (trimmed.Length > PrivacyNotice.TextMaxLength)
        {
            throw new DomainException(DomainRules.PrivacyTextTooLong, PrivacyNotice.TextMaxLength);
        }

        var version = 0;
        await changes.ExecuteAsync(user, async (db, ct) =>
        {
            var current = await CurrentAsync(db, ct).ConfigureAwait(false);
            version = current.Version;
            if (string.Equals(current.Text, trimmed, StringComparison.Ordinal))
            {
                return null;
            }

            version = current.Version + 1;
            db.PrivacyNotices.Add(new PrivacyNotice(version, trimmed, time.GetUtcNow(), user.PersonId));
            return new ConfigurationEdit(
                ConfigurationAreas.PrivacyNotice, $"Aviso de privacidad, versión {version}",
                AuditJson.Of(new { version = current.Version, caracteres = current.Text.Length }),
                AuditJson.Of(new { version, caracteres = trimmed.Length }));
        }, cancellationToken).ConfigureAwait(false);
        _current = new VersionInForce(version, time.GetUtcNow() + CurrentVersionLifetime);
        return version;
    }

    /// <summary>For the coordinator: the notice in force and how many people have accepted it.</summary>
    public async Task<(PrivacyNoticeView Notice, int AcceptedBy)> GetForCoordinatorAsync(CurrentUser user, CancellationToken cancellationToken)
    {
        changes.DemandCoordinator(user);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var notice = await CurrentAsync(db, cancellationToken).ConfigureAwait(false);
        var count = await db.PrivacyAcceptances.CountAsync(a => a.Version == notice.Version, cancellationToken).ConfigureAwait(false);
        return (notice, count);
    }

    /// <summary>Writes the portal's first notice when the database has none (at start-up; idempotent).</summary>
    public static async Task EnsureFirstVersionAsync(MesaDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.PrivacyNotices.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            db.PrivacyNotices.Add(new PrivacyNotice(1, DomainMessages.Get(DomainRules.PrivacyDefaultNotice), now, null));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<PrivacyNoticeView> CurrentAsync(MesaDbContext db, CancellationToken cancellationToken)
    {
        var notice = await db.PrivacyNotices.AsNoTracking().OrderByDescending(n => n.Version)
                .Select(n => new PrivacyNoticeView(n.Version, n.Text, n.PublishedAt))
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? new PrivacyNoticeView(0, DomainMessages.Get(DomainRules.PrivacyDefaultNotice), DateTimeOffset.UnixEpoch);
        _current = new VersionInForce(notice.Version, time.GetUtcNow() + CurrentVersionLifetime);
        return notice;
    }

    /// <summary>The version in force as this instance last read it, and until when it trusts that.</summary>
    private sealed record VersionInForce(int Version, DateTimeOffset Until);
}
