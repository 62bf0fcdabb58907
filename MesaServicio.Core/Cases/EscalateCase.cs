using MesaServicio.Core.Security;
using MesaServicio.Core.Catalog;
using MesaServicio.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Cases;

/// <summary>
/// Escalates a case (activity 4): to <see cref="EscalationKind.NextLevel"/> with a technician of a
/// next-level group, or to <see cref="EscalationKind.OtherCategoryLead"/> with that category's lead.
/// </summary>
public sealed record EscalateCaseCommand(
    string Number, int? ExpectedVersion, EscalationKind Kind, Guid NewAssigneeId, int? TargetCategoryId, string Reason, string? PublicNote = null);

/// <summary>Checks the new assignee against the groups and categories, then escalates.</summary>
public sealed class EscalateCase(CaseCommandRunner runner)
{
    public Task<CaseChangeResult> HandleAsync(EscalateCaseCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.ExecuteAsync(command.Number, command.ExpectedVersion, user, CaseOperationKind.Escalate, async (c, ctx, db) =>
        {
            int? groupId = null;
            if (command.Kind == EscalationKind.NextLevel && command.NewAssigneeId != Guid.Empty && c.Level < Case.MaxLevel)
            {
                var nextLevel = c.Level + 1;
                groupId = await db.GroupMembers
                    .Where(m => m.PersonId == command.NewAssigneeId)
                    .Join(db.TechnicianGroups.Where(g => g.IsActive && g.Level == nextLevel), m => m.GroupId, g => g.Id, (m, g) => (int?)g.Id)
                    .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
                    ?? throw new DomainException(DomainRules.EscalateAssigneeNotNextLevel, nextLevel);
            }
            else if (command.Kind == EscalationKind.OtherCategoryLead && command.TargetCategoryId is { } categoryId
                && categoryId != c.CategoryId && command.NewAssigneeId != Guid.Empty)
            {
                var categories = await CategoryPath.LoadAsync(db, categoryId, cancellationToken).ConfigureAwait(false);
                if (categories.Count == 0)
                {
                    throw new NotFoundException(DomainMessages.Get("Category.Label"));
                }

                if (CategoryPath.TechnicalLead(categories) != command.NewAssigneeId)
                {
                    throw new DomainException(DomainRules.EscalateAssigneeNotLead, categories[0].Name);
                }

                groupId = CategoryPath.Group(categories);
            }

            c.Escalate(command.Kind, command.NewAssigneeId, groupId, command.TargetCategoryId, command.Reason, ctx, command.PublicNote);
        }, cancellationToken);
    }
}
