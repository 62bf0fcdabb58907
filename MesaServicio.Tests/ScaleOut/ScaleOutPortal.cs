using MesaServicio.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace MesaServicio.Tests.ScaleOut;

/// <summary>
/// One instance of the portal configured for several instances: <c>Redis:Connection</c> and a <c>Redis:Prefix</c> that
/// the instances of one test share (and no other test uses). On Kestrel when a real SignalR client must connect to it.
/// Each instance keeps its own SQLite file: these tests are about what Redis shares.
/// </summary>
public class ScaleOutPortal : PortalFactory
{
    private readonly string _connection;
    private readonly string _prefix;

    public ScaleOutPortal(string connection, string prefix, bool kestrel = false)
    {
        _connection = connection;
        _prefix = prefix;
        if (kestrel)
        {
            UseKestrel(0);
            StartServer();
        }
    }

    /// <summary>Kestrel's address (for an instance started on Kestrel).</summary>
    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Redis:Connection", _connection);
        builder.UseSetting("Redis:Prefix", _prefix);
    }
}
