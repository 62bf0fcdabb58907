using MesaServicio.Core.Calendar;
using MesaServicio.Core.Configuration;
using MesaServicio.Core.Configuration.Calendar;
using MesaServicio.Tests.Support;
using MesaServicio.Tests.TimedWork;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static MesaServicio.Tests.Configuration.ConfigurationTestUsers;

namespace MesaServicio.Tests.Configuration;

/// <summary>The calendar lives in the database: appsettings seed it once; every instance follows the coordinator's changes.</summary>
public sealed class StoredCalendarTests
{
    [Fact]
    public async Task The_first_start_seeds_the_calendar_from_appsettings_and_records_it()
    {
        var options = new BusinessCalendarOptions
        {
            WeeklyHours = { [DayOfWeek.Monday] = ["07:00-12:00", "13:00-16:00"], [DayOfWeek.Tuesday] = ["07:00-16:00"] },
            ExtraNonWorkingDays = [new DateOnly(2026, 12, 24)],
        };
        await using var host = await CoreHost.StartAsync(configure: s => s.AddSingleton(new BusinessCalendarSeed(options)));

        var calendar = host.Get<IBusinessCalendarProvider>().Current;
        calendar.WeeklyHours.Keys.Should().BeEquivalentTo([DayOfWeek.Monday, DayOfWeek.Tuesday]);
        calendar.IsBusinessDay(new DateOnly(2026, 12, 24)).Should().BeFalse();
        calendar.IsBusinessDay(new DateOnly(2026, 12, 25)).Should().BeFalse("national holidays stay computed");

        await using var db = host.NewContext();
        (await db.NonWorkingDays.SingleAsync()).Description.Should().Be("Declarado en la configuración inicial");
        var seeded = await db.ConfigurationChanges.SingleAsync();
        seeded.ActorId.Should().BeNull();
        seeded.Area.Should().Be(ConfigurationAreas.BusinessHours);
        seeded.After.Should().Contain("\"Monday\":\"07:00-12:00, 13:00-16:00\"").And.Contain("2026-12-24");
    }

    [Fact]
    public async Task Seeding_runs_once_later_starts_keep_the_coordinators_calendar()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Get<AddNonWorkingDay>().HandleAsync(new AddNonWorkingDayCommand(new DateOnly(2026, 3, 6), "Día de la entidad"), Coordinator, default);

        await host.Get<MesaServicio.Core.Persistence.DatabaseInitializer>().InitializeAsync(default);

        await using var db = host.NewContext();
        (await db.CalendarSettings.CountAsync()).Should().Be(1);
        (await db.NonWorkingDays.Select(d => d.Day).ToListAsync()).Should().Equal(new DateOnly(2026, 3, 6));
        host.Get<IBusinessCalendarProvider>().Current.IsBusinessDay(new DateOnly(2026, 3, 6)).Should().BeFalse();
    }

    [Fact]
    public async Task Another_instance_rebuilds_its_calendar_when_the_stored_settings_change()
    {
        await using var host = await CoreHost.StartAsync();
        await using var second = SecondCoreInstance.Of(host);
        var other = second.Get<StoredBusinessCalendarProvider>();
        await other.ReloadAsync(default);
        other.Current.IsBusinessDay(new DateOnly(2026, 3, 6)).Should().BeTrue();

        await host.Get<AddNonWorkingDay>().HandleAsync(new AddNonWorkingDayCommand(new DateOnly(2026, 3, 6), "Día de la entidad"), Coordinator, default);

        (await other.RefreshIfChangedAsync(default)).Should().BeTrue();
        other.Current.IsBusinessDay(new DateOnly(2026, 3, 6)).Should().BeFalse();
        (await other.RefreshIfChangedAsync(default)).Should().BeFalse("nothing changed since");
    }

    [Fact]
    public async Task Readers_always_see_a_whole_calendar_while_it_is_rebuilt()
    {
        await using var host = await CoreHost.StartAsync();
        var provider = host.Get<StoredBusinessCalendarProvider>();
        using var stop = new CancellationTokenSource();
        using var started = new CountdownEvent(4);
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(() =>
        {
            var reads = 0;
            started.Signal();
            do
            {
                provider.Current.WeeklyHours.Should().NotBeEmpty();
                reads++;
            }
            while (!stop.IsCancellationRequested);

            return reads;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();
        started.Wait(TimeSpan.FromSeconds(10)).Should().BeTrue();

        for (var i = 0; i < 10; i++)
        {
            await host.Get<AddNonWorkingDay>().HandleAsync(new AddNonWorkingDayCommand(new DateOnly(2026, 4, 1).AddDays(i), "Prueba"), Coordinator, default);
        }

        await stop.CancelAsync();
        (await Task.WhenAll(readers)).Should().OnlyContain(r => r > 0);
        Enumerable.Range(0, 10).Select(i => provider.Current.IsBusinessDay(new DateOnly(2026, 4, 1).AddDays(i))).Should().OnlyContain(b => !b);
        provider.Version.Should().Be(10);
    }
}
