using MesaServicio.Core.People;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Configuration;

/// <summary>A category as the configuration shows it, active or not, with how many cases use it.</summary>
public sealed record CategorySetting(
    int Id, int? ParentId, string Name, bool IsActive, int SortOrder, int? GroupId, Guid? TechnicalLeadId, int CaseCount);

/// <summary>A member of a group, in round-robin order.</summary>
public sealed record GroupMemberSetting(Guid PersonId, string Name, int Position, bool IsActive);

/// <summary>A technician group as the configuration shows it.</summary>
public sealed record GroupSetting(int Id, string Name, int Level, bool IsActive, IReadOnlyList<GroupMemberSetting> Members);

/// <summary>A member of the desk's staff, for choosing group members and technical leads.</summary>
public sealed record StaffOption(Guid Id, string Name, bool IsTechnicalLead, bool IsActive);

/// <summary>The catalogue as the coordinator edits it: categories, groups and the staff to choose from.</summary>
public sealed record CatalogSettings(IReadOnlyList<CategorySetting> Categories, IReadOnlyList<GroupSetting> Groups, IReadOnlyList<StaffOption> Staff);

/// <summary>Reads the catalogue for the configuration page (coordinator only): every category, active or not.</summary>
public sealed class GetCatalogSettings(IDbContextFactory<MesaDbContext> contextFactory, ConfigurationChangeRunner runner)
{
    public async Task<CatalogSettings> HandleAsync(CurrentUser user, CancellationToken cancellationToken)
    {
        runner.DemandCoordinator(user);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var counts = await db.Cases.GroupBy(c => c.CategoryId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken).ConfigureAwait(false);
        var categories = (await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .Select(c => new CategorySetting(c.Id, c.ParentId, c.Name, c.IsActive, c.SortOrder, c.GroupId, c.TechnicalLeadId, counts.GetValueOrDefault(c.Id)))
            .ToList();

        var staffRoles = PersonRoles.Agent | PersonRoles.TechnicalLead | PersonRoles.Coordinator;
        var people = await db.People.AsNoTracking().Where(p => (p.Roles & staffRoles) != 0).OrderBy(p => p.DisplayName)
            .Select(p => new { p.Id, p.DisplayName, p.Roles, p.IsActive }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var staff = people.Select(p => new StaffOption(p.Id, p.DisplayName, p.Roles.HasFlag(PersonRoles.TechnicalLead), p.IsActive)).ToList();

        var groups = await db.TechnicianGroups.AsNoTracking().Include(g => g.Members).OrderBy(g => g.Level).ThenBy(g => g.Name)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var memberIds = groups.SelectMany(g => g.Members.Select(m => m.PersonId)).Distinct().ToList();
        var names = await db.People.AsNoTracking().Where(p => memberIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => (p.DisplayName, p.IsActive), cancellationToken).ConfigureAwait(false);
        var groupSettings = groups.Select(g => new GroupSetting(g.Id, g.Name, g.Level, g.IsActive,
            g.Members.OrderBy(m => m.Position).Select(m => names.TryGetValue(m.PersonId, out var n)
                ? new GroupMemberSetting(m.PersonId, n.DisplayName, m.Position, n.IsActive)
                : new GroupMemberSetting(m.PersonId, m.PersonId.ToString(), m.Position, false)).ToList())).ToList();
        return new CatalogSettings(categories, groupSettings, staff);
    }
}
