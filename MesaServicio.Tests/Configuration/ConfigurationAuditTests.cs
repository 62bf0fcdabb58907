using MesaServicio.Core.Cases;
using MesaServicio.Core.Configuration;
using MesaServicio.Core.Configuration.Calendar;
using MesaServicio.Core.Configuration.Categories;
using MesaServicio.Core.Configuration.Groups;
using MesaServicio.Core.Configuration.Indicators;
using MesaServicio.Core.Configuration.Priority;
using MesaServicio.Core.Configuration.Routing;
using MesaServicio.Core.Configuration.Sla;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using MesaServicio.Core.Sla;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static MesaServicio.Core.Persistence.SeedData;
using static MesaServicio.Tests.Configuration.ConfigurationTestUsers;

namespace MesaServicio.Tests.Configuration;

/// <summary>
/// Every configuration use case writes exactly one audit row (who, when, before → after) with its change, and refuses
/// everyone but the coordinator without changing anything.
/// </summary>
public sealed class ConfigurationAuditTests(ConfigurationAuditTests.Fixture fixture) : IClassFixture<ConfigurationAuditTests.Fixture>
{
    /// <summary>A change: its arrangement runs as the coordinator and returns the act, run as the user under test.</summary>
    private sealed record Scenario(string Area, bool HasBefore, bool HasAfter, Func<CoreHost, Task<Func<CurrentUser, Task>>> Arrange);

