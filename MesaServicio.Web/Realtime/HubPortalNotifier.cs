using MesaServicio.Core.Notifications;
using Microsoft.AspNetCore.SignalR;

namespace MesaServicio.Web.Realtime;

/// <summary>
/// What a notice connection receives when a notice is written for its person: the notice as the bell shows it
/// (its Spanish text already names only the case number; no personal data).
/// </summary>
public sealed record NoticeMessage(Guid Id, MessageKind Kind, string? CaseNumber, string Text, DateTimeOffset CreatedAt)
{
    public static NoticeMessage From(PortalNotification notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return new NoticeMessage(notice.Id, notice.Kind, notice.CaseNumber, notice.Text, notice.CreatedAt);
    }
}

/// <summary>
/// Pushes portal notices live through the board's hub, after Core committed them, to the notice group of each person
/// (<see cref="Group"/>: only the layout's notice connections of that person are in it; board connections are not, so
/// they never receive a message they do not handle). The inbox in the database stays the truth: a push that fails is
/// logged and the notice shows on the next page load. With several instances the hub's backplane carries it
/// (decision 0007), as it carries the board's changes.
/// </summary>
public sealed partial class HubPortalNotifier(IHubContext<BoardHub> hub, ILogger<HubPortalNotifier> logger) : IPortalNotifier
{
    /// <summary>The group of a person's notice connections: <c>avisos:{personId}</c>.</summary>
    public static string Group(Guid personId) => "avisos:" + personId.ToString("D");

    public async Task PushAsync(IReadOnlyList<PortalNotification> notices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notices);
        foreach (var notice in notices)
        {
            try
            {
                await hub.Clients.Group(Group(notice.PersonId)).SendAsync(BoardHub.NoticeMethod, NoticeMessage.From(notice), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The change is committed and the notice is in the inbox; only its live delivery failed.
                PushFailed(logger, notice.Id, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Portal notice {NoticeId} could not be pushed live; it waits in the inbox.")]
    private static partial void PushFailed(ILogger logger, Guid noticeId, Exception exception);
}
