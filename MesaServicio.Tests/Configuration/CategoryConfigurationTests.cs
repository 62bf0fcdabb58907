using MesaServicio.Core.Cases;
using MesaServicio.Core.Catalog;
using MesaServicio.Core.Common;
using MesaServicio.Core.Configuration.Categories;
using MesaServicio.Core.Configuration.Groups;
using MesaServicio.Core.Configuration.Routing;
using MesaServicio.Core.People;
using MesaServicio.Core.Security;
using MesaServicio.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static MesaServicio.Core.Persistence.SeedData;
using static MesaServicio.Tests.Configuration.ConfigurationTestUsers;

namespace MesaServicio.Tests.Configuration;

/// <summary>Categories, groups and routing as the coordinator manages them.</summary>
public sealed class CategoryConfigurationTests : IAsyncLifetime
{
    private CoreHost _host = null!;

    public async Task InitializeAsync() => _host = await CoreHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_deactivated_category_disappears_from_the_new_case_choices_while_an_old_case_keeps_and_shows_it()
    {
        var old = await _host.FileAsync("Telefonía IP");
        var category = await _host.CategoryAsync("Telefonía IP");

        await _host.Get<SetCategoryActive>().HandleAsync(new SetCategoryActiveCommand(category, false), Coordinator, default);

        var tree = await _host.Get<CategoryTree>().GetAsync(default);
        tree.SelectMany(g => g.Children).Select(c => c.Name).Should().NotContain("Telefonía IP").And.Contain("Correo electrónico institucional");
        var details = await _host.Get<GetCaseDetails>().HandleAsync(old.Number, CurrentUser.Person(DemoPeople.Requester, PersonRoles.None), default);
        details.CategoryId.Should().Be(category);
        details.CategoryName.Should().Be("Telefonía IP");
        var refused = () => _host.FileAsync("Telefonía IP");
        (await refused.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("La categoría «Telefonía IP» no está activa; elija otra.");

        await using var db = _host.NewContext();
        (await db.Categories.SingleAsync(c => c.Id == category)).IsActive.Should().BeFalse("deactivated, never deleted");
    }

    [Fact]
    public async Task Reactivating_brings_the_category_back_to_the_form()
    {
        var category = await _host.CategoryAsync("Telefonía IP");
        await _host.Get<SetCategoryActive>().HandleAsync(new SetCategoryActiveCommand(category, false), Coordinator, default);
        await _host.Get<SetCategoryActive>().HandleAsync(new SetCategoryActiveCommand(category, true), Coordinator, default);

        var tree = await _host.Get<CategoryTree>().GetAsync(default);
        tree.SelectMany(g => g.Children).Should().Contain(c => c.Name == "Telefonía IP");
    }

    [Fact]
    public async Task A_category_that_cases_use_can_never_be_deleted()
    {
        await _host.FileAsync("Telefonía IP");
        await using var db = _host.NewContext();
        db.Categories.Remove(await db.Categories.SingleAsync(c => c.Name == "Telefonía IP"));

        var act = () => db.SaveChangesAsync();

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*never hard-deleted*");
    }

    [Fact]
    public async Task A_new_sub_category_inherits_its_parents_routing_and_is_offered_at_once()
    {
        var parent = await _host.CategoryAsync("Mesa de ayuda de primer nivel");
        var id = await _host.Get<AddCategory>().HandleAsync(new AddCategoryCommand(parent, "Firma digital"), Coordinator, default);

        var tree = await _host.Get<CategoryTree>().GetAsync(default);
        var added = tree.Single(g => g.Id == parent).Children[^1];
        (added.Id, added.Name).Should().Be((id, "Firma digital"), "a new category goes last among its siblings");
        var filed = await _host.LoadAsync((await _host.FileAsync("Firma digital")).Number);
        filed.AssignedGroupId.Should().NotBeNull("the sub-category routes to its parent's group");
    }

    [Theory]
    [InlineData("  ", "Escriba el nombre de la categoría.")]
    [InlineData("telefonia ip", "Ya existe la categoría «telefonia ip» en ese lugar del árbol.")]
    public async Task A_bad_category_name_is_refused_in_Spanish(string name, string message)
    {
        var parent = await _host.CategoryAsync("Mesa de ayuda de primer nivel");
        var act = () => _host.Get<AddCategory>().HandleAsync(new AddCategoryCommand(parent, name), Coordinator, default);

        (await act.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be(message);
    }

    [Fact]
    public async Task Sub_categories_live_only_under_the_top_categories()
    {
        var child = await _host.CategoryAsync("Telefonía IP");
        var act = () => _host.Get<AddCategory>().HandleAsync(new AddCategoryCommand(child, "Extensiones"), Coordinator, default);

        (await act.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("Las subcategorías se crean dentro de una de las categorías principales.");
    }

    [Fact]
    public async Task A_new_top_category_must_name_its_group()
    {
        var act = () => _host.Get<AddCategory>().HandleAsync(new AddCategoryCommand(null, "Gobierno digital"), Coordinator, default);

        (await act.Should().ThrowAsync<DomainException>()).Which.Message
            .Should().Be("Elija el grupo de técnicos que atenderá los casos de la categoría principal.");
    }

    [Fact]
    public async Task Only_agents_join_groups_and_members_can_be_reordered_and_removed()
    {
        var group = await _host.Get<AddGroup>().HandleAsync(new AddGroupCommand("Gobierno digital — nivel 1", 1), Coordinator, default);
        var notAgent = () => _host.Get<AddGroupMember>().HandleAsync(new AddGroupMemberCommand(group, DemoPeople.Requester), Coordinator, default);
        (await notAgent.Should().ThrowAsync<DomainException>()).Which.Message
            .Should().Be("Laura Gómez Rincón no tiene el rol de agente: solo los técnicos de la mesa integran los grupos.");

        await _host.Get<AddGroupMember>().HandleAsync(new AddGroupMemberCommand(group, DemoPeople.Agent1), Coordinator, default);
        await _host.Get<AddGroupMember>().HandleAsync(new AddGroupMemberCommand(group, DemoPeople.Agent2), Coordinator, default);
        await _host.Get<AddGroupMember>().HandleAsync(new AddGroupMemberCommand(group, DemoPeople.Agent3), Coordinator, default);
        await _host.Get<MoveGroupMember>().HandleAsync(new MoveGroupMemberCommand(group, DemoPeople.Agent3, 0), Coordinator, default);
        await _host.Get<RemoveGroupMember>().HandleAsync(new RemoveGroupMemberCommand(group, DemoPeople.Agent1), Coordinator, default);

        await using var db = _host.NewContext();
        (await db.GroupMembers.Where(m => m.GroupId == group).OrderBy(m => m.Position).Select(m => m.PersonId).ToListAsync())
            .Should().Equal(DemoPeople.Agent3, DemoPeople.Agent2);
        var audit = await db.ConfigurationChanges.Where(c => c.Area == "Group").OrderBy(c => c.Id).ToListAsync();
        audit.Select(c => c.After).Should().Contain(a => a != null && a.Contains("\"members\":[\"Jhon Jairo Martínez\",\"Carlos Pérez Téllez\",\"Diana Marcela Torres\"]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_category_routes_to_a_new_group_and_lead_for_new_cases_only()
    {
        var old = await _host.LoadAsync((await _host.FileAsync("Telefonía IP")).Number);
        var group = await _host.Get<AddGroup>().HandleAsync(new AddGroupCommand("Telefonía — nivel 1", 1), Coordinator, default);
        await _host.Get<AddGroupMember>().HandleAsync(new AddGroupMemberCommand(group, DemoPeople.Agent6), Coordinator, default);
        var category = await _host.CategoryAsync("Telefonía IP");

        var notLead = () => _host.Get<RouteCategory>().HandleAsync(new RouteCategoryCommand(category, group, DemoPeople.Agent6), Coordinator, default);
        (await notLead.Should().ThrowAsync<DomainException>()).Which.Message.Should().Be("Natalia Herrera Vargas no tiene el rol de líder técnico.");

        await _host.Get<RouteCategory>().HandleAsync(new RouteCategoryCommand(category, group, DemoPeople.LeadApoyo), Coordinator, default);
        var fresh = await _host.LoadAsync((await _host.FileAsync("Telefonía IP")).Number);

        fresh.AssignedGroupId.Should().Be(group);
        fresh.AssigneeId.Should().Be(DemoPeople.Agent6);
        (await _host.LoadAsync(old.Number)).AssignedGroupId.Should().Be(old.AssignedGroupId);
    }

    [Fact]
    public async Task A_group_that_active_categories_route_to_cannot_be_deactivated()
    {
        await using var db = _host.NewContext();
        var firstLevel = await db.TechnicianGroups.Where(g => g.Name == "Mesa de ayuda — primer nivel").Select(g => g.Id).SingleAsync();

        var act = () => _host.Get<SetGroupActive>().HandleAsync(new SetGroupActiveCommand(firstLevel, false), Coordinator, default);

        (await act.Should().ThrowAsync<DomainException>()).Which.Message
            .Should().Be("El grupo «Mesa de ayuda — primer nivel» atiende categorías activas (Mesa de ayuda de primer nivel): cambie antes su enrutamiento.");
    }
}
