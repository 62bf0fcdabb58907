using MesaServicio.Core.Calendar;

namespace MesaServicio.Core.Board;

/// <summary>
/// What one open board shows: the person's reach (the same as <see cref="GetBoard"/> reads: coordinator everything;
/// otherwise what is assigned to them, their groups', the categories they lead) and the filter they chose, with the
/// category filter's sub-tree resolved. An open board applies a live change with it alone: no database read.
/// </summary>
public sealed class BoardScope
{
    private readonly HashSet<string> _audience;

    public BoardScope(
        Guid me, bool everything, IReadOnlySet<int> groups, IReadOnlySet<int> ledCategories, IReadOnlyList<string> audience,
        BoardFilter filter, IReadOnlySet<int>? categorySubtree)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(ledCategories);
        ArgumentNullException.ThrowIfNull(audience);
        ArgumentNullException.ThrowIfNull(filter);
        Me = me;
        Everything = everything;
        Groups = groups;
        LedCategories = ledCategories;
        Filter = filter;
        CategorySubtree = categorySubtree;
        _audience = new HashSet<string>(audience, StringComparer.Ordinal);
    }

    public Guid Me { get; }

    /// <summary>The coordinator reaches every case.</summary>
    public bool Everything { get; }

    public IReadOnlySet<int> Groups { get; }

    public IReadOnlySet<int> LedCategories { get; }

    public BoardFilter Filter { get; }

    /// <summary>The chosen category and its sub-categories (<c>null</c>: no category filter).</summary>
    public IReadOnlySet<int>? CategorySubtree { get; }

    /// <summary>The same scope with another filter (its category sub-tree resolved by the caller).</summary>
    public BoardScope With(BoardFilter filter, IReadOnlySet<int>? categorySubtree) =>
        new(Me, Everything, Groups, LedCategories, [.. _audience], filter, categorySubtree);

    /// <summary>Whether a change addressed to <paramref name="audience"/> may concern this board (a quick first check).</summary>
    public bool Hears(IReadOnlyList<string> audience)
    {
        ArgumentNullException.ThrowIfNull(audience);
        foreach (var group in audience)
        {
            if (_audience.Contains(group))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the person may see this card on the board.</summary>
    public bool Sees(BoardCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return Everything || card.AssigneeId == Me || (card.GroupId is { } g && Groups.Contains(g)) || LedCategories.Contains(card.CategoryId);
    }

    /// <summary>Whether the card is within reach and passes the filter, read at <paramref name="now"/> (the "at risk" filter).</summary>
    public bool Shows(BoardCard card, BusinessCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (!Sees(card))
        {
            return false;
        }

        var filter = Filter;
        var inGroups = card.GroupId is { } g && Groups.Contains(g);
        var mine = card.AssigneeId == Me;
        if ((filter.Mine && filter.MyGroups && !(mine || inGroups)) || (filter.Mine && !filter.MyGroups && !mine)
            || (filter.MyGroups && !filter.Mine && !inGroups))
        {
            return false;
        }

        if ((filter.Unassigned && card.AssigneeId is not null) || (filter.Priority is { } p && card.Priority != p)
            || (CategorySubtree is { } subtree && !subtree.Contains(card.CategoryId)))
        {
            return false;
        }

        if (GetBoard.SearchText(filter) is { } search
            && !card.Number.Contains(search, StringComparison.OrdinalIgnoreCase)
            && !card.Subject.Contains(search, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return !filter.AtRisk || BoardSla.Read(card.Sla, calendar, now).NeedsAttention;
    }
}
