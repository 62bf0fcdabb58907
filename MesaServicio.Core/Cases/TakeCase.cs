using MesaServicio.Core.Common;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Cases;

/// <summary>A member of the case's group takes an unassigned case ("Tomar").</summary>
public sealed record TakeCaseCommand(string Number, int? ExpectedVersion);

/// <summary>
/// Gives an unassigned case ("Sin asignar") to the member of its group who takes it. Who may take it is the
/// authorization matrix's <see cref="CaseOperationKind.Take"/>: a member of the case's group, while it has no assignee.
/// </summary>
public sealed class TakeCase(CaseCommandRunner runner)
{
    public Task<CaseChangeResult> HandleAsync(TakeCaseCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(user);
        return runner.ExecuteAsync(command.Number, command.ExpectedVersion, user, CaseOperationKind.Take, async (c, ctx, db) =>
        {
            if (c.AssigneeId is not null || c.AssignedGroupId is not { } groupId || user.PersonId is not { } me)
            {
                throw new DomainException(DomainRules.TakeNotUnassigned);
            }

            var level = await db.TechnicianGroups.AsNoTracking().Where(g => g.Id == groupId).Select(g => (int?)g.Level)
                .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            c.Assign(me, groupId, level, ctx);
        }, cancellationToken);
    }
}
