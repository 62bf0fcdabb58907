using MesaServicio.Core.Cases;
using MesaServicio.Core.Catalog;
using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Notifications;

/// <summary>
/// What <see cref="CaseNotices"/> needs to know about people to tell them of a change: addresses, who is active, who leads
/// a category, who coordinates, and who switched an e-mail kind off. Read from the change's own context, so it sees what
/// the change's transaction sees.
/// </summary>
public interface INoticeDirectory
{
    /// <summary>The requester's address (null when inactive or unknown), and whether she signs in to the portal.</summary>
    Task<(NoticeRecipient? Recipient, bool HasAccount)> RequesterAsync(Case c, CancellationToken cancellationToken);

    /// <summary>The active people among <paramref name="ids"/>, in that order.</summary>
    Task<IReadOnlyList<NoticeRecipient>> ActiveAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken);

    /// <summary>Every active coordinator.</summary>
    Task<IReadOnlyList<Guid>> CoordinatorsAsync(CancellationToken cancellationToken);

    /// <summary>The technical lead of the category (nearest up the tree).</summary>
    Task<Guid?> CategoryLeadAsync(int categoryId, CancellationToken cancellationToken);

    /// <summary>The members of a technician group.</summary>
    Task<IReadOnlyList<Guid>> GroupMembersAsync(int groupId, CancellationToken cancellationToken);

    /// <summary>Whether the person switched e-mails of <paramref name="kind"/> off.</summary>
    Task<bool> OptedOutAsync(Guid personId, MessageKind kind, CancellationToken cancellationToken);

    /// <summary>
    /// Whether a requester signs in: who filed in the portal, or was filed for by an agent, does; a PQRS requester only if
    /// Entra knows her.
    /// </summary>
    public static bool SignsIn(CaseChannel channel, string? externalObjectId) => channel != CaseChannel.Pqrs || externalObjectId is not null;
}

/// <summary>The directory read straight from the database, row by row (the commands of <see cref="CaseCommandRunner"/>).</summary>
public sealed class DatabaseNoticeDirectory(MesaDbContext db) : INoticeDirectory
{
    public async Task<(NoticeRecipient? Recipient, bool HasAccount)> RequesterAsync(Case c, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(c);
        var person = await db.People.AsNoTracking().Where(p => p.Id == c.RequesterId)
            .Select(p => new { p.Id, p.Email, p.IsActive, p.ExternalObjectId }).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return person is null
            ? (null, false)
            : (person.IsActive ? new NoticeRecipient(person.Id, person.Email) : null, INoticeDirectory.SignsIn(c.Channel, person.ExternalObjectId));
    }

    public Task<IReadOnlyList<NoticeRecipient>> ActiveAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken) =>
        Recipients.ActiveAsync(db, ids, cancellationToken);

    public async Task<IReadOnlyList<Guid>> CoordinatorsAsync(CancellationToken cancellationToken) =>
        (await Recipients.CoordinatorsAsync(db, cancellationToken).ConfigureAwait(false)).Select(r => r.PersonId!.Value).ToList();

    public async Task<Guid?> CategoryLeadAsync(int categoryId, CancellationToken cancellationToken) =>
        CategoryPath.TechnicalLead(await CategoryPath.LoadAsync(db, categoryId, cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<Guid>> GroupMembersAsync(int groupId, CancellationToken cancellationToken) =>
        await db.GroupMembers.AsNoTracking().Where(m => m.GroupId == groupId).Select(m => m.PersonId).ToListAsync(cancellationToken).ConfigureAwait(false);

    public Task<bool> OptedOutAsync(Guid personId, MessageKind kind, CancellationToken cancellationToken) =>
        EmailPreferences.OptedOutAsync(db, personId, kind, cancellationToken);
}
