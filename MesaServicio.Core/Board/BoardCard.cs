using MesaServicio.Core.Cases;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Sla;

namespace MesaServicio.Core.Board;

/// <summary>
/// One card of the board: what the card shows (number, subject, requester, category, priority, kind, state, level,
/// assignee, reception), the case's <c>Version</c> for optimistic concurrency when the card is moved, the ANS facts
/// (<c>Sla</c>) so the chip can be read again later without a query, and the <c>Reading</c> when the board was read;
/// for a PQRS, its legal term's facts (<c>Legal</c>), read again by its chip the same way.
/// </summary>
public sealed record BoardCard(
    string Number,
    int Version,
    string Subject,
    string RequesterName,
    int CategoryId,
    string CategoryName,
    CasePriority Priority,
    CaseKind Kind,
    CaseStatus Status,
    int Level,
    Guid? AssigneeId,
    string? AssigneeName,
    int? GroupId,
    DateTimeOffset ReceivedAt,
    SlaFacts Sla,
    BoardSlaReading Reading,
    LegalTermFacts Legal = default,
    DateTimeOffset SortDueAt = default)
{
    public BoardColumn Column => BoardColumns.Of(Status);
}

/// <summary>
/// The order of a column's cards, the same in memory as in the database: priority (critical first), then the due time
/// the card sorts by (<see cref="Cases.Case.BoardDueAt"/>), then the number.
/// </summary>
public sealed class BoardOrder : IComparer<BoardCard>
{
    public static BoardOrder Instance { get; } = new();

    public int Compare(BoardCard? x, BoardCard? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var byPriority = x.Priority.CompareTo(y.Priority);
        if (byPriority != 0)
        {
            return byPriority;
        }

        var byDue = x.SortDueAt.UtcTicks.CompareTo(y.SortDueAt.UtcTicks);
        return byDue != 0 ? byDue : string.CompareOrdinal(x.Number, y.Number);
    }
}

/// <summary>
/// The first cards of one column, in the order they are shown (<see cref="BoardOrder"/>), and how many the column holds
/// (<see cref="Total"/>; at least that many when not <see cref="Exact"/>: the "at risk" filter counts only what it read).
/// </summary>
public sealed record BoardColumnCards(BoardColumn Column, IReadOnlyList<BoardCard> Cards, int Total, bool Exact = true)
{
    /// <summary>More cards than these are in the column.</summary>
    public bool HasMore => Cards.Count < Total || !Exact;
}

/// <summary>
/// The board as read at <see cref="ReadAt"/>: the five columns, left to right, each with its first page; and what it
/// was read for (<see cref="Scope"/>), so that live changes are applied with the same reach and filter.
/// </summary>
public sealed record BoardView(IReadOnlyList<BoardColumnCards> Columns, DateTimeOffset ReadAt, BoardScope Scope)
{
    public int Total => Columns.Sum(c => c.Total);

    public BoardColumnCards this[BoardColumn column] => Columns.Single(c => c.Column == column);

    /// <summary>The card with this number, if it is on the board.</summary>
    public BoardCard? Find(string number) =>
        Columns.SelectMany(c => c.Cards).FirstOrDefault(c => string.Equals(c.Number, number, StringComparison.OrdinalIgnoreCase));
}
