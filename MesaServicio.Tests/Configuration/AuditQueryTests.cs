using MesaServicio.Core.Audit;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Configuration;
using MesaServicio.Core.Configuration.Categories;
using MesaServicio.Tests.Support;
using static MesaServicio.Core.Persistence.SeedData;
using static MesaServicio.Tests.Configuration.ConfigurationTestUsers;

namespace MesaServicio.Tests.Configuration;

/// <summary>The coordinator's audit: configuration changes and case operations in one list, newest first, filtered and paged.</summary>
public sealed class AuditQueryTests : IAsyncLifetime
{
    private CoreHost _host = null!;
    private string _first = "";
    private string _second = "";

    public async Task InitializeAsync()
    {
        // Monday 2 March: the coordinator renames a category. Tuesday 3 March: a case is filed and analysed.
        // Wednesday 4 March: another case is filed.
        _host = await CoreHost.StartAsync();
        var category = await _host.CategoryAsync("Paz y salvo de TI");
        await _host.Get<RenameCategory>().HandleAsync(new RenameCategoryCommand(category, "Paz y salvo de tecnología"), Coordinator, default);
        _host.Time.Advance(TimeSpan.FromDays(1));
        _first = (await _host.FileAsync()).Number;
        _host.Time.Advance(TimeSpan.FromMinutes(5));
        var assignee = (await _host.LoadAsync(_first)).AssigneeId!.Value;
        await _host.Get<AnalyseCase>().HandleAsync(new AnalyseCaseCommand(_first, null), CoreHost.Agent(assignee), default);
        _host.Time.Advance(TimeSpan.FromDays(1));
        _second = (await _host.FileAsync(requester: DemoPeople.Requester2, subject: "No imprime")).Number;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<AuditEntryPage> ListAsync(AuditFilter filter) => _host.Get<ListAuditEntries>().HandleAsync(filter, Coordinator, default);

    [Fact]
    public async Task Configuration_changes_and_case_operations_come_together_newest_first()
    {
        var page = await ListAsync(new AuditFilter(PageSize: 100));

        page.Entries.Select(e => e.At).Should().BeInDescendingOrder();
        page.Entries.Should().Contain(e => e.Source == AuditSource.Configuration && e.Area == ConfigurationAreas.Category
            && e.ActorName == "Beatriz Elena Cárdenas" && e.Before!.Contains("Paz y salvo de TI") && e.After!.Contains("Paz y salvo de tecnología"));
        page.Entries.Should().Contain(e => e.Source == AuditSource.Case && e.CaseNumber == _first && e.Action == CaseAction.AnalysisStarted);
        page.Entries[0].CaseNumber.Should().Be(_second);
        page.Total.Should().Be(page.Entries.Count);
    }

    [Fact]
    public async Task By_person()
    {
        var coordinator = await ListAsync(new AuditFilter(PersonId: DemoPeople.Coordinator));
        coordinator.Entries.Should().ContainSingle().Which.Subject.Should().Be("Categoría «Paz y salvo de TI»");

        var requester2 = await ListAsync(new AuditFilter(PersonId: DemoPeople.Requester2));
        requester2.Entries.Should().OnlyContain(e => e.CaseNumber == _second && e.ActorId == DemoPeople.Requester2);
        requester2.Entries.Select(e => e.Action).Should().Equal(CaseAction.Registered);
    }

    [Fact]
    public async Task By_case_number_whatever_its_case()
    {
        var page = await ListAsync(new AuditFilter(CaseNumber: " " + _first.ToLowerInvariant() + " "));

        page.Entries.Should().OnlyContain(e => e.CaseNumber == _first && e.Source == AuditSource.Case);
        page.Entries.Select(e => e.Action).Should().Equal(CaseAction.AnalysisStarted, CaseAction.Assigned, CaseAction.Registered);
        (await ListAsync(new AuditFilter(CaseNumber: "MS-1999-000001"))).Entries.Should().BeEmpty();
    }

    [Fact]
    public async Task By_operation_a_configuration_area_or_a_case_action()
    {
        var categories = await ListAsync(new AuditFilter(Area: ConfigurationAreas.Category));
        categories.Entries.Should().ContainSingle().Which.Source.Should().Be(AuditSource.Configuration);

        var registrations = await ListAsync(new AuditFilter(Action: CaseAction.Registered));
        registrations.Entries.Select(e => e.CaseNumber).Should().Equal(_second, _first);
    }

    [Fact]
    public async Task By_local_days_inclusive()
    {
        var monday = await ListAsync(new AuditFilter(From: new DateOnly(2026, 3, 2), To: new DateOnly(2026, 3, 2)));
        monday.Entries.Should().OnlyContain(e => e.Source == AuditSource.Configuration);
        monday.Entries.Should().Contain(e => e.Area == ConfigurationAreas.Category);

        var tuesday = await ListAsync(new AuditFilter(From: new DateOnly(2026, 3, 3), To: new DateOnly(2026, 3, 3)));
        tuesday.Entries.Should().OnlyContain(e => e.CaseNumber == _first);

        var fromTuesday = await ListAsync(new AuditFilter(From: new DateOnly(2026, 3, 3)));
        fromTuesday.Entries.Select(e => e.CaseNumber).Distinct().Should().BeEquivalentTo(_first, _second);
    }

    [Fact]
    public async Task In_pages()
    {
        var all = await ListAsync(new AuditFilter(PageSize: 100));

        var second = await ListAsync(new AuditFilter(Page: 1, PageSize: 2));

        second.Total.Should().Be(all.Total);
        second.Entries.Should().HaveCount(2);
        second.Entries.Select(e => (e.Source, e.Id)).Should().Equal(all.Entries.Skip(2).Take(2).Select(e => (e.Source, e.Id)));
    }
}
