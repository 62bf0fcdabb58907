using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MesaServicio.Core.Retention;

/// <summary>Registers conservation and retention: options (section <c>Retention</c>), the archive, the disposition and its views.</summary>
public static class RetentionRegistration
{
    public static IServiceCollection AddMesaServicioRetention(this IServiceCollection services, IConfiguration configuration, string? contentRoot = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        services.AddSingleton(sp => new RetentionArchive(
            sp.GetRequiredService<IOptions<RetentionOptions>>().Value, contentRoot, sp.GetRequiredService<Attachments.AttachmentStorage>(),
            sp.GetRequiredService<CaseFiles.CaseFilePdf>(), sp.GetRequiredService<Reports.ReportBranding>()));
        services.AddSingleton<SetGroupRetention>();
        services.AddSingleton<ListRetention>();
        services.AddSingleton<DispositionSweep>();
        services.AddSingleton<TimedWork.ITimedWork>(sp => sp.GetRequiredService<DispositionSweep>());
        return services;
    }
}
