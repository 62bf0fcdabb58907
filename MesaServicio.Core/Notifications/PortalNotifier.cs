namespace MesaServicio.Core.Notifications;

/// <summary>
/// Pushes portal notices to the people they are for, live, after the transaction that wrote them committed
/// (the Web project sends them through the board's SignalR hub). The inbox in the database is the truth;
/// a push that is lost only delays the notice to the next page load.
/// </summary>
public interface IPortalNotifier
{
    Task PushAsync(IReadOnlyList<PortalNotification> notices, CancellationToken cancellationToken);
}

/// <summary>No live channel (Core alone, tests): notices wait in the inbox.</summary>
public sealed class NoLivePortalNotifier : IPortalNotifier
{
    public Task PushAsync(IReadOnlyList<PortalNotification> notices, CancellationToken cancellationToken) => Task.CompletedTask;
}
