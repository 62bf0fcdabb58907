using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MesaServicio.Core.Notifications;

/// <summary>Registers notices: composer, portal inbox, e-mail outbox and its delivery.</summary>
public static class NotificationsRegistration
{
    public static IServiceCollection AddMesaServicioNotifications(this IServiceCollection services, IConfiguration configuration, string? contentRoot)
    {
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.SectionName));
        services.AddSingleton<NoticeComposer>();
        services.TryAddSingleton<IPortalNotifier, NoLivePortalNotifier>();
        _ = contentRoot;
        return services;
    }
}
