using MesaServicio.Core.Catalog;
using MesaServicio.Core.Common;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Configuration.Categories;

/// <summary>
/// A new category: a sub-category inside one of the top categories (it inherits the parent's group and lead), or a
/// new top category, which must name the group that attends it.
/// </summary>
public sealed record AddCategoryCommand(int? ParentId, string Name, int? GroupId = null);

/// <summary>Adds a category (coordinator only), audited; it appears at once in the new-case form.</summary>
public sealed class AddCategory(ConfigurationChangeRunner runner)
{
    /// <summary>Longest name accepted.</summary>
    public const int NameMaxLength = 150;

    /// <summary>Returns the new category's id.</summary>
    public async Task<int> HandleAsync(AddCategoryCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        Category? created = null;
        await runner.ExecuteAsync(user, async (db, ct) =>
        {
            var name = ConfigurationText.Name(command.Name, NameMaxLength, DomainRules.ConfigCategoryNameRequired, DomainRules.ConfigCategoryNameTooLong);
            Category? parent = null;
            if (command.ParentId is { } parentId)
            {
                parent = await db.Categories.AsNoTracking().SingleOrDefaultAsync(c => c.Id == parentId, ct).ConfigureAwait(false)
                    ?? throw new NotFoundException(DomainMessages.Get("Category.Label"));
                if (parent.ParentId is not null)
                {
                    throw new DomainException(DomainRules.ConfigCategoryParentNotTop);
                }
            }
            else if (command.GroupId is null)
            {
                throw new DomainException(DomainRules.ConfigCategoryTopNeedsGroup);
            }

            if (command.GroupId is { } groupId)
            {
                await CategoryRouting.RequireActiveGroupAsync(db, groupId, ct).ConfigureAwait(false);
            }

            var siblings = await db.Categories.AsNoTracking().Where(c => c.ParentId == command.ParentId)
                .Select(c => new { c.Name, c.SortOrder }).ToListAsync(ct).ConfigureAwait(false);
            if (siblings.Exists(s => ConfigurationText.SameName(s.Name, name)))
            {
                throw new DomainException(DomainRules.ConfigCategoryNameTaken, name);
            }

            created = new Category(name, command.ParentId, command.GroupId, null);
            created.PlaceAt(siblings.Count == 0 ? 0 : siblings.Max(s => s.SortOrder) + 1);
            db.Categories.Add(created);
            return new ConfigurationEdit(
                ConfigurationAreas.Category,
                parent is null ? $"Categoría principal «{name}»" : $"Subcategoría «{name}» de «{parent.Name}»",
                null,
                AuditJson.Of(new { name, parentId = command.ParentId, groupId = command.GroupId, active = true }));
        }, cancellationToken).ConfigureAwait(false);
        return created!.Id;
    }
}
