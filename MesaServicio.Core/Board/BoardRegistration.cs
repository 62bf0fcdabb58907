using MesaServicio.Core.Board;
using Microsoft.Extensions.DependencyInjection;

// In the root namespace on purpose: AddMesaServicioCore calls it without another using.
namespace MesaServicio.Core;

/// <summary>Registers the agents' board (issue #4): its query (the live board hears the live feed, decision 0020).</summary>
public static class BoardRegistration
{
    public static IServiceCollection AddMesaServicioBoard(this IServiceCollection services)
    {
        services.AddSingleton<GetBoard>();
        return services;
    }
}
