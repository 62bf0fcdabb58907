using System.Text.RegularExpressions;
using MesaServicio.Core.Audit;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Configuration;
using MesaServicio.Core.Configuration.Calendar;
using MesaServicio.Core.Configuration.Categories;
using MesaServicio.Core.Configuration.Groups;
using MesaServicio.Core.Configuration.Priority;
using MesaServicio.Core.Configuration.Routing;
using MesaServicio.Core.Configuration.Sla;
using MesaServicio.Core.People;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using MesaServicio.Core.Sla;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static MesaServicio.Core.Persistence.SeedData;

namespace MesaServicio.Tests.Audit;

/// <summary>
/// The audit's before → after reads in Spanish words with names: real configuration changes and real case operations,
/// listed by the real use case, never show the stored JSON, English enum names or ids.
/// </summary>
public sealed partial class AuditValuesTests : IAsyncLifetime
{
    private static readonly CurrentUser Coordinator = CurrentUser.Person(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);

    private CoreHost _host = null!;
    private string _first = "";
    private string _duplicate = "";
    private string _assignee = "";
    private IReadOnlyList<AuditEntry> _entries = [];

    public async Task InitializeAsync()
    {
        _host = await CoreHost.StartAsync();
        var paz = await _host.CategoryAsync("Paz y salvo de TI");
        await _host.Get<RenameCategory>().HandleAsync(new RenameCategoryCommand(paz, "Paz y salvo de tecnología"), Coordinator, default);
        var telefonia = await _host.CategoryAsync("Telefonía IP");
        await _host.Get<SetCategoryActive>().HandleAsync(new SetCategoryActiveCommand(telefonia, false), Coordinator, default);
        int firstLevel, administrativos;
        await using (var db = _host.NewContext())
        {
            firstLevel = await db.TechnicianGroups.Where(g => g.Name == "Mesa de ayuda — primer nivel").Select(g => g.Id).SingleAsync();
            administrativos = await db.TechnicianGroups.Where(g => g.Name == "Servicios administrativos — nivel 1").Select(g => g.Id).SingleAsync();
        }

        var vpn = await _host.CategoryAsync("VPN y acceso remoto");
        await _host.Get<RouteCategory>().HandleAsync(new RouteCategoryCommand(vpn, administrativos, DemoPeople.LeadAdministrativos), Coordinator, default);
        await _host.Get<SetPriorityCell>().HandleAsync(new SetPriorityCellCommand(Impact.Low, Urgency.Low, CasePriority.High), Coordinator, default);
        await _host.Get<AddNonWorkingDay>().HandleAsync(new AddNonWorkingDayCommand(new DateOnly(2026, 3, 20), "Jornada de inventario"), Coordinator, default);
        await _host.Get<AddGroupMember>().HandleAsync(new AddGroupMemberCommand(firstLevel, DemoPeople.Agent4), Coordinator, default);
        await _host.Get<SetSlaTargets>().HandleAsync(
            new SetSlaTargetsCommand(null, CaseKind.Incident, CasePriority.High, 3, SlaUnit.BusinessHours, 2, SlaUnit.BusinessDays), Coordinator, default);

        _first = (await _host.FileAsync()).Number;
        var assigneeId = (await _host.LoadAsync(_first)).AssigneeId!.Value;
        await using (var db = _host.NewContext())
        {
            _assignee = await db.People.Where(p => p.Id == assigneeId).Select(p => p.DisplayName).SingleAsync();
        }

        await _host.Get<AnalyseCase>().HandleAsync(new AnalyseCaseCommand(_first, null), CoreHost.Agent(assigneeId), default);
        await _host.Get<EscalateCase>().HandleAsync(
            new EscalateCaseCommand(_first, null, EscalationKind.NextLevel, DemoPeople.Level2Agent, null, "Requiere nivel 2."), CurrentUser.System, default);
        _duplicate = (await _host.FileAsync(requester: DemoPeople.Requester2, subject: "Tampoco abre el correo")).Number;
        await _host.Get<RejectCase>().HandleAsync(
            new RejectCaseCommand(_duplicate, null, RejectionReason.Duplicate, "Ya está registrado.", _first), CurrentUser.System, default);

        _entries = (await _host.Get<ListAuditEntries>().HandleAsync(new AuditFilter(PageSize: 100), Coordinator, default)).Entries;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private string ConfigurationChange(string area, string subject) =>
        _entries.Single(e => e.Source == AuditSource.Configuration && e.Area == area && e.Subject == subject).Change!;

    private string CaseChange(string number, CaseAction action) =>
        _entries.Single(e => e.CaseNumber == number && e.Action == action).Change!;

    [Fact]
    public void A_renamed_category_reads_its_old_and_new_name()
    {
        ConfigurationChange(ConfigurationAreas.Category, "Categoría «Paz y salvo de TI»")
            .Should().Be("nombre: Paz y salvo de TI → Paz y salvo de tecnología");
    }

    [Fact]
    public void A_deactivated_category_reads_si_and_no()
    {
        _entries.Should().Contain(e => e.Area == ConfigurationAreas.Category && e.Change == "activo: sí → no");
    }

    [Fact]
    public void Routing_names_the_groups_and_leads_never_their_ids()
    {
        ConfigurationChange(ConfigurationAreas.Routing, "Categoría «VPN y acceso remoto»").Should().Be(
            "grupo: (el de la categoría principal) → Servicios administrativos — nivel 1; "
            + "líder técnico: (el de la categoría principal) → Óscar Iván Salazar");
    }

    [Fact]
    public void A_priority_cell_reads_the_priorities_in_Spanish()
    {
        var change = _entries.Single(e => e.Area == ConfigurationAreas.PriorityMatrix).Change!;
        change.Should().MatchRegex("^prioridad: (Crítica|Media|Baja|Planificada) → Alta$");
    }

    [Fact]
    public void A_declared_day_reads_in_Colombian_format()
    {
        _entries.Should().Contain(e => e.Area == ConfigurationAreas.NonWorkingDay
            && e.Change == "día: — → 20/03/2026; descripción: — → Jornada de inventario");
    }

    [Fact]
    public void A_new_member_shows_the_group_before_and_after_by_name()
    {
        var change = _entries.Single(e => e.Area == ConfigurationAreas.Group && e.Subject!.StartsWith("Integrantes", StringComparison.Ordinal)).Change!;
        change.Should().StartWith("integrantes: Carlos Pérez Téllez").And.EndWith(", Paola Andrea Sánchez").And.Contain(" → ");
    }

    [Fact]
    public void An_ans_cell_shows_only_what_changed_in_words()
    {
        var change = _entries.Single(e => e.Area == ConfigurationAreas.SlaPolicy).Change!;
        change.Should().StartWith("atender: ").And.Contain("→ 3 h hábiles").And.NotContain("tipo").And.NotContain("prioridad");
    }

    [Fact]
    public void Case_lines_read_states_people_and_reasons()
    {
        CaseChange(_first, CaseAction.Registered).Should().Be("estado: — → Nuevo; canal: Portal");
        CaseChange(_first, CaseAction.Assigned).Should().Be($"estado: Nuevo → Asignado; responsable: — → {_assignee}");
        CaseChange(_first, CaseAction.AnalysisStarted).Should().Be("estado: Asignado → En análisis");
        CaseChange(_first, CaseAction.Escalated).Should().Be(
            $"estado: En análisis → Escalado; responsable: {_assignee} → Sergio Ramírez Quintero; nivel: 2");
        CaseChange(_duplicate, CaseAction.Rejected).Should().EndWith($"→ Rechazado; motivo: duplicado; duplicado del caso: {_first}");
    }

    [Fact]
    public void No_line_shows_json_enum_names_or_ids()
    {
        _entries.Should().HaveCountGreaterThan(10);
        foreach (var entry in _entries)
        {
            entry.Change.Should().NotBeNull();
            entry.Change.Should().NotContainAny("{", "\"", "true", "false", "null");
            Guids().IsMatch(entry.Change!).Should().BeFalse(entry.Change);
            EnumNames().IsMatch(entry.Change!).Should().BeFalse(entry.Change);
        }
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex Guids();

    [GeneratedRegex(@"\b(New|Assigned|InAnalysis|Escalated|Rejected|Incident|Request|High|Medium|Low|Critical|Planned|Duplicate|Monday|BusinessHours)\b")]
    private static partial Regex EnumNames();
}
