using MesaServicio.Core.Catalog;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Routing;
using MesaServicio.Core.Sla;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Cases;

/// <summary>
/// What a registration reads — the category and its ancestors, the priority matrix, the ANS policies in force, the
/// requester, the groups routing chooses from, the year's last case number — read inside the registering transaction,
/// so what a registration uses is what the database held when it committed. A batch of registrations
/// (<see cref="RegistrationBatches"/>) reads each of them once and serves every registration of the batch from memory,
/// numbers and picks included; that is the same answer, because the batch holds SQLite's write lock (on PostgreSQL,
/// the batches' advisory lock) from its first read to its commit. What a registration takes (a number, a pick) is provisional
/// until <see cref="Accept"/> or <see cref="Discard"/>, and <see cref="SaveAsync"/> writes it before the commit. The
/// batch's references are kept for the next batch while no other connection has written (<see cref="Committed"/>).
/// </summary>
internal sealed class RegistrationReferences
{
    private Dictionary<int, Category>? _categories;
    private PriorityMatrix? _matrix;
    private List<SlaPolicy>? _activePolicies;

    private readonly CaseNumberAllotment _numbers = new();
    private Dictionary<Guid, PersonFacts?>? _requesters;
    private Dictionary<Guid, PersonFacts>? _staff;
    private ILookup<int, Guid>? _groupMembers;
    private HashSet<(Guid, Notifications.MessageKind)>? _optOuts;

    /// <summary>Requesters a batch's references remember across batches before they start over (bounds the memory kept).</summary>
    private const int MaxRequestersKept = 10_000;

    private RegistrationReferences()
    {
    }

    /// <summary>The groups routing read in this transaction and the picks it made.</summary>
    public RoutingLoads Routing { get; } = new();

    /// <summary>For a batch inside one write transaction: each table is read once, on first use.</summary>
    public static RegistrationReferences ForBatch() => new();

    /// <summary>Reads, in one query, whether these requesters exist and are active (a batch's plain registrations).</summary>
    public async Task ExpectRequestersAsync(MesaDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (ids.Count == 0)
        {
            return;
        }

        // Nearly every new case tells its assignee: the staff is read with the requesters, once per batch.
        await StaffAsync(db, cancellationToken).ConfigureAwait(false);
        _requesters ??= [];
        if (_requesters.Count > MaxRequestersKept)
        {
            _requesters.Clear();
        }

        var unknown = ids.Where(id => !_requesters.ContainsKey(id)).Distinct().ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        var found = await db.People.Where(p => unknown.Contains(p.Id)).Select(p => new PersonFacts(p.Id, p.IsActive, p.Email, p.ExternalObjectId, p.Roles, p.DisplayName))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var id in unknown)
        {
            _requesters[id] = null;
        }

