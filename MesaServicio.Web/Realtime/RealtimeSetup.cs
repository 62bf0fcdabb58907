using MesaServicio.Web.Components.Board;

namespace MesaServicio.Web.Realtime;

/// <summary>
/// Registers what the live pages use beside the live feed (decision 0020): the board's move runner. The board, the case
/// page and the notice bell hear committed changes on the server, in their circuits; there is no hub of the portal's own.
/// </summary>
public static class RealtimeSetup
{
    public static IServiceCollection AddMesaRealtime(this IServiceCollection services)
    {
        services.AddScoped<BoardMoveRunner>();
        return services;
    }
}
