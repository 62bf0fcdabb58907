using MesaServicio.Core.Configuration;
using MesaServicio.Core.Configuration.Categories;
using Microsoft.AspNetCore.Components;

namespace MesaServicio.Web.Components.Configuration;

/// <summary>Categories and sub-categories: add, rename, activate or deactivate (never delete).</summary>
public partial class CategoriesTab
{
    [Inject]
    private GetCatalogSettings Settings { get; set; } = default!;

    [Inject]
    private AddCategory Add { get; set; } = default!;

    [Inject]
    private RenameCategory Rename { get; set; } = default!;

    [Inject]
    private SetCategoryActive SetActive { get; set; } = default!;

    internal CatalogSettings? Catalog { get; private set; }

    internal NewCategoryForm NewChild { get; } = new();

    internal NewCategoryForm NewRoot { get; } = new();

    internal int? RenamingId { get; private set; }

    internal string NewName { get; set; } = "";

    protected override async Task LoadAsync()
    {
        Catalog = await Settings.HandleAsync(User, CancellationToken.None);
        if (NewChild.ParentId == 0 && Roots(Catalog).FirstOrDefault() is { } first)
        {
            NewChild.ParentId = first.Id;
        }
    }

    internal static IEnumerable<CategorySetting> Roots(CatalogSettings catalog) => catalog.Categories.Where(c => c.ParentId is null);

    internal static IEnumerable<CategorySetting> Children(CatalogSettings catalog, int parentId) => catalog.Categories.Where(c => c.ParentId == parentId);

    internal async Task AddChildAsync()
    {
        if (await RunAsync(async () =>
            {
                await Add.HandleAsync(new AddCategoryCommand(NewChild.ParentId == 0 ? null : NewChild.ParentId, NewChild.Name), User, CancellationToken.None);
                return true;
            }, $"Se agregó la subcategoría «{NewChild.Name.Trim()}»."))
        {
            NewChild.Name = "";
        }
    }

    internal async Task AddRootAsync()
    {
        if (await RunAsync(async () =>
            {
                await Add.HandleAsync(new AddCategoryCommand(null, NewRoot.Name, NewRoot.GroupId == 0 ? null : NewRoot.GroupId), User, CancellationToken.None);
                return true;
            }, $"Se agregó la categoría principal «{NewRoot.Name.Trim()}»."))
        {
            NewRoot.Name = "";
        }
    }

    internal void StartRename(CategorySetting category)
    {
        RenamingId = category.Id;
        NewName = category.Name;
    }

    internal void CancelRename() => RenamingId = null;

    internal async Task RenameAsync(CategorySetting category)
    {
        if (await RunAsync(() => Rename.HandleAsync(new RenameCategoryCommand(category.Id, NewName), User, CancellationToken.None), "Se cambió el nombre."))
        {
            RenamingId = null;
        }
    }

    internal Task ToggleAsync(CategorySetting category) => RunAsync(
        () => SetActive.HandleAsync(new SetCategoryActiveCommand(category.Id, !category.IsActive), User, CancellationToken.None),
        category.IsActive ? $"«{category.Name}» ya no se ofrece para casos nuevos." : $"«{category.Name}» se ofrece de nuevo para casos nuevos.");

    /// <summary>What the coordinator types to add a category (kept on a refusal).</summary>
    internal sealed class NewCategoryForm
    {
        public int ParentId { get; set; }

        public int GroupId { get; set; }

        public string Name { get; set; } = "";
    }
}
