using MesaServicio.Core.Common;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Configuration.Groups;

public sealed record SetGroupActiveCommand(int GroupId, bool Active);

/// <summary>
/// Activates or deactivates a group (coordinator only), audited. A group that active categories still route to
/// cannot be deactivated (their new cases would have nowhere to go); its open cases stay with their technicians.
/// </summary>
public sealed class SetGroupActive(ConfigurationChangeRunner runner)
{
    public Task<bool> HandleAsync(SetGroupActiveCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.ExecuteAsync(user, async (db, ct) =>
        {
            var group = await GroupRules.LoadAsync(db, command.GroupId, ct).ConfigureAwait(false);
            if (group.IsActive == command.Active)
            {
                return null;
            }

            if (!command.Active)
            {
                var routed = await db.Categories.AsNoTracking().Where(c => c.GroupId == group.Id && c.IsActive)
                    .OrderBy(c => c.Name).Select(c => c.Name).ToListAsync(ct).ConfigureAwait(false);
                if (routed.Count > 0)
                {
                    throw new DomainException(DomainRules.ConfigGroupStillRouted, group.Name, string.Join(", ", routed));
                }

                group.Deactivate();
            }
            else
            {
                group.Activate();
            }

            return new ConfigurationEdit(
                ConfigurationAreas.Group, $"Grupo «{group.Name}»",
                AuditJson.Of(new { id = group.Id, active = !command.Active }), AuditJson.Of(new { id = group.Id, active = command.Active }));
        }, cancellationToken);
    }
}
