namespace MesaServicio.Core.Catalog;

/// <summary>A group of technicians at one support level (1 to 3). Routing picks among its active members.</summary>
public sealed class TechnicianGroup
{
    private readonly List<GroupMember> _members = [];

    private TechnicianGroup()
    {
        Name = "";
    }

    public TechnicianGroup(string name, int level)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, Cases.Case.MaxLevel);
        Name = name.Trim();
        Level = level;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>Support level, 1 to 3.</summary>
    public int Level { get; private set; }

    public bool IsActive { get; private set; } = true;

    /// <summary>Who routing picked last, so ties go round-robin.</summary>
    public Guid? LastAssignedPersonId { get; private set; }

    public IReadOnlyList<GroupMember> Members => _members;

    public void AddMember(Guid personId)
    {
        if (_members.Exists(m => m.PersonId == personId))
        {
            return;
        }

        _members.Add(new GroupMember(Id, personId, _members.Count == 0 ? 0 : _members.Max(m => m.Position) + 1));
    }

    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
    }

    /// <summary>Moves the group to another support level (1 to 3); cases already assigned keep theirs.</summary>
    public void ChangeLevel(int level)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, Cases.Case.MaxLevel);
        Level = level;
    }

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;

    /// <summary>Takes a technician out of the group; their open cases stay assigned to them.</summary>
    public bool RemoveMember(Guid personId)
    {
        var member = _members.Find(m => m.PersonId == personId);
        if (member is null)
        {
            return false;
        }

        _members.Remove(member);
        Renumber(_members.OrderBy(m => m.Position).ToList());
        return true;
    }

    /// <summary>Moves a member to <paramref name="index"/> (0-based) in the round-robin order.</summary>
    public bool MoveMember(Guid personId, int index)
    {
        var ordered = _members.OrderBy(m => m.Position).ToList();
        var member = ordered.Find(m => m.PersonId == personId);
        if (member is null)
        {
            return false;
        }

        var target = Math.Clamp(index, 0, ordered.Count - 1);
        if (ordered.IndexOf(member) == target)
        {
            return false;
        }

        ordered.Remove(member);
        ordered.Insert(target, member);
        Renumber(ordered);
        return true;
    }

    private static void Renumber(List<GroupMember> ordered)
    {
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].PlaceAt(i);
        }
    }
}

/// <summary>A technician's membership of a group; <see cref="Position"/> orders the round-robin.</summary>
public sealed class GroupMember
{
    private GroupMember()
    {
    }

    internal GroupMember(int groupId, Guid personId, int position)
    {
        GroupId = groupId;
        PersonId = personId;
        Position = position;
    }

    public int GroupId { get; private set; }

    public Guid PersonId { get; private set; }

    public int Position { get; private set; }

    internal void PlaceAt(int position) => Position = position;
}
