using MesaServicio.Core.Cases;

namespace MesaServicio.Core.Board;

/// <summary>The five columns of the agents' board (decision 0001 groups several states in one column).</summary>
public enum BoardColumn
{
    /// <summary>Nuevo / Asignado: New, Assigned, InAnalysis.</summary>
    NewOrAssigned = 1,

    /// <summary>En atención: InProgress.</summary>
    InProgress = 2,

    /// <summary>En espera del usuario: WaitingOnRequester.</summary>
    WaitingOnRequester = 3,

    /// <summary>Escalado: Escalated.</summary>
    Escalated = 4,

    /// <summary>Resuelto — en encuesta: Resolved, Rejected, NovedadReported.</summary>
    ResolvedInSurvey = 5,
}

/// <summary>Which state goes in which column, and which states the board shows at all (every state but Closed).</summary>
public static class BoardColumns
{
    /// <summary>The columns, left to right.</summary>
    public static IReadOnlyList<BoardColumn> All { get; } =
        [BoardColumn.NewOrAssigned, BoardColumn.InProgress, BoardColumn.WaitingOnRequester, BoardColumn.Escalated, BoardColumn.ResolvedInSurvey];

    /// <summary>The states the board shows.</summary>
    public static IReadOnlyList<CaseStatus> Statuses { get; } =
    [
        CaseStatus.New, CaseStatus.Assigned, CaseStatus.InAnalysis, CaseStatus.InProgress, CaseStatus.WaitingOnRequester,
        CaseStatus.Escalated, CaseStatus.Resolved, CaseStatus.Rejected, CaseStatus.NovedadReported,
    ];

    /// <summary>The column of a state; <see cref="CaseStatus.Closed"/> has none.</summary>
    public static BoardColumn Of(CaseStatus status) => status switch
    {
        CaseStatus.New or CaseStatus.Assigned or CaseStatus.InAnalysis => BoardColumn.NewOrAssigned,
        CaseStatus.InProgress => BoardColumn.InProgress,
        CaseStatus.WaitingOnRequester => BoardColumn.WaitingOnRequester,
        CaseStatus.Escalated => BoardColumn.Escalated,
        CaseStatus.Resolved or CaseStatus.Rejected or CaseStatus.NovedadReported => BoardColumn.ResolvedInSurvey,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "A closed case is not on the board."),
    };
}
