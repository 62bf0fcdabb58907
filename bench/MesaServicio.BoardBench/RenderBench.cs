using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Bunit;
using MesaServicio.Benchmarks;
using MesaServicio.Core;
using MesaServicio.Core.Board;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.People;
using MesaServicio.Core.Security;
using MesaServicio.Web.Auth;
using MesaServicio.Web.Components.Board;
using MesaServicio.Web.Components.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MudBlazor.Services;

namespace MesaServicio.BoardBench;

/// <summary>
/// The board's first render with <c>cases</c> cases on the board: the query alone (<see cref="GetBoard"/>), and the
/// board page rendered by bUnit (query + render of the five columns), for the coordinator who sees them all.
/// </summary>
internal static class RenderBench
{
    /// <summary>Creates (or completes) a portal database at <paramref name="file"/> with <paramref name="cases"/> board cases.</summary>
    public static async Task SeedAsync(string file, int cases)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Mesa"] = $"Data Source={file}",
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddMesaServicioCore(configuration).BuildServiceProvider();
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(default);
        await using var db = await services.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
        await BoardSeed.SeedAsync(db, cases, DateTimeOffset.UtcNow, services.GetRequiredService<IBusinessCalendarProvider>().Current);
        Console.WriteLine($"Seeded {cases} cases into {file}");
    }

    /// <summary>Prints the SQL of the board's queries and their timings on an existing database.</summary>
    public static async Task ExplainAsync(string file)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Mesa"] = $"Data Source={file}",
        }).Build();
        await using var services = new ServiceCollection()
            .AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning)
                .AddFilter("Microsoft.EntityFrameworkCore.Database.Command", Microsoft.Extensions.Logging.LogLevel.Information))
            .AddMesaServicioCore(configuration).BuildServiceProvider();
        var board = services.GetRequiredService<GetBoard>();
        var agent = CurrentUser.Person(SeedData.DemoPeople.Agent1, PersonRoles.Agent);
        var coordinator = CurrentUser.Person(SeedData.DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);
        foreach (var (user, filter, name) in new[] { (agent, BoardFilter.None, "agent"), (coordinator, new BoardFilter(Search: "impresora"), "search") })
        {
            for (var i = 0; i < 3; i++)
            {
                var watch = Stopwatch.StartNew();
                var view = await board.HandleAsync(user, filter, default);
                Console.WriteLine($"{name}: {view.Total} cards in {watch.Elapsed.TotalMilliseconds:F1} ms");
            }
        }
    }

    public static async Task RunAsync(int cases, int runs)
    {
        var folder = Path.Combine(Path.GetTempPath(), "mesa-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Mesa"] = $"Data Source={Path.Combine(folder, "mesa.db")}",
        }).Build();
        var coordinator = CurrentUser.Person(SeedData.DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);

        await using (var seeding = new ServiceCollection().AddLogging().AddMesaServicioCore(configuration).BuildServiceProvider())
        {
            await seeding.GetRequiredService<DatabaseInitializer>().InitializeAsync(default);
            await using var db = await seeding.GetRequiredService<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
            var watch = Stopwatch.StartNew();
            await BoardSeed.SeedAsync(db, cases, DateTimeOffset.UtcNow, seeding.GetRequiredService<IBusinessCalendarProvider>().Current);
            Console.WriteLine($"Seeded {cases} cases in {watch.Elapsed.TotalSeconds:F1} s");

            var board = seeding.GetRequiredService<GetBoard>();
            var query = new List<double>();
            for (var i = 0; i < runs + 1; i++)
            {
                watch.Restart();
                var view = await board.HandleAsync(coordinator, BoardFilter.None, default);
                if (i > 0)
                {
                    query.Add(watch.Elapsed.TotalMilliseconds);
                }

                if (view.Total != cases)
                {
                    throw new InvalidOperationException($"The board shows {view.Total} cases.");
                }
            }

            Console.WriteLine("GetBoard (coordinator, all cases): " + Stats.Summary(query));
        }

        var renders = new List<double>();
        var cards = 0;
        for (var i = 0; i < runs + 1; i++)
        {
            await using var context = new BunitContext();
            context.JSInterop.Mode = JSRuntimeMode.Loose;
            context.Services.AddMudServices();
            context.Services.AddLogging();
            context.Services.AddMesaServicioCore(configuration);
            context.Services.AddScoped<CurrentUserAccessor>();
            context.Services.AddScoped<CaseOperationRunner>();
            context.Services.AddScoped<BoardMoveRunner>();
            var auth = context.AddAuthorization();
            auth.SetAuthorized("Coordinación");
            auth.SetClaims(new Claim(MesaClaims.PersonId, SeedData.DemoPeople.Coordinator.ToString()),
                new Claim(MesaClaims.Role, "Mesa.Agente"), new Claim(MesaClaims.Role, "Mesa.Coordinador"));

            // After every service is added: setting it starts the renderer. The board asks whether it runs interactive.
            context.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));

            var watch = Stopwatch.StartNew();
            var page = context.Render<BoardPage>();
            page.WaitForAssertion(() =>
            {
                if (page.FindAll("section.board-column").Count != 5 || page.FindAll("article[data-numero]").Count == 0)
                {
                    throw new InvalidOperationException("Not rendered yet.");
                }
            }, TimeSpan.FromSeconds(60));
            var elapsed = watch.Elapsed.TotalMilliseconds;
            cards = page.FindAll("article[data-numero]").Count;
            if (i > 0)
            {
                renders.Add(elapsed);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Board page first render (query + render, {cards} cards rendered by Virtualize): ") + Stats.Summary(renders));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
