using MesaServicio.Core.Common;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Configuration.Routing;

/// <summary>
/// Where a category's new cases go: a technician group, and the category's technical lead (who receives escalations
/// to the category and may reassign inside it). Null on a sub-category means "the parent's"; a top category must
/// name a group.
/// </summary>
public sealed record RouteCategoryCommand(int CategoryId, int? GroupId, Guid? TechnicalLeadId);

/// <summary>Changes a category's routing and technical lead (coordinator only), audited. Cases already routed stay where they are.</summary>
public sealed class RouteCategory(ConfigurationChangeRunner runner)
{
    public Task<bool> HandleAsync(RouteCategoryCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.ExecuteAsync(user, async (db, ct) =>
        {
            var category = await db.Categories.SingleOrDefaultAsync(c => c.Id == command.CategoryId, ct).ConfigureAwait(false)
                ?? throw new NotFoundException(DomainMessages.Get("Category.Label"));
            if (category.GroupId == command.GroupId && category.TechnicalLeadId == command.TechnicalLeadId)
            {
                return null;
            }

            if (category.ParentId is null && command.GroupId is null)
            {
                throw new DomainException(DomainRules.ConfigCategoryTopNeedsGroup);
            }

            if (command.GroupId is { } groupId && groupId != category.GroupId)
            {
                await CategoryRouting.RequireActiveGroupAsync(db, groupId, ct).ConfigureAwait(false);
            }

            if (command.TechnicalLeadId is { } leadId && leadId != category.TechnicalLeadId)
            {
                await CategoryRouting.RequireTechnicalLeadAsync(db, leadId, ct).ConfigureAwait(false);
            }

            var groupIds = new[] { category.GroupId, command.GroupId }.OfType<int>().ToList();
            var leadIds = new[] { category.TechnicalLeadId, command.TechnicalLeadId }.OfType<Guid>().ToList();
            var groups = await db.TechnicianGroups.AsNoTracking().Where(g => groupIds.Contains(g.Id))
                .ToDictionaryAsync(g => g.Id, g => g.Name, ct).ConfigureAwait(false);
            var leads = await db.People.AsNoTracking().Where(p => leadIds.Contains(p.Id))
                .ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct).ConfigureAwait(false);
            object Routing(int? groupId, Guid? leadId) => new
            {
                categoryId = category.Id,
                groupId,
                group = groupId is { } g ? groups.GetValueOrDefault(g) : "(el de la categoría principal)",
                technicalLeadId = leadId,
                technicalLead = leadId is { } l ? leads.GetValueOrDefault(l) : category.ParentId is null ? "(sin líder)" : "(el de la categoría principal)",
            };

            var before = AuditJson.Of(Routing(category.GroupId, category.TechnicalLeadId));
            category.RouteTo(command.GroupId, command.TechnicalLeadId);
            return new ConfigurationEdit(
                ConfigurationAreas.Routing, $"Categoría «{category.Name}»", before, AuditJson.Of(Routing(command.GroupId, command.TechnicalLeadId)));
        }, cancellationToken);
    }
}
