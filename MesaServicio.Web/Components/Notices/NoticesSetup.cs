using MesaServicio.Core.Notifications;
using MesaServicio.Web.Realtime;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MesaServicio.Web.Components.Notices;

/// <summary>Registers the portal's notices: the bell's use cases, and the live push through the hub in place of Core's no-op.</summary>
public static class NoticesSetup
{
    public static IServiceCollection AddMesaPortalNotices(this IServiceCollection services)
    {
        services.TryAddSingleton<ListPortalNotifications>();
        services.TryAddSingleton<MarkPortalNotificationsRead>();

        // Core registers "no live channel" with TryAdd; the portal has one, whatever the order of registration.
        services.RemoveAll<IPortalNotifier>();
        services.AddSingleton<IPortalNotifier, HubPortalNotifier>();
        return services;
    }
}
