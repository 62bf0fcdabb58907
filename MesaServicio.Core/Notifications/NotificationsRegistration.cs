using MesaServicio.Core.Reports;
using MesaServicio.Core.TimedWork;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MesaServicio.Core.Notifications;

/// <summary>Registers notices: composer, portal inbox, e-mail outbox and its delivery, the monthly report by e-mail.</summary>
public static class NotificationsRegistration
{
    public static IServiceCollection AddMesaServicioNotifications(this IServiceCollection services, IConfiguration configuration, string? contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.SectionName));
        services.AddSingleton<NoticeComposer>();
        services.TryAddSingleton<Cases.ICaseNotices, CaseNotices>();
        services.AddSingleton<GetEmailPreferences>();
        services.AddSingleton<SetEmailPreference>();
        services.TryAddSingleton<IPortalNotifier, Live.LivePortalNotifier>();

        // Chosen when first needed, so that a test or a host can still change EmailOptions after this call.
        services.TryAddSingleton<IEmailTransport>(provider =>
        {
            var email = provider.GetRequiredService<IOptions<EmailOptions>>().Value;
            return email.Mode switch
            {
                EmailDeliveryMode.Smtp => new SmtpEmailTransport(provider.GetRequiredService<IOptions<EmailOptions>>()),
                EmailDeliveryMode.Folder => new FolderEmailTransport(
                    FolderEmailTransport.Resolve(email.Folder, contentRoot), provider.GetRequiredService<TimeProvider>()),
                _ => throw new InvalidOperationException($"Unknown Email:Mode {email.Mode}."),
            };
        });

        services.TryAddSingleton<TimedWorkInstance>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<ITimedWork>(provider => provider.GetRequiredService<OutboxDispatcher>());

        // The report's header in the PDF that goes by e-mail: the same Entity section the portal's header reads.
        services.TryAddSingleton(_ => EntityBranding(configuration));
        services.TryAddSingleton<IMonthlyReportDelivery, OutboxMonthlyReportDelivery>();
        services.AddSingleton<MonthlyReportMailing>();
        services.AddSingleton<ITimedWork>(provider => provider.GetRequiredService<MonthlyReportMailing>());
        return services;
    }

    /// <summary>Reads <c>Entity:Name</c>, <c>Entity:Office</c> and <c>Entity:PortalName</c> with the portal's defaults.</summary>
    private static ReportBranding EntityBranding(IConfiguration configuration)
    {
        var entity = configuration.GetSection("Entity");
        return new ReportBranding(
            NonEmpty(entity["Name"], "Función Pública"),
            NonEmpty(entity["Office"], "Oficina de Tecnologías de la Información y las Comunicaciones"),
            NonEmpty(entity["PortalName"], "Mesa de Servicio"));
    }

    private static string NonEmpty(string? value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value.Trim();
}
