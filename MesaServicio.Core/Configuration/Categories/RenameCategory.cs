using MesaServicio.Core.Common;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Configuration.Categories;

public sealed record RenameCategoryCommand(int CategoryId, string Name);

/// <summary>Renames a category (coordinator only), audited. Its cases show the new name: they point to the category.</summary>
public sealed class RenameCategory(ConfigurationChangeRunner runner)
{
    public Task<bool> HandleAsync(RenameCategoryCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.ExecuteAsync(user, async (db, ct) =>
        {
            var name = ConfigurationText.Name(command.Name, AddCategory.NameMaxLength, DomainRules.ConfigCategoryNameRequired, DomainRules.ConfigCategoryNameTooLong);
            var category = await db.Categories.SingleOrDefaultAsync(c => c.Id == command.CategoryId, ct).ConfigureAwait(false)
                ?? throw new NotFoundException(DomainMessages.Get("Category.Label"));
            if (string.Equals(category.Name, name, StringComparison.Ordinal))
            {
                return null;
            }

            var siblings = await db.Categories.AsNoTracking().Where(c => c.ParentId == category.ParentId && c.Id != category.Id)
                .Select(c => c.Name).ToListAsync(ct).ConfigureAwait(false);
            if (siblings.Exists(s => ConfigurationText.SameName(s, name)))
            {
                throw new DomainException(DomainRules.ConfigCategoryNameTaken, name);
            }

            var before = category.Name;
            category.Rename(name);
            return new ConfigurationEdit(
                ConfigurationAreas.Category, $"Categoría «{before}»", AuditJson.Of(new { id = category.Id, name = before }),
                AuditJson.Of(new { id = category.Id, name }));
        }, cancellationToken);
    }
}
