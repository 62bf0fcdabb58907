using MesaServicio.Core.TimedWork;
using Microsoft.Extensions.DependencyInjection;

namespace MesaServicio.Core.Improvement;

/// <summary>Registers the improvement actions (activity 6): their use cases and the due-date sweep.</summary>
public static class ImprovementRegistration
{
    public static IServiceCollection AddMesaServicioImprovementActions(this IServiceCollection services)
    {
        services.AddSingleton<ImprovementNotices>();
        services.AddSingleton<ImprovementActionRunner>();
        services.AddSingleton<CreateImprovementAction>();
        services.AddSingleton<ChangeImprovementActionStatus>();
        services.AddSingleton<AddImprovementFollowUp>();
        services.AddSingleton<EditImprovementAction>();
        services.AddSingleton<GetImprovementAction>();
        services.AddSingleton<ListImprovementActions>();
        services.AddSingleton<ListImprovementActionsOfMonth>();
        services.AddSingleton<ListImprovementResponsibles>();
        services.AddSingleton<ImprovementActionSweep>();
        services.AddSingleton<ITimedWork>(sp => sp.GetRequiredService<ImprovementActionSweep>());
        return services;
    }
}
