using Microsoft.Extensions.DependencyInjection;

namespace MesaServicio.Core.Configuration;

/// <summary>Registers the coordinator's configuration use cases and the audit.</summary>
public static class ConfigurationRegistration
{
    public static IServiceCollection AddMesaServicioConfiguration(this IServiceCollection services)
    {
        services.AddSingleton<ConfigurationChangeRunner>();
        services.AddSingleton<GetCatalogSettings>();
        services.AddSingleton<Categories.AddCategory>();
        services.AddSingleton<Categories.RenameCategory>();
        services.AddSingleton<Categories.SetCategoryActive>();
        services.AddSingleton<Groups.AddGroup>();
        services.AddSingleton<Groups.UpdateGroup>();
        services.AddSingleton<Groups.SetGroupActive>();
        services.AddSingleton<Groups.AddGroupMember>();
        services.AddSingleton<Groups.RemoveGroupMember>();
        services.AddSingleton<Groups.MoveGroupMember>();
        services.AddSingleton<Routing.RouteCategory>();
        services.AddSingleton<Sla.GetSlaSettings>();
        services.AddSingleton<Sla.SetSlaTargets>();
        services.AddSingleton<Sla.ClearSlaPolicy>();
        services.AddSingleton<Sla.RecomputeCaseSla>();
        services.AddSingleton<Calendar.GetCalendarSettings>();
        services.AddSingleton<Calendar.SetBusinessHours>();
        services.AddSingleton<Calendar.AddNonWorkingDay>();
        services.AddSingleton<Calendar.RemoveNonWorkingDay>();
        services.AddSingleton<Priority.SetPriorityCell>();
        services.AddSingleton<Audit.ListAuditEntries>();
        services.AddSingleton<Indicators.GetIndicatorSettings>();
        services.AddSingleton<Indicators.SetIndicator7Target>();
        services.AddSingleton<Indicators.SetGroupSpecialised>();
        return services;
    }
}
