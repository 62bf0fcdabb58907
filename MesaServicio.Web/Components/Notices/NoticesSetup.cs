using MesaServicio.Core.Notifications;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MesaServicio.Web.Components.Notices;

/// <summary>
/// Registers the bell's use cases. The live push is Core's <c>LivePortalNotifier</c> on the server's live feed
/// (decision 0020): the bell subscribes to the feed in its circuit.
/// </summary>
public static class NoticesSetup
{
    public static IServiceCollection AddMesaPortalNotices(this IServiceCollection services)
    {
        services.TryAddSingleton<ListPortalNotifications>();
        services.TryAddSingleton<MarkPortalNotificationsRead>();
        return services;
    }
}
