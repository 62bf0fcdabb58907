using Microsoft.Extensions.DependencyInjection;

namespace MesaServicio.Core.Visits;

/// <summary>Site visits to a dependencia (procedure activity 4).</summary>
public static class VisitsRegistration
{
    public static IServiceCollection AddMesaServicioVisits(this IServiceCollection services)
    {
        services.AddSingleton<GetCaseVisits>();
        services.AddSingleton<PlanSiteVisit>();
        services.AddSingleton<RescheduleSiteVisit>();
        services.AddSingleton<CancelSiteVisit>();
        services.AddSingleton<RecordSiteVisitDone>();
        return services;
    }
}