        foreach (var person in found)
        {
            _requesters[person.Id] = person;
        }
    }

    /// <summary>
    /// The batch committed: what it read and wrote is what the database holds, and stays true for the next batch as long
    /// as nobody else writes in between (<see cref="RegistrationBatches"/> checks that before it reuses these).
    /// </summary>
    public void Committed()
    {
        _numbers.Committed();
        Routing.Committed();
    }

    /// <summary>Whether the requester is active; null when the desk does not know them. What was read serves her notices too.</summary>
    public async Task<bool?> RequesterActiveAsync(MesaDbContext db, Guid id, CancellationToken cancellationToken)
    {
        if (_requesters is not null && _requesters.TryGetValue(id, out var known))
        {
            return known?.IsActive;
        }

        var facts = await db.People.Where(p => p.Id == id).Select(p => new PersonFacts(p.Id, p.IsActive, p.Email, p.ExternalObjectId, p.Roles, p.DisplayName))
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        (_requesters ??= [])[id] = facts;
        return facts?.IsActive;
    }

    /// <summary>The next case number of <paramref name="year"/>, from the batch's allotment.</summary>
    public Task<string> NumberAsync(MesaDbContext db, int year, CancellationToken cancellationToken) =>
        _numbers.NextAsync(db, year, cancellationToken);

    /// <summary>The registration being written is saved (or will be, with its batch): its number and pick are spent.</summary>
    public void Accept()
    {
        _numbers.Accept();
        Routing.Accept();
    }

    /// <summary>The registration failed: its number and pick go to the next one.</summary>
    public void Discard()
    {
        _numbers.Discard();
        Routing.Discard();
    }

    /// <summary>Writes what the transaction kept in memory — the groups' last picks, the last case number — before its commit.</summary>
    public async Task SaveAsync(MesaDbContext db, CancellationToken cancellationToken)
    {
        await Routing.SaveAsync(db, cancellationToken).ConfigureAwait(false);
        await _numbers.SaveAsync(db, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What the notices of a registration need to know of a person (<see cref="RegistrationNoticeDirectory"/>).</summary>
    internal sealed record PersonFacts(Guid Id, bool IsActive, string Email, string? ExternalObjectId, People.PersonRoles Roles, string DisplayName);

    /// <summary>A person: the batch's requesters and staff from memory, anyone else from the database.</summary>
    internal async Task<PersonFacts?> PersonAsync(MesaDbContext db, Guid id, CancellationToken cancellationToken)
    {
        if (_requesters is not null && _requesters.TryGetValue(id, out var requester) && requester is not null)
        {
            return requester;
        }

        if ((await StaffAsync(db, cancellationToken).ConfigureAwait(false)).TryGetValue(id, out var member))
        {
            return member;
        }

        return await db.People.AsNoTracking().Where(p => p.Id == id).Select(p => new PersonFacts(p.Id, p.IsActive, p.Email, p.ExternalObjectId, p.Roles, p.DisplayName))
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A batch's staff (everyone with a role), read once.</summary>
    internal async Task<Dictionary<Guid, PersonFacts>> StaffAsync(MesaDbContext db, CancellationToken cancellationToken) =>
        _staff ??= await db.People.AsNoTracking().Where(p => p.Roles != People.PersonRoles.None)
            .Select(p => new PersonFacts(p.Id, p.IsActive, p.Email, p.ExternalObjectId, p.Roles, p.DisplayName))
            .ToDictionaryAsync(p => p.Id, cancellationToken).ConfigureAwait(false);

    /// <summary>The members of a technician group (a batch reads them all once).</summary>
    internal async Task<IReadOnlyList<Guid>> GroupMembersAsync(MesaDbContext db, int groupId, CancellationToken cancellationToken)
    {
        _groupMembers ??= (await db.GroupMembers.AsNoTracking().Select(m => new { m.GroupId, m.PersonId }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(m => m.GroupId, m => m.PersonId);
        return [.. _groupMembers[groupId]];
    }

    /// <summary>Whether the person switched e-mails of the kind off (a batch reads every choice once).</summary>
    internal async Task<bool> OptedOutAsync(MesaDbContext db, Guid personId, Notifications.MessageKind kind, CancellationToken cancellationToken)
    {
        _optOuts ??= [.. (await db.EmailOptOuts.AsNoTracking().Select(o => new { o.PersonId, o.Kind }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .Select(o => (o.PersonId, o.Kind))];
        return _optOuts.Contains((personId, kind));
    }

    public async Task<IReadOnlyList<Category>> PathAsync(MesaDbContext db, int categoryId, CancellationToken cancellationToken)
    {
        _categories ??= await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, cancellationToken).ConfigureAwait(false);
        return CategoryPath.From(_categories, categoryId);
    }

    /// <summary>
    /// The card of a case just registered, for the live feed: the category's name from the path the registration read,
    /// the requester's (unless <paramref name="requesterName"/> says it) and the assignee's from the people the batch read,
    /// or else from <paramref name="names"/>. A batch reads nothing more.
    /// </summary>
    public async Task<Board.BoardCard?> CardAsync(
        MesaDbContext db, Board.BoardCardNames names, Case registered, string? requesterName, Calendar.BusinessCalendar calendar,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(registered);
        var category = (await PathAsync(db, registered.CategoryId, cancellationToken).ConfigureAwait(false))[0].Name;
        requesterName ??= await NameAsync(registered.RequesterId).ConfigureAwait(false);
        var assignee = registered.AssigneeId is { } id ? await NameAsync(id).ConfigureAwait(false) : null;
        return Board.BoardCards.Of(registered, requesterName, category, assignee, calendar, registered.ReceivedAt);

        async ValueTask<string> NameAsync(Guid person)
        {
            if (_requesters is not null && _requesters.TryGetValue(person, out var requester) && requester is not null)
            {
                return requester.DisplayName;
            }

            return (await StaffAsync(db, cancellationToken).ConfigureAwait(false)).TryGetValue(person, out var member)
                ? member.DisplayName
                : await names.PersonAsync(db, person, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<PriorityMatrix> MatrixAsync(MesaDbContext db, CancellationToken cancellationToken) =>
        _matrix ??= new PriorityMatrix(await db.PriorityMatrix.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false));

    public async Task<SlaPolicy?> PolicyAsync(
        MesaDbContext db, IReadOnlyList<Category> path, CaseKind kind, CasePriority priority, CancellationToken cancellationToken)
    {
        var ids = path.Select(c => c.Id).ToList();
        _activePolicies ??= await db.SlaPolicies.AsNoTracking().Where(p => p.IsActive).ToListAsync(cancellationToken).ConfigureAwait(false);
        return SlaPolicy.Select(_activePolicies, ids, kind, priority);
    }
}
