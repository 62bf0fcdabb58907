using MesaServicio.Core.Common;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Configuration.Categories;

public sealed record SetCategoryActiveCommand(int CategoryId, bool Active);

/// <summary>
/// Activates or deactivates a category (coordinator only), audited. Categories are never deleted (the cases filed
/// under them are evidence): a deactivated one leaves the new-case form (and a deactivated top category takes its
/// sub-categories with it) while the cases filed under it keep it and show it.
/// </summary>
public sealed class SetCategoryActive(ConfigurationChangeRunner runner)
{
    public Task<bool> HandleAsync(SetCategoryActiveCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.ExecuteAsync(user, async (db, ct) =>
        {
            var category = await db.Categories.SingleOrDefaultAsync(c => c.Id == command.CategoryId, ct).ConfigureAwait(false)
                ?? throw new NotFoundException(DomainMessages.Get("Category.Label"));
            if (category.IsActive == command.Active)
            {
                return null;
            }

            if (command.Active && category.ParentId is { } parentId)
            {
                var parent = await db.Categories.AsNoTracking().SingleAsync(c => c.Id == parentId, ct).ConfigureAwait(false);
                if (!parent.IsActive)
                {
                    throw new DomainException(DomainRules.ConfigCategoryParentInactive, parent.Name);
                }
            }

            if (command.Active)
            {
                category.Activate();
            }
            else
            {
                category.Deactivate();
            }

            return new ConfigurationEdit(
                ConfigurationAreas.Category, $"Categoría «{category.Name}»",
                AuditJson.Of(new { id = category.Id, active = !command.Active }), AuditJson.Of(new { id = category.Id, active = command.Active }));
        }, cancellationToken);
    }
}
