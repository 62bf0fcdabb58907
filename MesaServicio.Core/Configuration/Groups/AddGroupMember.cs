using MesaServicio.Core.Common;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Configuration.Groups;

public sealed record AddGroupMemberCommand(int GroupId, Guid PersonId);

/// <summary>Adds a technician to a group, last in the round-robin order (coordinator only), audited. Members must be agents.</summary>
public sealed class AddGroupMember(ConfigurationChangeRunner runner)
{
    public Task<bool> HandleAsync(AddGroupMemberCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.ExecuteAsync(user, async (db, ct) =>
        {
            var group = await GroupRules.LoadAsync(db, command.GroupId, ct).ConfigureAwait(false);
            var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == command.PersonId, ct).ConfigureAwait(false)
                ?? throw new NotFoundException(DomainMessages.Get("Person.Label"));
            if (!person.IsAgent)
            {
                throw new DomainException(DomainRules.ConfigGroupMemberNotAgent, person.DisplayName);
            }

            if (!person.IsActive)
            {
                throw new DomainException(DomainRules.ConfigGroupMemberInactive, person.DisplayName);
            }

            if (group.Members.Any(m => m.PersonId == person.Id))
            {
                return null;
            }

            var before = AuditJson.Of(await GroupRules.MembersAsync(db, group, ct).ConfigureAwait(false));
            group.AddMember(person.Id);
            return new ConfigurationEdit(
                ConfigurationAreas.Group, $"Integrantes del grupo «{group.Name}»", before,
                AuditJson.Of(await GroupRules.MembersAsync(db, group, ct).ConfigureAwait(false)));
        }, cancellationToken);
    }
}
