using MesaServicio.Core;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.People;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace MesaServicio.Tests.Support;

/// <summary>Core wired as the app wires it, on a real database of its own (see <see cref="TestDatabase"/>), with a fake clock.</summary>
public sealed class CoreHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string _folder;

    private CoreHost(ServiceProvider services, string folder, TestDatabase database, FakeTimeProvider time)
    {
        _services = services;
        _folder = folder;
        Database = database;
        Time = time;
    }

    /// <summary>The test's database: a second instance or a portal process is started on its <see cref="TestDatabase.Settings"/>.</summary>
    public TestDatabase Database { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>The SQLite file (when the run is on SQLite).</summary>
    public string DatabasePath => Path.Combine(_folder, "mesa.db");

    public static async Task<CoreHost> StartAsync(
        DateTimeOffset? now = null, Action<IServiceCollection>? configure = null, Core.Persistence.DatabaseProvider? provider = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "mesa-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = TestDatabase.Create(folder, provider);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(database.Settings.ToDictionary(kv => kv.Key, kv => (string?)kv.Value))
            .Build();
        var time = new FakeTimeProvider(now ?? CaseBuilder.MondayMorning);
        var collection = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<TimeProvider>(time)
            .AddMesaServicioCore(configuration);
        configure?.Invoke(collection);
        var services = collection.BuildServiceProvider(validateScopes: true);
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        return new CoreHost(services, folder, database, time);
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public MesaDbContext NewContext() => Get<IDbContextFactory<MesaDbContext>>().CreateDbContext();

    /// <summary>A category id by name (the seed's realistic taxonomy).</summary>
    public async Task<int> CategoryAsync(string name)
    {
        await using var db = NewContext();
        return await db.Categories.Where(c => c.Name == name).Select(c => c.Id).SingleAsync();
    }

    public async Task<CaseChangeResult> FileAsync(
        string category = "Correo electrónico institucional", Impact impact = Impact.Medium, Urgency urgency = Urgency.Medium,
        CaseKind kind = CaseKind.Incident, Guid? requester = null, string subject = "No abre el correo")
    {
        var categoryId = await CategoryAsync(category);
        var who = requester ?? SeedData.DemoPeople.Requester;
        return await Get<RegisterCase>().HandleAsync(
            new RegisterCaseCommand(kind, categoryId, subject, "Desde esta mañana Outlook pide la contraseña una y otra vez.", impact, urgency, CaseChannel.Portal, who),
            CurrentUser.Person(who, PersonRoles.None), CancellationToken.None);
    }

    /// <summary>A technician as the use cases see them.</summary>
    public static CurrentUser Agent(Guid personId) => CurrentUser.Person(personId, PersonRoles.Agent);

    /// <summary>The person in the seed, with the roles the seed gives them.</summary>
    public async Task<CurrentUser> UserAsync(Guid personId)
    {
        await using var db = NewContext();
        var roles = await db.People.Where(p => p.Id == personId).Select(p => p.Roles).SingleAsync();
        return CurrentUser.Person(personId, roles);
    }

    /// <summary>The desk acting on its own now (a sweep's context).</summary>
    public CaseContext SystemContext() => new(Actor.System, Time.GetUtcNow(), Get<IBusinessCalendarProvider>().Current);

    public async Task<Case> LoadAsync(string number)
    {
        await using var db = NewContext();
        return await db.Cases.Include(c => c.History).AsNoTracking().SingleAsync(c => c.Number == number);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Database.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on some platform: the temp folder is cleaned later.
        }
    }
}
