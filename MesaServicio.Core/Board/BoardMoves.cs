using MesaServicio.Core.Cases;

namespace MesaServicio.Core.Board;

/// <summary>A domain operation the board can start on a card (by dropping it on a column or from its "Mover a…" button).</summary>
public enum BoardMove
{
    /// <summary>Start the analysis (stays in Nuevo / Asignado).</summary>
    Analyse = 1,

    /// <summary>Start working the case: → En atención.</summary>
    Attend = 2,

    /// <summary>Escalate to the next level or another category's lead: → Escalado.</summary>
    Escalate = 3,

    /// <summary>Ask the requester something: → En espera del usuario.</summary>
    WaitOnRequester = 4,

    /// <summary>The requester answered: En espera → En atención.</summary>
    Resume = 5,

    /// <summary>Record the solution: → Resuelto — en encuesta.</summary>
    Resolve = 6,

    /// <summary>Reject with a reason: → Resuelto — en encuesta.</summary>
    Reject = 7,
}

/// <summary>What dropping a card on a column means: the moves it stands for, and those the lifecycle allows now.</summary>
/// <param name="Meant">The operations the drop stands for, whatever the case's state (empty: no operation goes there).</param>
/// <param name="Legal">Those of <paramref name="Meant"/> that <see cref="CaseLifecycle"/> allows in the case's state.</param>
public sealed record BoardDrop(IReadOnlyList<BoardMove> Meant, IReadOnlyList<BoardMove> Legal)
{
    /// <summary>Dropped where it already was: nothing to do.</summary>
    public static BoardDrop None { get; } = new([], []);

    public bool IsRefused => Legal.Count == 0 && !ReferenceEquals(this, None);
}

/// <summary>
/// The board's moves as a pure mapping onto the domain's operations (column → column means operation), checked
/// against the one lifecycle table. The use case checks again: this only decides what to offer and what to refuse
/// before asking.
/// </summary>
public static class BoardMoves
{
    private static readonly BoardMove[] InMenuOrder =
        [BoardMove.Analyse, BoardMove.Attend, BoardMove.Resume, BoardMove.WaitOnRequester, BoardMove.Escalate, BoardMove.Resolve, BoardMove.Reject];

    /// <summary>The lifecycle operation a move runs.</summary>
    public static CaseOperation OperationOf(BoardMove move) => move switch
    {
        BoardMove.Analyse => CaseOperation.Analyse,
        BoardMove.Attend => CaseOperation.Attend,
        BoardMove.Escalate => CaseOperation.Escalate,
        BoardMove.WaitOnRequester => CaseOperation.WaitOnRequester,
        BoardMove.Resume => CaseOperation.Resume,
        BoardMove.Resolve => CaseOperation.Resolve,
        BoardMove.Reject => CaseOperation.Reject,
        _ => throw new ArgumentOutOfRangeException(nameof(move), move, null),
    };

    /// <summary>The column a case lands in after the move.</summary>
    public static BoardColumn TargetOf(BoardMove move) => move switch
    {
        BoardMove.Analyse => BoardColumn.NewOrAssigned,
        BoardMove.Attend or BoardMove.Resume => BoardColumn.InProgress,
        BoardMove.Escalate => BoardColumn.Escalated,
        BoardMove.WaitOnRequester => BoardColumn.WaitingOnRequester,
        BoardMove.Resolve or BoardMove.Reject => BoardColumn.ResolvedInSurvey,
        _ => throw new ArgumentOutOfRangeException(nameof(move), move, null),
    };

    /// <summary>What a drop of a card in <paramref name="from"/> onto <paramref name="to"/> means.</summary>
    public static BoardDrop Drop(CaseStatus from, BoardColumn to)
    {
        if (from == CaseStatus.Closed || BoardColumns.Of(from) == to)
        {
            return BoardDrop.None;
        }

        BoardMove[] meant = to switch
        {
            BoardColumn.InProgress => from == CaseStatus.WaitingOnRequester ? [BoardMove.Resume] : [BoardMove.Attend],
            BoardColumn.Escalated => [BoardMove.Escalate],
            BoardColumn.WaitingOnRequester => [BoardMove.WaitOnRequester],
            BoardColumn.ResolvedInSurvey => [BoardMove.Resolve, BoardMove.Reject],

            // Nothing takes a case back to Nuevo / Asignado (reassignment is not a move on the board).
            _ => [],
        };
        return new BoardDrop(meant, meant.Where(m => CaseLifecycle.Allows(OperationOf(m), from)).ToArray());
    }

    /// <summary>Every move legal from <paramref name="status"/>, in the order the "Mover a…" dialog lists them.</summary>
    public static IReadOnlyList<BoardMove> LegalFrom(CaseStatus status) =>
        InMenuOrder.Where(m => CaseLifecycle.Allows(OperationOf(m), status)).ToArray();
}
