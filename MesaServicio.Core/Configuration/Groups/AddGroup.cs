using MesaServicio.Core.Catalog;
using MesaServicio.Core.Common;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Configuration.Groups;

public sealed record AddGroupCommand(string Name, int Level);

/// <summary>Adds a technician group at a support level (coordinator only), audited.</summary>
public sealed class AddGroup(ConfigurationChangeRunner runner)
{
    /// <summary>Longest name accepted.</summary>
    public const int NameMaxLength = 150;

    /// <summary>Returns the new group's id.</summary>
    public async Task<int> HandleAsync(AddGroupCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        TechnicianGroup? created = null;
        await runner.ExecuteAsync(user, async (db, ct) =>
        {
            var name = await GroupRules.UniqueNameAsync(db, command.Name, null, ct).ConfigureAwait(false);
            GroupRules.RequireLevel(command.Level);
            created = new TechnicianGroup(name, command.Level);
            db.TechnicianGroups.Add(created);
            return new ConfigurationEdit(
                ConfigurationAreas.Group, $"Grupo «{name}»", null, AuditJson.Of(new { name, level = command.Level, active = true }));
        }, cancellationToken).ConfigureAwait(false);
        return created!.Id;
    }
}

/// <summary>Checks shared by the group use cases.</summary>
internal static class GroupRules
{
    public static async Task<string> UniqueNameAsync(Persistence.MesaDbContext db, string? value, int? exceptId, CancellationToken cancellationToken)
    {
        var name = ConfigurationText.Name(value, AddGroup.NameMaxLength, DomainRules.ConfigGroupNameRequired, DomainRules.ConfigGroupNameTooLong);
        var others = await db.TechnicianGroups.AsNoTracking().Where(g => g.Id != exceptId).Select(g => g.Name)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return others.Exists(o => ConfigurationText.SameName(o, name)) ? throw new DomainException(DomainRules.ConfigGroupNameTaken, name) : name;
    }

    public static void RequireLevel(int level)
    {
        if (level is < 1 or > Cases.Case.MaxLevel)
        {
            throw new DomainException(DomainRules.ConfigGroupLevelInvalid);
        }
    }

    public static async Task<TechnicianGroup> LoadAsync(Persistence.MesaDbContext db, int groupId, CancellationToken cancellationToken) =>
        await db.TechnicianGroups.Include(g => g.Members).SingleOrDefaultAsync(g => g.Id == groupId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(DomainMessages.Get("Group.Label"));

    /// <summary>The members in round-robin order, by name, for the audit row.</summary>
    public static async Task<object> MembersAsync(Persistence.MesaDbContext db, TechnicianGroup group, CancellationToken cancellationToken)
    {
        var ids = group.Members.Select(m => m.PersonId).ToList();
        var names = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken).ConfigureAwait(false);
        return new
        {
            groupId = group.Id,
            members = group.Members.OrderBy(m => m.Position).Select(m => names.GetValueOrDefault(m.PersonId) ?? m.PersonId.ToString()).ToList(),
        };
    }
}