    private static readonly Dictionary<string, Scenario> Scenarios = new(StringComparer.Ordinal)
    {
        ["add a sub-category"] = new(ConfigurationAreas.Category, false, true, async h =>
        {
            var parent = await h.CategoryAsync("Servicios administrativos");
            var name = Unique("Préstamo de portátiles");
            return u => h.Get<AddCategory>().HandleAsync(new AddCategoryCommand(parent, name), u, default);
        }),
        ["rename a category"] = new(ConfigurationAreas.Category, true, true, async h =>
        {
            var id = await NewCategoryAsync(h);
            return u => h.Get<RenameCategory>().HandleAsync(new RenameCategoryCommand(id, Unique("Renombrada")), u, default);
        }),
        ["deactivate a category"] = new(ConfigurationAreas.Category, true, true, async h =>
        {
            var id = await NewCategoryAsync(h);
            return u => h.Get<SetCategoryActive>().HandleAsync(new SetCategoryActiveCommand(id, false), u, default);
        }),
        ["add a group"] = new(ConfigurationAreas.Group, false, true, h =>
            Task.FromResult<Func<CurrentUser, Task>>(u => h.Get<AddGroup>().HandleAsync(new AddGroupCommand(Unique("Grupo"), 2), u, default))),
        ["rename a group and change its level"] = new(ConfigurationAreas.Group, true, true, async h =>
        {
            var id = await NewGroupAsync(h);
            return u => h.Get<UpdateGroup>().HandleAsync(new UpdateGroupCommand(id, Unique("Otro nombre"), 3), u, default);
        }),
        ["deactivate a group"] = new(ConfigurationAreas.Group, true, true, async h =>
        {
            var id = await NewGroupAsync(h);
            return u => h.Get<SetGroupActive>().HandleAsync(new SetGroupActiveCommand(id, false), u, default);
        }),
        ["add a member"] = new(ConfigurationAreas.Group, true, true, async h =>
        {
            var id = await NewGroupAsync(h);
            return u => h.Get<AddGroupMember>().HandleAsync(new AddGroupMemberCommand(id, DemoPeople.Agent4), u, default);
        }),
        ["remove a member"] = new(ConfigurationAreas.Group, true, true, async h =>
        {
            var id = await NewGroupAsync(h);
            await h.Get<AddGroupMember>().HandleAsync(new AddGroupMemberCommand(id, DemoPeople.Agent4), Coordinator, default);
            return u => h.Get<RemoveGroupMember>().HandleAsync(new RemoveGroupMemberCommand(id, DemoPeople.Agent4), u, default);
        }),
        ["reorder members"] = new(ConfigurationAreas.Group, true, true, async h =>
        {
            var id = await NewGroupAsync(h);
            await h.Get<AddGroupMember>().HandleAsync(new AddGroupMemberCommand(id, DemoPeople.Agent4), Coordinator, default);
            await h.Get<AddGroupMember>().HandleAsync(new AddGroupMemberCommand(id, DemoPeople.Agent5), Coordinator, default);
            return u => h.Get<MoveGroupMember>().HandleAsync(new MoveGroupMemberCommand(id, DemoPeople.Agent5, 0), u, default);
        }),
        ["route a category"] = new(ConfigurationAreas.Routing, true, true, async h =>
        {
            var category = await NewCategoryAsync(h);
            var group = await NewGroupAsync(h);
            return u => h.Get<RouteCategory>().HandleAsync(new RouteCategoryCommand(category, group, DemoPeople.LeadAdministrativos), u, default);
        }),
        ["set an ANS cell"] = new(ConfigurationAreas.SlaPolicy, true, true, h =>
            Task.FromResult<Func<CurrentUser, Task>>(u => h.Get<SetSlaTargets>().HandleAsync(
                new SetSlaTargetsCommand(null, CaseKind.Request, CasePriority.Low, (Next() % 1000) + 1, SlaUnit.BusinessHours, 2000, SlaUnit.BusinessHours), u, default))),
        ["clear a category's ANS cell"] = new(ConfigurationAreas.SlaPolicy, true, false, async h =>
        {
            var category = await NewCategoryAsync(h);
            await h.Get<SetSlaTargets>().HandleAsync(
                new SetSlaTargetsCommand(category, CaseKind.Incident, CasePriority.Low, 2, SlaUnit.BusinessHours, 3, SlaUnit.BusinessDays), Coordinator, default);
            return u => h.Get<ClearSlaPolicy>().HandleAsync(new ClearSlaPolicyCommand(category, CaseKind.Incident, CasePriority.Low), u, default);
        }),
        ["set the business hours"] = new(ConfigurationAreas.BusinessHours, true, true, async h =>
        {
            var current = await h.Get<GetCalendarSettings>().HandleAsync(Coordinator, default);
            var friday = current.Hours.GetValueOrDefault(DayOfWeek.Friday) == "08:00-13:00" ? "08:00-14:00" : "08:00-13:00";
            var week = new Dictionary<DayOfWeek, string?>
            {
                [DayOfWeek.Monday] = "08:00-17:00",
                [DayOfWeek.Tuesday] = "08:00-17:00",
                [DayOfWeek.Wednesday] = "08:00-17:00",
                [DayOfWeek.Thursday] = "08:00-17:00",
                [DayOfWeek.Friday] = friday,
            };
            return u => h.Get<SetBusinessHours>().HandleAsync(new SetBusinessHoursCommand(week), u, default);
        }),
        ["declare a non-working day"] = new(ConfigurationAreas.NonWorkingDay, false, true, h =>
        {
            var day = new DateOnly(2027, 1, 1).AddDays(Next());
            return Task.FromResult<Func<CurrentUser, Task>>(u => h.Get<AddNonWorkingDay>().HandleAsync(new AddNonWorkingDayCommand(day, "Jornada de inventario"), u, default));
        }),
        ["withdraw a non-working day"] = new(ConfigurationAreas.NonWorkingDay, true, false, async h =>
        {
            var day = new DateOnly(2028, 1, 1).AddDays(Next());
            await h.Get<AddNonWorkingDay>().HandleAsync(new AddNonWorkingDayCommand(day, "Jornada de inventario"), Coordinator, default);
            return u => h.Get<RemoveNonWorkingDay>().HandleAsync(new RemoveNonWorkingDayCommand(day), u, default);
        }),
        ["change a priority cell"] = new(ConfigurationAreas.PriorityMatrix, true, true, async h =>
        {
            await using var db = h.NewContext();
            var current = (await db.PriorityMatrix.SingleAsync(c => c.Impact == Impact.Low && c.Urgency == Urgency.Low)).Priority;
            var next = current == CasePriority.Planned ? CasePriority.Low : CasePriority.Planned;
            return u => h.Get<SetPriorityCell>().HandleAsync(new SetPriorityCellCommand(Impact.Low, Urgency.Low, next), u, default);
        }),
        ["set indicator 7's target"] = new(ConfigurationAreas.Indicators, true, true, h =>
        {
            var target = $"{50 + (Next() % 40)},5";
            return Task.FromResult<Func<CurrentUser, Task>>(u => h.Get<SetIndicator7Target>().HandleAsync(new SetIndicator7TargetCommand(target), u, default));
        }),
        ["publish a privacy notice"] = new(ConfigurationAreas.PrivacyNotice, true, true, h =>
        {
            var text = Unique("Aviso de privacidad de la entidad");
            return Task.FromResult<Func<CurrentUser, Task>>(u => h.Get<MesaServicio.Core.Privacy.PrivacyNotices>().PublishAsync(u, text, default));
        }),
        ["mark a group specialised"] = new(ConfigurationAreas.Indicators, true, true, async h =>
        {
            var id = await h.CategoryAsync("Servicios administrativos");
            await using var db = h.NewContext();
            var marked = (await db.Categories.SingleAsync(c => c.Id == id)).IsSpecialised;
            return u => h.Get<SetGroupSpecialised>().HandleAsync(new SetGroupSpecialisedCommand(id, !marked), u, default);
        }),
    };

    private static int _counter;

    public static TheoryData<string> Changes() => [.. Scenarios.Keys];

