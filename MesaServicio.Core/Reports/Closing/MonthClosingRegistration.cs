using MesaServicio.Core.TimedWork;
using Microsoft.Extensions.DependencyInjection;

namespace MesaServicio.Core.Reports.Closing;

/// <summary>Registers the month's closing (issue #15): the use cases and the timed work that closes each month once.</summary>
public static class MonthClosingRegistration
{
    public static IServiceCollection AddMesaServicioMonthClosing(this IServiceCollection services)
    {
        services.AddSingleton<FreezeMonth>();
        services.AddSingleton<GetMonthResults>();
        services.AddSingleton<RecloseMonth>();
        services.AddSingleton<GetMonthClosureFile>();
        services.AddSingleton<MonthClosing>();
        services.AddSingleton<ITimedWork>(provider => provider.GetRequiredService<MonthClosing>());
        return services;
    }
}
