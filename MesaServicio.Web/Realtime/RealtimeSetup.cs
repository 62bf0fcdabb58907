using MesaServicio.Core.Cases;
using MesaServicio.Web.Components.Board;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;

namespace MesaServicio.Web.Realtime;

/// <summary>Registers and maps the live board: its hub, the fan-out of case changes, the board's move runner.</summary>
public static class RealtimeSetup
{
    public static IServiceCollection AddMesaRealtime(this IServiceCollection services)
    {
        services.AddSignalR().AddHubOptions<BoardHub>(options =>
        {
            // Board clients only listen.
            options.MaximumReceiveMessageSize = 4 * 1024;
            options.MaximumParallelInvocationsPerClient = 1;
        });
        services.AddSingleton<IBoardFanout, HubBoardFanout>();
        services.AddSingleton<ICaseEventHandler, BoardEventHandler>();
        services.AddScoped<BoardMoveRunner>();

        // A hub is not a page: answer 401/403 instead of redirecting to the sign-in page.
        services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, options =>
        {
            var toLogin = options.Events.OnRedirectToLogin;
            var toDenied = options.Events.OnRedirectToAccessDenied;
            options.Events.OnRedirectToLogin = context => IsHub(context.Request) ? Status(context.HttpContext, 401) : toLogin(context);
            options.Events.OnRedirectToAccessDenied = context => IsHub(context.Request) ? Status(context.HttpContext, 403) : toDenied(context);
        });
        return services;
    }

    public static IEndpointRouteBuilder MapMesaRealtime(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<BoardHub>(BoardHub.Path);
        return endpoints;
    }

    private static bool IsHub(HttpRequest request) => request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase);

    private static Task Status(HttpContext context, int status)
    {
        // The status is the answer: no "not found" page re-executed in its place.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
