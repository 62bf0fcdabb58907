using MesaServicio.Core.Security;

namespace MesaServicio.Core.Configuration.Groups;

/// <summary>Moves a member to <paramref name="Index"/> (0-based) in the group's round-robin order.</summary>
public sealed record MoveGroupMemberCommand(int GroupId, Guid PersonId, int Index);

/// <summary>Reorders a group's members, which orders the round-robin of ties (coordinator only), audited.</summary>
public sealed class MoveGroupMember(ConfigurationChangeRunner runner)
{
    public Task<bool> HandleAsync(MoveGroupMemberCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.ExecuteAsync(user, async (db, ct) =>
        {
            var group = await GroupRules.LoadAsync(db, command.GroupId, ct).ConfigureAwait(false);
            var before = AuditJson.Of(await GroupRules.MembersAsync(db, group, ct).ConfigureAwait(false));
            if (!group.MoveMember(command.PersonId, command.Index))
            {
                return null;
            }

            return new ConfigurationEdit(
                ConfigurationAreas.Group, $"Orden de los integrantes del grupo «{group.Name}»", before,
                AuditJson.Of(await GroupRules.MembersAsync(db, group, ct).ConfigureAwait(false)));
        }, cancellationToken);
    }
}
