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
    LegalTermFacts Legal = default)
{
    public BoardColumn Column => BoardColumns.Of(Status);
}

/// <summary>The cards of one column, in the order they are shown (priority, then oldest first).</summary>
public sealed record BoardColumnCards(BoardColumn Column, IReadOnlyList<BoardCard> Cards);

/// <summary>The board as read at <see cref="ReadAt"/>: the five columns, left to right.</summary>
public sealed record BoardView(IReadOnlyList<BoardColumnCards> Columns, DateTimeOffset ReadAt)
{
    public int Total => Columns.Sum(c => c.Cards.Count);

    public BoardColumnCards this[BoardColumn column] => Columns.Single(c => c.Column == column);

    /// <summary>The card with this number, if it is on the board.</summary>
    public BoardCard? Find(string number) =>
        Columns.SelectMany(c => c.Cards).FirstOrDefault(c => string.Equals(c.Number, number, StringComparison.OrdinalIgnoreCase));
}
