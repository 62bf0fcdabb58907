using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Notifications;

/// <summary>One notice of the bell: its Spanish text, the case it is about, and whether it was read.</summary>
public sealed record PortalNoticeRow(Guid Id, MessageKind Kind, string? CaseNumber, string Text, DateTimeOffset CreatedAt, bool Read);

/// <summary>What the bell shows: the latest notices (newest first) and how many of all the person's notices are unread.</summary>
public sealed record PortalInboxView(IReadOnlyList<PortalNoticeRow> Latest, int UnreadCount)
{
    public static readonly PortalInboxView Empty = new([], 0);
}

/// <summary>The signed-in person's portal inbox: the latest notices and the unread count. Only their own notices.</summary>
public sealed class ListPortalNotifications(IDbContextFactory<MesaDbContext> contextFactory)
{
    /// <summary>How many notices the bell lists.</summary>
    public const int LatestCount = 20;

    public async Task<PortalInboxView> HandleAsync(CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Kind != PrincipalKind.Person || user.PersonId is not { } me)
        {
            return PortalInboxView.Empty;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var mine = db.PortalNotifications.AsNoTracking().Where(n => n.PersonId == me);
        var latest = await mine
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Take(LatestCount)
            .Select(n => new PortalNoticeRow(n.Id, n.Kind, n.CaseNumber, n.Text, n.CreatedAt, n.ReadAt != null))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var unread = await mine.CountAsync(n => n.ReadAt == null, cancellationToken).ConfigureAwait(false);
        return new PortalInboxView(latest, unread);
    }
}

/// <summary>
/// "Marcar como leídos": the person's unread notices created up to <see cref="UpTo"/> (the newest notice they saw) become
/// read; a notice that arrived after they opened the bell stays unread. Null marks every unread notice.
/// </summary>
public sealed record MarkPortalNotificationsReadCommand(DateTimeOffset? UpTo);

/// <summary>Marks the signed-in person's notices read. Only their own: another person's notices are never touched.</summary>
public sealed class MarkPortalNotificationsRead(IDbContextFactory<MesaDbContext> contextFactory, TimeProvider time)
{
    /// <summary>Returns how many notices became read.</summary>
    public async Task<int> HandleAsync(MarkPortalNotificationsReadCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(user);
        if (user.Kind != PrincipalKind.Person || user.PersonId is not { } me)
        {
            return 0;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var unread = db.PortalNotifications.Where(n => n.PersonId == me && n.ReadAt == null);
        if (command.UpTo is { } upTo)
        {
            var limit = upTo.ToUniversalTime();
            unread = unread.Where(n => n.CreatedAt <= limit);
        }

        var notices = await unread.ToListAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        foreach (var notice in notices)
        {
            notice.MarkRead(now);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return notices.Count;
    }
}
