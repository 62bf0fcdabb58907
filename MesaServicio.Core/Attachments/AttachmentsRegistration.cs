using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MesaServicio.Core.Attachments;

/// <summary>Registers attachments: options (section <c>Attachments</c>), storage and use cases.</summary>
public static class AttachmentsRegistration
{
    public static IServiceCollection AddMesaServicioAttachments(this IServiceCollection services, IConfiguration configuration, string? contentRoot = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AttachmentOptions>().Bind(configuration.GetSection(AttachmentOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AttachmentOptions>, AttachmentOptionsValidator>();
        services.AddSingleton(sp => new AttachmentStorage(sp.GetRequiredService<IOptions<AttachmentOptions>>().Value, contentRoot));
        services.AddSingleton<AttachFiles>();
        services.AddSingleton<ListAttachments>();
        services.AddSingleton<OpenAttachment>();
        services.AddSingleton<ListIntegrityProblems>();
        services.AddSingleton<AttachmentIntegritySweep>();
        services.AddSingleton<TimedWork.ITimedWork>(sp => sp.GetRequiredService<AttachmentIntegritySweep>());
        services.AddSingleton<AttachmentOrphanSweep>();
        services.AddSingleton<TimedWork.ITimedWork>(sp => sp.GetRequiredService<AttachmentOrphanSweep>());
        return services;
    }
}
