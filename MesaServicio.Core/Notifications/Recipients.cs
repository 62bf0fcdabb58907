using MesaServicio.Core.Cases;
using MesaServicio.Core.Catalog;
using MesaServicio.Core.People;
using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Notifications;

/// <summary>Who is told about a case: its requester, its assignee and the category's technical lead, the coordinators.</summary>
public static class Recipients
{
    /// <summary>The requester (known person, or only an e-mail for an external PQRS requester).</summary>
    public static async Task<NoticeRecipient?> RequesterAsync(MesaDbContext db, Guid requesterId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var person = await db.People.AsNoTracking().Where(p => p.Id == requesterId)
            .Select(p => new { p.Id, p.Email, p.IsActive }).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return person is { IsActive: true } ? new NoticeRecipient(person.Id, person.Email) : null;
    }

    /// <summary>The assignee and the technical lead of the case's category (nearest up the tree), without repeats.</summary>
    public static async Task<IReadOnlyList<NoticeRecipient>> AssigneeAndLeadAsync(
        MesaDbContext db, Guid? assigneeId, int categoryId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var path = await CategoryPath.LoadAsync(db, categoryId, cancellationToken).ConfigureAwait(false);
        var ids = new[] { assigneeId, CategoryPath.TechnicalLead(path) }.OfType<Guid>().Distinct().ToList();
        return await ActivePeopleAsync(db, ids, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every active coordinator.</summary>
    public static async Task<IReadOnlyList<NoticeRecipient>> CoordinatorsAsync(MesaDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var people = await db.People.AsNoTracking().Where(p => p.IsActive)
            .Select(p => new { p.Id, p.Email, p.Roles }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return people.Where(p => p.Roles.HasFlag(PersonRoles.Coordinator)).Select(p => new NoticeRecipient(p.Id, p.Email)).ToList();
    }

    /// <summary>The active people among <paramref name="ids"/>, in that order.</summary>
    public static async Task<IReadOnlyList<NoticeRecipient>> ActiveAsync(MesaDbContext db, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await ActivePeopleAsync(db, [.. ids], cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<NoticeRecipient>> ActivePeopleAsync(MesaDbContext db, List<Guid> ids, CancellationToken cancellationToken)
    {
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id) && p.IsActive)
            .Select(p => new { p.Id, p.Email }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var byId = people.ToDictionary(p => p.Id, p => p.Email);
        return ids.Where(byId.ContainsKey).Select(id => new NoticeRecipient(id, byId[id])).ToList();
    }

    /// <summary>The portal path of a case.</summary>
    public static string CaseLink(string number) => "/casos/" + number;

    /// <summary>The portal path of a case for the Spanish templates' "link" value.</summary>
    public static string CaseLink(Case c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return CaseLink(c.Number);
    }
}
