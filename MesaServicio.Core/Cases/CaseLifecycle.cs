namespace MesaServicio.Core.Cases;

/// <summary>
/// Which operation may run in which state: the procedure's flow as one table. <see cref="Case"/> consults
/// it before every transition; the board and the case page use it to offer only legal moves.
/// </summary>
public static class CaseLifecycle
{
    private static readonly Dictionary<CaseOperation, CaseStatus[]> AllowedFrom = new()
    {
        [CaseOperation.Assign] = [CaseStatus.New, CaseStatus.Assigned, CaseStatus.InAnalysis, CaseStatus.InProgress, CaseStatus.Escalated],
        [CaseOperation.Analyse] = [CaseStatus.Assigned],
        [CaseOperation.Reject] = [CaseStatus.Assigned, CaseStatus.InAnalysis],
        [CaseOperation.Attend] = [CaseStatus.Assigned, CaseStatus.InAnalysis, CaseStatus.Escalated],
        [CaseOperation.Escalate] = [CaseStatus.Assigned, CaseStatus.InAnalysis, CaseStatus.InProgress, CaseStatus.Escalated],
        [CaseOperation.WaitOnRequester] = [CaseStatus.InAnalysis, CaseStatus.InProgress, CaseStatus.Escalated],
        [CaseOperation.Resume] = [CaseStatus.WaitingOnRequester],
        [CaseOperation.Resolve] = [CaseStatus.InAnalysis, CaseStatus.InProgress, CaseStatus.Escalated],
        [CaseOperation.ReportNovedad] = [CaseStatus.Resolved, CaseStatus.Rejected],
        [CaseOperation.Reopen] = [CaseStatus.NovedadReported],
        [CaseOperation.CloseSatisfied] = [CaseStatus.Resolved, CaseStatus.Rejected],
        [CaseOperation.CloseWithoutAnswer] = [CaseStatus.Resolved, CaseStatus.Rejected],
        [CaseOperation.CloseAfterNovedad] = [CaseStatus.NovedadReported],
    };

    /// <summary>The states from which <paramref name="operation"/> is legal.</summary>
    public static IReadOnlyList<CaseStatus> StatesAllowing(CaseOperation operation) => AllowedFrom[operation];

    public static bool Allows(CaseOperation operation, CaseStatus status) =>
        AllowedFrom.TryGetValue(operation, out var states) && Array.IndexOf(states, status) >= 0;

    /// <summary>The operations legal in <paramref name="status"/>.</summary>
    public static IEnumerable<CaseOperation> OperationsFrom(CaseStatus status) =>
        AllowedFrom.Where(kv => Array.IndexOf(kv.Value, status) >= 0).Select(kv => kv.Key);
}
