using MesaServicio.Core.Calendar;
using MesaServicio.Core.Live;

namespace MesaServicio.Core.Board;

/// <summary>
/// One column as an open board holds it: the cards read so far (first page, then more as it scrolls), in order, and
/// how many the column holds.
/// </summary>
public sealed class LiveColumn
{
    private readonly List<BoardCard> _cards;

    public LiveColumn(BoardColumnCards read)
    {
        ArgumentNullException.ThrowIfNull(read);
        Column = read.Column;
        _cards = [.. read.Cards];
        Total = read.Total;
        Exact = read.Exact;
        Complete = !read.HasMore;
    }

    public BoardColumn Column { get; }

    /// <summary>The cards held, in <see cref="BoardOrder"/>.</summary>
    public IReadOnlyList<BoardCard> Cards => _cards;

    /// <summary>How many cards the column holds (at least the held ones; a lower bound when not <see cref="Exact"/>).</summary>
    public int Total { get; private set; }

    /// <summary>Whether <see cref="Total"/> is a count (the "at risk" filter only knows what it read).</summary>
    public bool Exact { get; private set; }

    /// <summary>Every card of the column is held: nothing more to read.</summary>
    public bool Complete { get; private set; }

    /// <summary>Grows with every change, so that the view knows to draw the column again.</summary>
    public int Revision { get; private set; }

    /// <summary>Adds the next page read from the database (<see cref="GetBoard.MoreAsync"/>).</summary>
    public void Append(BoardColumnCards more)
    {
        ArgumentNullException.ThrowIfNull(more);
        foreach (var card in more.Cards)
        {
            if (IndexOf(card.Number) < 0)
            {
                Insert(card);
            }
        }

        Complete = !more.HasMore;
        if (Complete && !Exact)
        {
            Total = _cards.Count;
            Exact = true;
        }

        Total = Math.Max(Total, _cards.Count);
        Revision++;
    }

    internal int IndexOf(string number) => _cards.FindIndex(c => string.Equals(c.Number, number, StringComparison.OrdinalIgnoreCase));

    internal void RemoveAt(int index, bool counted)
    {
        _cards.RemoveAt(index);
        if (counted)
        {
            Total = Math.Max(_cards.Count, Total - 1);
        }

        Revision++;
    }

    internal void Uncount()
    {
        Total = Math.Max(_cards.Count, Total - 1);
        Revision++;
    }

    /// <summary>Places the card when it falls among the held ones (or the column is complete); counts it.</summary>
    internal void Add(BoardCard card, bool counted)
    {
        var last = _cards.Count == 0 ? null : _cards[^1];
        if (Complete || (last is not null && BoardOrder.Instance.Compare(card, last) < 0))
        {
            Insert(card);
        }

        if (counted)
        {
            Total++;
        }

        Total = Math.Max(Total, _cards.Count);
        Revision++;
    }

    private void Insert(BoardCard card)
    {
        var index = _cards.BinarySearch(card, BoardOrder.Instance);
        _cards.Insert(index < 0 ? ~index : index, card);
    }
}

/// <summary>
/// An open board's view, kept current by the live feed (decision 0020): a <see cref="CardChanged"/> is applied with the
/// board's own scope — add, move, update, remove — without reading the database. A change the board's last read may
/// already show is recognised by the card's version.
/// </summary>
public sealed class LiveBoard
{
    private readonly Dictionary<BoardColumn, LiveColumn> _columns;

    public LiveBoard(BoardView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        Scope = view.Scope;
        ReadAt = view.ReadAt;
        Columns = [.. view.Columns.Select(c => new LiveColumn(c))];
        _columns = Columns.ToDictionary(c => c.Column);
    }

    public BoardScope Scope { get; }

    public DateTimeOffset ReadAt { get; }

    /// <summary>The five columns, left to right.</summary>
    public IReadOnlyList<LiveColumn> Columns { get; }

    public int Total => Columns.Sum(c => c.Total);

    public LiveColumn this[BoardColumn column] => _columns[column];

    /// <summary>The card with this number, if the board holds it.</summary>
    public BoardCard? Find(string number)
    {
        foreach (var column in Columns)
        {
            var index = column.IndexOf(number);
            if (index >= 0)
            {
                return column.Cards[index];
            }
        }

        return null;
    }

    /// <summary>
    /// Applies a change. <paramref name="counted"/> is false for a change that arrived while the board was being read
    /// (the read may or may not count it): then a card the board does not hold changes no count.
    /// Returns whether the board changed.
    /// </summary>
    public bool Apply(CardChanged change, BusinessCalendar calendar, DateTimeOffset now, bool counted = true)
    {
        ArgumentNullException.ThrowIfNull(change);
        LiveColumn? heldIn = null;
        var heldAt = -1;
        foreach (var column in Columns)
        {
            heldAt = column.IndexOf(change.Number);
            if (heldAt >= 0)
            {
                heldIn = column;
                break;
            }
        }

        var held = heldIn?.Cards[heldAt];
        if (held is not null && change.After is { } newer && held.Version >= newer.Version)
        {
            return false; // The board already shows this change (or a later one).
        }

        var wasIn = change.Before is { } before && Scope.Shows(before, calendar, now);
        var isIn = change.After is { } after && Scope.Shows(after, calendar, now);
        var countsKnown = counted || held is not null;
        if (heldIn is not null)
        {
            heldIn.RemoveAt(heldAt, countsKnown);
        }
        else if (countsKnown && wasIn)
        {
            this[change.Before!.Column].Uncount();
        }

        if (isIn)
        {
            this[change.After!.Column].Add(change.After, countsKnown);
        }

        return heldIn is not null || (countsKnown && wasIn) || isIn;
    }
}
