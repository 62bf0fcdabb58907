using MesaServicio.Core.Security;

namespace MesaServicio.Core.Configuration.Groups;

public sealed record UpdateGroupCommand(int GroupId, string Name, int Level);

/// <summary>Renames a group or moves it to another support level (coordinator only), audited.</summary>
public sealed class UpdateGroup(ConfigurationChangeRunner runner)
{
    public Task<bool> HandleAsync(UpdateGroupCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.ExecuteAsync(user, async (db, ct) =>
        {
            var group = await GroupRules.LoadAsync(db, command.GroupId, ct).ConfigureAwait(false);
            var name = await GroupRules.UniqueNameAsync(db, command.Name, group.Id, ct).ConfigureAwait(false);
            GroupRules.RequireLevel(command.Level);
            if (string.Equals(group.Name, name, StringComparison.Ordinal) && group.Level == command.Level)
            {
                return null;
            }

            var before = AuditJson.Of(new { id = group.Id, name = group.Name, level = group.Level });
            var subject = $"Grupo «{group.Name}»";
            group.Rename(name);
            group.ChangeLevel(command.Level);
            return new ConfigurationEdit(ConfigurationAreas.Group, subject, before, AuditJson.Of(new { id = group.Id, name, level = command.Level }));
        }, cancellationToken);
    }
}
