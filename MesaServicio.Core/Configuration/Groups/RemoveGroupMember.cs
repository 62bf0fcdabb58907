using MesaServicio.Core.Security;

namespace MesaServicio.Core.Configuration.Groups;

public sealed record RemoveGroupMemberCommand(int GroupId, Guid PersonId);

/// <summary>Takes a technician out of a group (coordinator only), audited. Their open cases stay assigned to them.</summary>
public sealed class RemoveGroupMember(ConfigurationChangeRunner runner)
{
    public Task<bool> HandleAsync(RemoveGroupMemberCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.ExecuteAsync(user, async (db, ct) =>
        {
            var group = await GroupRules.LoadAsync(db, command.GroupId, ct).ConfigureAwait(false);
            var before = AuditJson.Of(await GroupRules.MembersAsync(db, group, ct).ConfigureAwait(false));
            if (!group.RemoveMember(command.PersonId))
            {
                return null;
            }

            return new ConfigurationEdit(
                ConfigurationAreas.Group, $"Integrantes del grupo «{group.Name}»", before,
                AuditJson.Of(await GroupRules.MembersAsync(db, group, ct).ConfigureAwait(false)));
        }, cancellationToken);
    }
}
