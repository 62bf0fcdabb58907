using MesaServicio.Core;
using MesaServicio.Core.Persistence;
using MesaServicio.Tests.EndToEnd;
using MesaServicio.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Tests.ScaleOut;

/// <summary>
/// Runs only where a PostgreSQL server and a Redis server are given (<c>MESA_TEST_POSTGRES</c>, <c>MESA_TEST_REDIS</c>);
/// with <c>MESA_REQUIRE_SERVICES=1</c> (CI) it runs regardless, so that a missing server fails instead of skipping.
/// </summary>
public sealed class ScaleOutFactAttribute : FactAttribute
{
    public ScaleOutFactAttribute()
    {
        if (!TestServices.Given("MESA_TEST_POSTGRES", "MESA_TEST_REDIS"))
        {
            Skip = "Two instances share a PostgreSQL and a Redis server: set MESA_TEST_POSTGRES and MESA_TEST_REDIS (.ci/run starts both).";
        }
    }
}

/// <summary>Several-instance tests start real processes: they run alone, not beside the other process suites.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScaleOutSuite
{
    public const string Name = "ScaleOut";
}

/// <summary>
/// Two portal processes (A and B) on 127.0.0.1 sharing one PostgreSQL database, one Redis (backplane, Data Protection
/// keys, leases) and one attachment folder, as two machines behind a load balancer would. Started together, so that
/// their start-ups race (migrations and seed data are applied once).
/// </summary>
internal sealed class TwoInstances : IAsyncDisposable
{
    private readonly string _folder;
    private readonly Dictionary<string, string> _settings;
    private readonly bool _ownsDatabase;

    private TwoInstances(string folder, TestDatabase database, bool ownsDatabase, Dictionary<string, string> settings)
    {
        _folder = folder;
        Database = database;
        _ownsDatabase = ownsDatabase;
        _settings = settings;
    }

    public TestDatabase Database { get; }

    public PortalProcess A { get; private set; } = default!;

    public PortalProcess B { get; private set; } = default!;

    /// <summary>The attachment folder both instances store into.</summary>
    public string StorageRoot => Path.Combine(_folder, "adjuntos");

    /// <summary>Starts A and B; on <paramref name="database"/> when given (prepared by the test), else on a new PostgreSQL database.</summary>
    public static async Task<TwoInstances> StartAsync(IReadOnlyDictionary<string, string>? extra = null, TestDatabase? database = null)
    {
        var folder = Directory.CreateTempSubdirectory("mesa-scaleout-").FullName;
        var owns = database is null;
        database ??= TestDatabase.Create(folder, DatabaseProvider.PostgreSql);
        var settings = new Dictionary<string, string>
        {
            ["Redis:Connection"] = RedisTestServer.Connection,
            ["Redis:Prefix"] = RedisTestServer.NewPrefix(),
            ["Attachments:StoragePath"] = Path.Combine(folder, "adjuntos"),
            ["Email:Folder"] = Path.Combine(folder, "correo"),
            ["Logging:Format"] = "Json",

            // The intake's limits are shared by the instances (Redis); these tests send more than a minute's 60 from one client.
            ["Intake:RateLimit:PermitsPerMinute"] = "10000",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var instances = new TwoInstances(folder, database, owns, settings);
        instances.A = PortalProcess.Instance("instancia-a", database, settings);
        instances.B = PortalProcess.Instance("instancia-b", database, settings);
        await Task.WhenAll(instances.A.InitializeAsync(), instances.B.InitializeAsync());
        await TwoInstancesTests.SubscribedAsync(instances.Prefix, 2);
        return instances;
    }

    /// <summary>B again after a crash: a new process on the same address, as an orchestrator would restart it.</summary>
    public async Task RestartBAsync()
    {
        await B.DisposeAsync();
        B = PortalProcess.Instance("instancia-b-reiniciada", Database, _settings, B.BaseAddress.Port);
        await B.InitializeAsync();

        // Its live feed's receiver subscribes in the background (Redis may be down at start): wait until it listens.
        await TwoInstancesTests.SubscribedAsync(Prefix, 2);
    }

    /// <summary>The Redis prefix the two instances share (their keys and the live feed's channel).</summary>
    public string Prefix => _settings["Redis:Prefix"];

    /// <summary>Core on the shared database, as a third party (the test) uses it: no timed work, the real clock.</summary>
    public ServiceProvider Core()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(Database.Settings.ToDictionary(kv => kv.Key, kv => (string?)kv.Value))
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Attachments:StoragePath"] = StorageRoot })
            .Build();
        return new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddMesaServicioCore(configuration)
            .BuildServiceProvider(validateScopes: true);
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(A.DisposeAsync(), B.DisposeAsync());
        await using (var redis = await RedisTestServer.ConnectAsync())
        {
            await RedisTestServer.DeleteKeysAsync(redis, _settings["Redis:Prefix"]);
        }

        if (_ownsDatabase)
        {
            Database.Dispose();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }
}
