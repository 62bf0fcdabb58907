using MesaServicio.Core;
using MesaServicio.Core.TimedWork;
using MesaServicio.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Tests.TimedWork;

/// <summary>
/// Another instance of the desk on the same SQLite file and the same clock as a <see cref="CoreHost"/>: its own
/// service provider (Core and the timed work, not started), its own connections, as a second portal behind a load
/// balancer would have.
/// </summary>
internal sealed class SecondCoreInstance : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private SecondCoreInstance(ServiceProvider services) => _services = services;

    public static SecondCoreInstance Of(CoreHost host)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(host.Database.Settings.ToDictionary(kv => kv.Key, kv => (string?)kv.Value))
            .Build();
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<TimeProvider>(host.Time)
            .AddMesaServicioCore(configuration)
            .AddMesaServicioTimedWork(configuration)
            .BuildServiceProvider(validateScopes: true);
        return new SecondCoreInstance(services);
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
