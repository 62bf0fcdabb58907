using MesaServicio.Core.Sla;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MesaServicio.Core.TimedWork;

/// <summary>Registers the background timed work: its options, the runner, the hosted loop, and the ANS sweep.</summary>
public static class TimedWorkRegistration
{
    /// <summary>
    /// Adds the timed work to a host (the Web host calls it after <c>AddMesaServicioCore</c>). The pieces are every
    /// registered <see cref="ITimedWork"/>: the survey sweep comes with the surveys, the outbox with the
    /// notifications; the ANS sweep is added here. The lease that lets one instance run each piece per interval is
    /// granted in process unless the host registered a shared one (the Web host's Redis lease).
    /// </summary>
    public static IServiceCollection AddMesaServicioTimedWork(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TimedWorkOptions>().Bind(configuration.GetSection(TimedWorkOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TimedWorkOptions>, TimedWorkOptionsValidator>());
        if (services.All(d => d.ServiceType != typeof(SlaSweep)))
        {
            services.AddSingleton<SlaSweep>();
            services.AddSingleton<ITimedWork>(sp => sp.GetRequiredService<SlaSweep>());
        }

        services.TryAddSingleton<ITimedWorkLease, InProcessTimedWorkLease>();
        services.TryAddSingleton<TimedWorkRunner>();
        services.AddHostedService<TimedWorkService>();
        return services;
    }
}
