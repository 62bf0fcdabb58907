using MesaServicio.Core.Configuration;
using MesaServicio.Core.Configuration.Routing;
using Microsoft.AspNetCore.Components;

namespace MesaServicio.Web.Components.Configuration;

/// <summary>Category → group routing and technical leads, one category at a time, with the whole table below.</summary>
public partial class RoutingTab
{
    [Inject]
    private GetCatalogSettings Settings { get; set; } = default!;

    [Inject]
    private RouteCategory Route { get; set; } = default!;

    internal CatalogSettings? Catalog { get; private set; }

    internal RoutingForm Form { get; } = new();

    protected override async Task LoadAsync() => Catalog = await Settings.HandleAsync(User, CancellationToken.None);

    /// <summary>Top categories, each followed by its sub-categories.</summary>
    internal static IEnumerable<CategorySetting> Ordered(CatalogSettings catalog) =>
        catalog.Categories.Where(c => c.ParentId is null)
            .SelectMany(root => catalog.Categories.Where(c => c.ParentId == root.Id).Prepend(root));

    internal bool IsRoot(CatalogSettings catalog) => catalog.Categories.FirstOrDefault(c => c.Id == Form.CategoryId)?.ParentId is null;

    /// <summary>The group and lead that apply, in words (a sub-category's own, else its parent's).</summary>
    internal static (string Group, string Lead) Effective(CatalogSettings catalog, CategorySetting category)
    {
        var parent = category.ParentId is { } p ? catalog.Categories.FirstOrDefault(c => c.Id == p) : null;
        var groupId = category.GroupId ?? parent?.GroupId;
        var leadId = category.TechnicalLeadId ?? parent?.TechnicalLeadId;
        var group = catalog.Groups.FirstOrDefault(g => g.Id == groupId)?.Name ?? "Sin grupo";
        var lead = catalog.Staff.FirstOrDefault(s => s.Id == leadId)?.Name ?? "Sin líder";
        return (group, lead);
    }

    internal void Choose(int categoryId)
    {
        Form.CategoryId = categoryId;
        var category = Catalog?.Categories.FirstOrDefault(c => c.Id == categoryId);
        Form.GroupId = category?.GroupId ?? 0;
        Form.LeadId = category?.TechnicalLeadId ?? Guid.Empty;
    }

    internal Task SaveAsync() => RunAsync(
        () => Route.HandleAsync(
            new RouteCategoryCommand(Form.CategoryId, Form.GroupId == 0 ? null : Form.GroupId, Form.LeadId == Guid.Empty ? null : Form.LeadId),
            User, CancellationToken.None),
        "Se guardó el enrutamiento: aplica a los casos nuevos.");

    /// <summary>The category being edited and its choices (kept on a refusal).</summary>
    internal sealed class RoutingForm
    {
        public int CategoryId { get; set; }

        public int GroupId { get; set; }

        public Guid LeadId { get; set; }
    }
}
