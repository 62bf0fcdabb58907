using MesaServicio.Core.Security;
using MesaServicio.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Cases;

/// <summary>
/// Assigns or reassigns a case to a technician of a group (a lead inside their categories, the coordinator anywhere);
/// taking it from its assignee needs a reason.
/// </summary>
public sealed record AssignCaseCommand(string Number, int? ExpectedVersion, Guid AssigneeId, int GroupId, string? Reason = null);

/// <summary>Checks the technician belongs to the group, then reassigns.</summary>
public sealed class AssignCase(CaseCommandRunner runner)
{
    public Task<CaseChangeResult> HandleAsync(AssignCaseCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.ExecuteAsync(command.Number, command.ExpectedVersion, user, CaseOperationKind.Assign, async (c, ctx, db) =>
        {
            var group = await db.TechnicianGroups.AsNoTracking().Where(g => g.Id == command.GroupId && g.IsActive)
                .Select(g => new { g.Name, g.Level, IsMember = g.Members.Any(m => m.PersonId == command.AssigneeId) })
                .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new NotFoundException(DomainMessages.Get("Group.Label"));
            if (!group.IsMember)
            {
                throw new DomainException(DomainRules.AssigneeNotInGroup, group.Name);
            }

            c.Assign(command.AssigneeId, command.GroupId, group.Level, ctx, command.Reason);
        }, cancellationToken);
    }
}
