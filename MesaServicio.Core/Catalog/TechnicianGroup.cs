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

    public void RecordAssignment(Guid personId) => LastAssignedPersonId = personId;
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
}
