using MesaServicio.Core.ApiKeys;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MesaServicio.Core.Intake;

/// <summary>Registers the PQRS intake (options in section <c>Intake</c>) and the API keys its senders may use.</summary>
public static class IntakeRegistration
{
    public static IServiceCollection AddMesaServicioIntake(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<IntakeOptions>().Bind(configuration.GetSection(IntakeOptions.SectionName));
        services.AddSingleton<IntakeCase>();
        services.AddSingleton<GetIntakeCase>();
        services.AddSingleton<CreateApiKey>();
        services.AddSingleton<RotateApiKey>();
        services.AddSingleton<RevokeApiKey>();
        services.AddSingleton<ListApiKeys>();
        services.AddSingleton<VerifyApiKey>();
        return services;
    }
}
