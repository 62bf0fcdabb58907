using System.Collections.Concurrent;
using MesaServicio.Core.Cases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MesaServicio.RegistrationBench;

/// <summary>
/// The database work of one registration, as EF Core (and Npgsql, when it logs) report it: every command executed,
/// every transaction begun and committed, every connection opened. Then the same counts averaged over many
/// registrations. CaseNumbers' upsert is a plain ADO.NET command that EF Core does not see; it is counted by hand.
/// </summary>
internal static class RoundTrips
{
    public static async Task RunAsync(BenchDatabase database, int registrations)
    {
        var log = new EventLog();
        await using var services = await RegistrationRun.StartCoreAsync(database, b => b
            .AddProvider(log)
            .AddFilter("Microsoft.EntityFrameworkCore.Database", LogLevel.Debug)
            .AddFilter("Microsoft.EntityFrameworkCore.Query", LogLevel.Debug)
            .AddFilter("Microsoft.EntityFrameworkCore.Infrastructure", LogLevel.Debug)
            .AddFilter("Npgsql.Command", LogLevel.Debug)
            .AddFilter("Npgsql.Transaction", LogLevel.Debug));
        var register = services.GetRequiredService<RegisterCase>();
        var categories = await RegistrationRun.LeafCategoriesAsync(services);
        for (var i = 0; i < 50; i++)
        {
            await RegistrationRun.RegisterOneAsync(register, categories, i);
        }

        log.Events.Clear();
        log.Recording = true;
        await RegistrationRun.RegisterOneAsync(register, categories, 50);
        log.Recording = false;
        Console.WriteLine($"One registration on {database.Provider} (after 50 warm-up registrations):");
        foreach (var e in log.Events)
        {
            Console.WriteLine($"  {e.Category,-12} {e.EventName,-28} {e.Text}");
        }

        log.Events.Clear();
        log.Recording = true;
        for (var i = 0; i < registrations; i++)
        {
            await RegistrationRun.RegisterOneAsync(register, categories, 51 + i);
        }

        log.Recording = false;
        Console.WriteLine($"Average per registration over {registrations} registrations:");
        foreach (var group in log.Events.GroupBy(e => (e.Category, e.EventName)).OrderBy(g => g.Key.Category).ThenBy(g => g.Key.EventName))
        {
            Console.WriteLine($"  {group.Key.Category,-12} {group.Key.EventName,-28} {(double)group.Count() / registrations:F2}");
        }

        Console.WriteLine("  (+1 command per registration not seen by EF Core: CaseNumbers' INSERT … ON CONFLICT … RETURNING)");
    }

    private sealed record LoggedEvent(string Category, string EventName, string Text);

    private sealed class EventLog : ILoggerProvider
    {
        public ConcurrentQueue<LoggedEvent> Events { get; } = new();

        public bool Recording { get; set; }

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(EventLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (!log.Recording)
                {
                    return;
                }

                var shortCategory = category.Split('.')[^1];
                var name = eventId.Name?.Split('.')[^1] ?? eventId.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (name.EndsWith("Executing", StringComparison.Ordinal) || name.EndsWith("Opening", StringComparison.Ordinal)
                    || name.EndsWith("Closing", StringComparison.Ordinal) || name.EndsWith("Starting", StringComparison.Ordinal)
                    || name.EndsWith("Committing", StringComparison.Ordinal) || name.EndsWith("Created", StringComparison.Ordinal)
                    || name.EndsWith("Creating", StringComparison.Ordinal) || name.Contains("DataReader", StringComparison.Ordinal)
                    || name.EndsWith("Initialized", StringComparison.Ordinal) || name.EndsWith("Disposing", StringComparison.Ordinal)
                    || name.EndsWith("Disposed", StringComparison.Ordinal) || name.StartsWith("Creating", StringComparison.Ordinal)
                    || name.StartsWith("Releasing", StringComparison.Ordinal))
                {
                    return;
                }

                var text = formatter(state, exception).ReplaceLineEndings(" ");
                if (name.StartsWith("Connection", StringComparison.Ordinal))
                {
                    text = "";
                }

                var sql = text;
                if (name == "CommandExecuted" && text.IndexOf("CommandTimeout=", StringComparison.Ordinal) is var at and >= 0)
                {
                    // "Executed DbCommand (0ms) [Parameters=[…], CommandType='Text', CommandTimeout='30'] SQL": keep the time and the SQL.
                    var time = text[..text.IndexOf(')', StringComparison.Ordinal)].Split('(')[^1];
                    sql = time + "  " + text[(text.IndexOf(']', at) + 1)..].Trim();
                }

                log.Events.Enqueue(new LoggedEvent(shortCategory, name, sql.Length > 150 ? sql[..150] + "…" : sql));
            }
        }
    }
}
