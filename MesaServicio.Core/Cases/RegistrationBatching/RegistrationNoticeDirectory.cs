using MesaServicio.Core.Catalog;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.People;
using MesaServicio.Core.Persistence;

namespace MesaServicio.Core.Cases;

/// <summary>
/// The people a new case's notices go to, read through the registration's <see cref="RegistrationReferences"/>: inside the
/// registering transaction, and for a batch once per batch (kept, like the rest, while no other connection writes), so the
/// acknowledgement and the assignee's notice commit with the case without slowing the batch's fast path.
/// </summary>
internal sealed class RegistrationNoticeDirectory(MesaDbContext db, RegistrationReferences references, Person? resolvedRequester) : INoticeDirectory
{
    public async Task<(NoticeRecipient? Recipient, bool HasAccount)> RequesterAsync(Case c, CancellationToken cancellationToken)
    {
        // The requester the intake found or added in this very transaction (an added one is only in the context yet; looking
        // there would make the context detect changes over the whole batch, once per registration).
        if (resolvedRequester is { } known && known.Id == c.RequesterId)
        {
            return (known.IsActive ? new NoticeRecipient(known.Id, known.Email) : null, INoticeDirectory.SignsIn(c.Channel, known.ExternalObjectId));
        }

        var person = await references.PersonAsync(db, c.RequesterId, cancellationToken).ConfigureAwait(false);
        return person is null
            ? (null, false)
            : (person.IsActive ? new NoticeRecipient(person.Id, person.Email) : null, INoticeDirectory.SignsIn(c.Channel, person.ExternalObjectId));
    }

    public async Task<IReadOnlyList<NoticeRecipient>> ActiveAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var active = new List<NoticeRecipient>();
        foreach (var id in ids)
        {
            if (await references.PersonAsync(db, id, cancellationToken).ConfigureAwait(false) is { IsActive: true } person)
            {
                active.Add(new NoticeRecipient(person.Id, person.Email));
            }
        }

        return active;
    }

    public async Task<IReadOnlyList<Guid>> CoordinatorsAsync(CancellationToken cancellationToken)
    {
        var staff = await references.StaffAsync(db, cancellationToken).ConfigureAwait(false);
        return staff.Values.Where(p => p.IsActive && p.Roles.HasFlag(PersonRoles.Coordinator)).Select(p => p.Id).ToList();
    }

    public async Task<Guid?> CategoryLeadAsync(int categoryId, CancellationToken cancellationToken) =>
        CategoryPath.TechnicalLead(await references.PathAsync(db, categoryId, cancellationToken).ConfigureAwait(false));

    public Task<IReadOnlyList<Guid>> GroupMembersAsync(int groupId, CancellationToken cancellationToken) =>
        references.GroupMembersAsync(db, groupId, cancellationToken);

    public Task<bool> OptedOutAsync(Guid personId, MessageKind kind, CancellationToken cancellationToken) =>
        references.OptedOutAsync(db, personId, kind, cancellationToken);
}
