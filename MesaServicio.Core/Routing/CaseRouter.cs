using MesaServicio.Core.Cases;
using MesaServicio.Core.Catalog;
using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Routing;

/// <summary>
/// Automatic routing (activity 2): the category decides the group, <see cref="TechnicianPicker"/> decides
/// the technician. Runs inside the registering transaction, so the pick and the case land together.
/// </summary>
internal static class CaseRouter
{
    /// <summary>
    /// Assigns <paramref name="c"/>; when the group has nobody active, leaves it <see cref="CaseStatus.New"/> in that group
    /// ("Sin asignar"), where its lead and the coordinator are told and assign it.
    /// </summary>
    public static async Task RouteAsync(
        MesaDbContext db, Case c, IReadOnlyList<Category> categoryPath, CaseContext context, RoutingLoads loads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(loads);
        if (CategoryPath.Group(categoryPath) is not { } groupId)
        {
            return;
        }

        var load = await loads.GetAsync(db, groupId, cancellationToken).ConfigureAwait(false);
        if (TechnicianPicker.Pick(load.Candidates, load.LastAssigned) is not { } assignee)
        {
            c.LeaveUnassigned(groupId, load.Level, context);
            return;
        }

        c.Assign(assignee, groupId, load.Level, context);
        loads.Picked(groupId, assignee);
    }
}

/// <summary>A group as routing sees it: its level, who it picked last, and its active members with their open work.</summary>
internal sealed record GroupLoad(int Level, Guid? LastAssigned, IReadOnlyList<RoutingCandidate> Candidates);

/// <summary>
/// What routing reads — a group, its active members and how many open cases each has — read once and then kept up to
/// date in memory with the picks made since, so a batch of registrations (<see cref="RegistrationBatches"/>) reads each
/// group once instead of once per case, and the next batch not at all when nobody else wrote in between. Each
/// registration's pick is provisional until <see cref="Accept"/> (it is kept) or <see cref="Discard"/> (it failed);
/// the groups' "last picked" are written by <see cref="SaveAsync"/> before the commit. A pick may be accepted before
/// its case's rows are saved (a batch saves its plain registrations together); <see cref="Saved"/> says when they are.
/// </summary>
internal sealed class RoutingLoads
{
    private readonly Dictionary<int, Loaded> _groups = [];

    // Cases this transaction assigned per person: every accepted pick, and those whose rows are already saved. A group
    // read later counts the saved ones in its open work, so it remembers how many were saved when it was read.
    private readonly Dictionary<Guid, int> _picked = [];
    private Dictionary<Guid, int> _saved = [];
    private (int GroupId, Guid Person)? _provisional;

    public async Task<GroupLoad> GetAsync(MesaDbContext db, int groupId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!_groups.TryGetValue(groupId, out var loaded))
        {
            var group = await db.TechnicianGroups.AsNoTracking().SingleAsync(g => g.Id == groupId, cancellationToken).ConfigureAwait(false);
            var candidates = await db.GroupMembers
                .Where(m => m.GroupId == groupId)
                .Join(db.People.Where(p => p.IsActive), m => m.PersonId, p => p.Id, (m, p) => new { m.PersonId, m.Position })
                .Select(m => new RoutingCandidate(
                    m.PersonId, m.Position, db.Cases.Count(x => x.AssigneeId == m.PersonId && Case.OpenStatuses.Contains(x.Status))))
                .ToListAsync(cancellationToken).ConfigureAwait(false);

            loaded = new Loaded(group.Level, group.LastAssignedPersonId, candidates, _saved);
            _groups[groupId] = loaded;
        }

        return new GroupLoad(
            loaded.Level,
            loaded.LastAssigned,
            loaded.FromDatabase.Select(c => c with { OpenCases = c.OpenCases + PickedSince(loaded, c.PersonId) }).ToList());
    }

    /// <summary>The registration being written assigned its case to <paramref name="person"/> from <paramref name="groupId"/>.</summary>
    public void Picked(int groupId, Guid person) => _provisional = (groupId, person);

    /// <summary>The registration is kept (its rows saved, or waiting for its batch's save): its pick counts.</summary>
    public void Accept()
    {
        if (_provisional is not var (groupId, person))
        {
            return;
        }

        _picked[person] = _picked.GetValueOrDefault(person) + 1;
        _groups[groupId] = _groups[groupId] with { LastAssigned = person, Changed = true };
        _provisional = null;
    }

    /// <summary>The rows of every accepted pick are saved (they now count in the open work a group read returns).</summary>
    public void Saved() => _saved = new Dictionary<Guid, int>(_picked);

    /// <summary>The registration failed and was rolled back: its pick never happened.</summary>
    public void Discard() => _provisional = null;

    /// <summary>The groups' last picks written are committed: the next transaction writes only the groups it changes.</summary>
    public void Committed()
    {
        foreach (var (groupId, loaded) in _groups.Where(g => g.Value.Changed).ToList())
        {
            _groups[groupId] = loaded with { Changed = false };
        }
    }

    /// <summary>Writes each changed group's last pick (round-robin), inside the transaction, before it commits.</summary>
    public async Task SaveAsync(MesaDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var (groupId, loaded) in _groups)
        {
            if (loaded.Changed)
            {
                // Plain SQL: a LINQ ExecuteUpdate costs several times the statement itself, on the batch's one writer thread.
                var last = loaded.LastAssigned;
                await db.Database.ExecuteSqlAsync(
                    $"""UPDATE "TechnicianGroups" SET "LastAssignedPersonId" = {last} WHERE "Id" = {groupId}""", cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private int PickedSince(Loaded loaded, Guid person) =>
        _picked.GetValueOrDefault(person) - loaded.PickedBefore.GetValueOrDefault(person);

    private sealed record Loaded(
        int Level, Guid? LastAssigned, IReadOnlyList<RoutingCandidate> FromDatabase, IReadOnlyDictionary<Guid, int> PickedBefore, bool Changed = false);
}