    public static TheoryData<string, string> ChangesAndIntruders()
    {
        var data = new TheoryData<string, string>();
        foreach (var change in Scenarios.Keys)
        {
            foreach (var actor in NonCoordinators.Keys)
            {
                data.Add(change, actor);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Every_change_writes_one_audit_row_with_who_when_and_before_and_after(string change)
    {
        var scenario = Scenarios[change];
        var act = await scenario.Arrange(fixture.Host);
        var last = await LastAuditIdAsync();
        fixture.Host.Time.Advance(TimeSpan.FromMinutes(1));

        await act(Coordinator);

        await using var db = fixture.Host.NewContext();
        var rows = await db.ConfigurationChanges.Where(c => c.Id > last).ToListAsync();
        rows.Should().ContainSingle();
        var row = rows[0];
        row.Area.Should().Be(scenario.Area);
        row.ActorId.Should().Be(DemoPeople.Coordinator);
        row.At.Should().Be(fixture.Host.Time.GetUtcNow());
        row.Subject.Should().NotBeNullOrWhiteSpace();
        (row.Before is not null).Should().Be(scenario.HasBefore, "before: {0}", row.Before);
        (row.After is not null).Should().Be(scenario.HasAfter, "after: {0}", row.After);
        if (row.Before is not null && row.After is not null)
        {
            row.After.Should().NotBe(row.Before);
        }

        foreach (var json in new[] { row.Before, row.After }.OfType<string>())
        {
            json.Should().StartWith("{").And.NotContain("\n");
            System.Text.Json.JsonDocument.Parse(json).Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(ChangesAndIntruders))]
    public async Task Anyone_but_the_coordinator_is_refused_and_nothing_changes(string change, string actor)
    {
        var act = await Scenarios[change].Arrange(fixture.Host);
        var last = await LastAuditIdAsync();

        var refused = () => act(NonCoordinators[actor]);

        (await refused.Should().ThrowAsync<MesaServicio.Core.Common.ForbiddenException>()).Which.Message
            .Should().Be("No tiene permiso para cambiar la configuración.");
        (await LastAuditIdAsync()).Should().Be(last);
    }

    [Theory]
    [MemberData(nameof(Intruders))]
    public async Task The_reads_of_the_configuration_and_the_recompute_are_refused_too(string actor)
    {
        var user = NonCoordinators[actor];
        var host = fixture.Host;
        await FluentActions.Awaiting(() => host.Get<GetCatalogSettings>().HandleAsync(user, default)).Should().ThrowAsync<MesaServicio.Core.Common.ForbiddenException>();
        await FluentActions.Awaiting(() => host.Get<GetSlaSettings>().HandleAsync(user, default)).Should().ThrowAsync<MesaServicio.Core.Common.ForbiddenException>();
        await FluentActions.Awaiting(() => host.Get<GetCalendarSettings>().HandleAsync(user, default)).Should().ThrowAsync<MesaServicio.Core.Common.ForbiddenException>();
        await FluentActions.Awaiting(() => host.Get<RecomputeCaseSla>().HandleAsync(new RecomputeCaseSlaCommand(null, null, "Motivo."), user, default))
            .Should().ThrowAsync<MesaServicio.Core.Common.ForbiddenException>();
        await FluentActions.Awaiting(() => host.Get<MesaServicio.Core.Privacy.PrivacyNotices>().GetForCoordinatorAsync(user, default))
            .Should().ThrowAsync<MesaServicio.Core.Common.ForbiddenException>();
        await FluentActions.Awaiting(() => host.Get<MesaServicio.Core.Audit.ListAuditEntries>().HandleAsync(new MesaServicio.Core.Audit.AuditFilter(), user, default))
            .Should().ThrowAsync<MesaServicio.Core.Common.ForbiddenException>();
    }

    public static TheoryData<string> Intruders() => [.. NonCoordinators.Keys];

    private async Task<long> LastAuditIdAsync()
    {
        await using var db = fixture.Host.NewContext();
        return await db.ConfigurationChanges.MaxAsync(c => (long?)c.Id) ?? 0;
    }

    private static int Next() => Interlocked.Increment(ref _counter);

    private static string Unique(string name) => $"{name} {Next()}";

    private static Task<int> NewCategoryAsync(CoreHost h) =>
        h.CategoryAsync("Servicios administrativos").ContinueWith(
            t => h.Get<AddCategory>().HandleAsync(new AddCategoryCommand(t.Result, Unique("Categoría de prueba")), Coordinator, default),
            TaskScheduler.Default).Unwrap();

    private static Task<int> NewGroupAsync(CoreHost h) => h.Get<AddGroup>().HandleAsync(new AddGroupCommand(Unique("Grupo de prueba"), 1), Coordinator, default);

    public sealed class Fixture : IAsyncLifetime
    {
        public CoreHost Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await CoreHost.StartAsync();

        public async Task DisposeAsync() => await Host.DisposeAsync();
    }
}
