using Bunit;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Configuration;
using MesaServicio.Core.Configuration.Categories;
using MesaServicio.Core.People;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using MesaServicio.Web.Components.Audit;
using MesaServicio.Web.Components.Cases;
using MesaServicio.Web.Components.Configuration;
using Microsoft.EntityFrameworkCore;
using static MesaServicio.Core.Persistence.SeedData;
using static MesaServicio.Tests.Configuration.ConfigurationTestUsers;

namespace MesaServicio.Tests.Configuration;

/// <summary>The configuration and audit pages, and what a configuration change does to the new-case form.</summary>
public sealed class ConfigurationPageTests : ComponentTestContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_deactivated_category_disappears_from_the_forms_picker()
    {
        SignInAs(DemoPeople.Requester, PersonRoles.None);
        await DeactivateAsync("Telefonía IP");

        var cut = Render<NewCase>();

        cut.WaitForState(() => cut.FindAll(".category").Count > 0, Patience);
        var offered = cut.FindAll(".category").Select(c => c.TextContent.Trim()).ToList();
        offered.Should().NotContain("Telefonía IP").And.Contain("Correo electrónico institucional");
    }

    [Fact]
    public async Task An_old_case_keeps_and_shows_its_deactivated_category()
    {
        SignInAs(DemoPeople.Requester, PersonRoles.None);
        var number = await FileAsync("Telefonía IP");
        await DeactivateAsync("Telefonía IP");

        var cut = Render<CaseView>(p => p.Add(x => x.Numero, number));

        cut.WaitForAssertion(() => cut.Markup.Should().Contain("<dt>Categoría</dt><dd>Telefonía IP</dd>"), Patience);
    }

    [Fact]
    public void The_configuration_page_offers_every_section()
    {
        SignInAs(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);

        var cut = Render<ConfigurationPage>();

        cut.WaitForAssertion(() =>
        {
            var tabs = cut.FindAll(".mud-tab").Select(t => t.TextContent.Trim()).ToList();
            tabs.Should().Equal("Categorías", "Grupos", "Enrutamiento y líderes", "ANS", "Horario y días no hábiles", "Matriz de prioridad", "Indicadores", "Privacidad", "Claves API");
            cut.FindAll("[data-testid=tabla-categorias] tbody tr").Should().HaveCountGreaterThan(30);
        }, Patience);
    }

    [Fact]
    public void A_refused_category_keeps_what_was_typed_and_says_why_in_Spanish()
    {
        SignInAs(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);
        var cut = Render<CategoriesTab>();
        cut.WaitForState(() => cut.FindAll("[data-testid=tabla-categorias]").Count > 0, Patience);

        cut.Find("#nueva-subcategoria").Change("Telefonía IP");
        cut.Find("#agregar-subcategoria").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=error-configuracion]").TextContent
            .Should().Contain("Ya existe la categoría «Telefonía IP» en ese lugar del árbol."), Patience);
        cut.Instance.NewChild.Name.Should().Be("Telefonía IP");
        cut.Find("#nueva-subcategoria").GetAttribute("value").Should().Be("Telefonía IP");
    }

    [Fact]
    public async Task Deactivating_from_the_tab_is_audited_and_the_category_shows_as_inactive()
    {
        SignInAs(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);
        var cut = Render<CategoriesTab>();
        cut.WaitForState(() => cut.FindAll("[data-testid=tabla-categorias]").Count > 0, Patience);

        cut.Find("button[aria-label='Desactivar «Telefonía IP»']").Click();

        cut.WaitForAssertion(() => cut.Find("button[aria-label='Activar «Telefonía IP»']"), Patience);
        await using var db = await Get<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
        var row = await db.ConfigurationChanges.SingleAsync(c => c.Area == ConfigurationAreas.Category);
        row.ActorId.Should().Be(DemoPeople.Coordinator);
        row.Before.Should().Contain("\"active\":true");
        row.After.Should().Contain("\"active\":false");
    }

    [Fact]
    public async Task A_recompute_without_a_reason_is_refused_on_screen()
    {
        SignInAs(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);
        var number = await FileAsync("Correo electrónico institucional");
        var cut = Render<SlaRecomputePanel>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=casos-a-recalcular]").TextContent.Should().Contain("1 caso abierto coincide."), Patience);

        cut.Find("#recalcular").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=error-configuracion]").TextContent
            .Should().Contain("Escriba el motivo para recalcular los ANS de los casos abiertos."), Patience);
        number.Should().StartWith("MS-");
    }

    [Fact]
    public async Task The_audit_view_filters_by_person_case_operation_and_dates()
    {
        SignInAs(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);
        await DeactivateAsync("Telefonía IP");
        Time.Advance(TimeSpan.FromDays(1));
        var first = await FileAsync("Correo electrónico institucional");
        Time.Advance(TimeSpan.FromDays(1));
        var second = await FileAsync("Impresoras y escáneres", DemoPeople.Requester2);

        var cut = Render<AuditPage>();
        cut.WaitForAssertion(() => Rows(cut).Should().Contain(r => r.Contains(second, StringComparison.Ordinal)), Patience);

        // Case: only that case's lines.
        cut.Find("#filtro-caso").Change(first);
        await cut.Find("form").SubmitAsync();
        cut.WaitForAssertion(() => Rows(cut).Should().NotBeEmpty().And.OnlyContain(r => r.Contains(first, StringComparison.Ordinal)), Patience);

        // Operation: the configuration's categories.
        cut.Instance.Filter.CaseNumber = null;
        cut.Instance.Filter.Operation = "area:" + ConfigurationAreas.Category;
        await cut.InvokeAsync(cut.Instance.ApplyAsync);
        cut.WaitForAssertion(() => Rows(cut).Should().ContainSingle().Which.Should().Contain("Categoría «Telefonía IP»").And.Contain("Beatriz Elena Cárdenas"), Patience);

        // Person: the second requester's registration only.
        cut.Instance.Filter.Operation = AuditPage.AllOperations;
        cut.Instance.Filter.Person = new PersonOption(DemoPeople.Requester2, "Andrés Felipe Rodríguez", "andres.rodriguez@entidad.gov.co", null);
        await cut.InvokeAsync(cut.Instance.ApplyAsync);
        cut.WaitForAssertion(() => Rows(cut).Should().ContainSingle().Which.Should().Contain(second).And.Contain("Registró el caso"), Patience);

        // Dates: Tuesday 3 March 2026 only (the first case's day).
        cut.Instance.Filter.Person = null;
        cut.Instance.Filter.From = new DateTime(2026, 3, 3);
        cut.Instance.Filter.To = new DateTime(2026, 3, 3);
        await cut.InvokeAsync(cut.Instance.ApplyAsync);
        cut.WaitForAssertion(() => Rows(cut).Should().NotBeEmpty().And.OnlyContain(r => r.Contains(first, StringComparison.Ordinal)), Patience);
    }

    [Fact]
    public void Every_tab_renders_what_is_in_force()
    {
        SignInAs(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);

        var groups = Render<GroupsTab>();
        groups.WaitForAssertion(() => groups.Markup.Should().Contain("Mesa de ayuda — primer nivel").And.Contain("Carlos Pérez Téllez"), Patience);
        groups.FindAll("button[aria-label='Subir a Diana Marcela Torres']").Should().ContainSingle();

        var routing = Render<RoutingTab>();
        routing.WaitForAssertion(() => routing.Markup.Should().Contain("Ricardo León Guzmán").And.Contain("(heredado)"), Patience);

        var sla = Render<SlaTab>();
        sla.WaitForAssertion(() => sla.FindAll("[data-testid=tabla-ans] tbody tr").Should().HaveCount(10), Patience);
        sla.Instance.FormOf(CaseKind.Incident, CasePriority.Critical).AttendAmount.Should().Be(1);

        var calendar = Render<CalendarTab>();
        calendar.WaitForAssertion(() => calendar.Markup.Should().Contain("America/Bogota").And.Contain("Festivos nacionales de 2026"), Patience);
        calendar.Instance.Hours[DayOfWeek.Monday].Should().Be("08:00-17:00");

        var priority = Render<PriorityTab>();
        priority.WaitForAssertion(() => priority.FindAll("[data-testid=matriz-prioridad] tbody tr").Should().HaveCount(3), Patience);

        new IRenderedComponent<ConfigurationTabBase>[] { groups, routing, sla, calendar, priority }
            .Should().OnlyContain(c => c.FindAll("[data-testid=error-configuracion]").Count == 0);
    }

    [Fact]
    public async Task Declaring_a_non_working_day_on_screen_changes_the_calendar_in_force()
    {
        SignInAs(DemoPeople.Coordinator, PersonRoles.Agent | PersonRoles.Coordinator);
        var cut = Render<CalendarTab>();
        cut.WaitForState(() => cut.Instance.Loaded, Patience);

        cut.Instance.NewDay.Date = new DateTime(2026, 3, 6);
        cut.Instance.NewDay.Description = "Día de la entidad";
        await cut.InvokeAsync(cut.Instance.AddAsync);
        cut.Render(); // A click re-renders after its handler; a direct call does not.

        cut.WaitForAssertion(() => cut.Markup.Should().Contain("viernes 6 de marzo de 2026 — Día de la entidad"), Patience);
        Get<MesaServicio.Core.Calendar.IBusinessCalendarProvider>().Current.IsBusinessDay(new DateOnly(2026, 3, 6)).Should().BeFalse();
    }

    [Fact]
    public void The_audit_view_is_refused_to_an_agent_by_Core()
    {
        SignInAs(DemoPeople.Agent1, PersonRoles.Agent);

        var cut = Render<AuditPage>();

        cut.WaitForAssertion(() => cut.Find("[role=alert]").TextContent.Should().Be("No tiene permiso para consultar la auditoría."), Patience);
    }

    private static List<string> Rows(IRenderedComponent<AuditPage> cut) =>
        cut.FindAll("[data-testid=tabla-auditoria] tbody tr").Select(r => r.TextContent).Where(t => !t.Contains("Ninguna entrada", StringComparison.Ordinal)).ToList();

    private async Task DeactivateAsync(string name)
    {
        await using var db = await Get<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
        var id = await db.Categories.Where(c => c.Name == name).Select(c => c.Id).SingleAsync();
        await Get<SetCategoryActive>().HandleAsync(new SetCategoryActiveCommand(id, false), Coordinator, default);
    }

    private async Task<string> FileAsync(string category, Guid? requester = null)
    {
        var who = requester ?? DemoPeople.Requester;
        await using var db = await Get<IDbContextFactory<MesaDbContext>>().CreateDbContextAsync();
        var id = await db.Categories.Where(c => c.Name == category).Select(c => c.Id).SingleAsync();
        var result = await Get<RegisterCase>().HandleAsync(
            new RegisterCaseCommand(CaseKind.Incident, id, "No hay tono", "Desde ayer el teléfono no da tono.", Impact.Medium, Urgency.Medium, CaseChannel.Portal, who),
            CurrentUser.Person(who, PersonRoles.None), default);
        return result.Number;
    }
}
