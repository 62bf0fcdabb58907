namespace MesaServicio.Core.Problems;

/// <summary>
/// Which operation may run in which state of a problem, as one table (the shape of <see cref="Cases.CaseLifecycle"/>).
/// Cerrado is final: the problem is evidence from then on.
/// </summary>
public static class ProblemLifecycle
{
    private static readonly ProblemStatus[] Open = [ProblemStatus.Registered, ProblemStatus.InAnalysis, ProblemStatus.KnownError];
    private static readonly ProblemStatus[] NotClosed = [.. Open, ProblemStatus.Resolved];

    private static readonly Dictionary<ProblemOperation, ProblemStatus[]> AllowedFrom = new()
    {
        [ProblemOperation.Analyse] = [ProblemStatus.Registered],
        [ProblemOperation.RecordRootCause] = Open,
        [ProblemOperation.RecordWorkaround] = Open,
        [ProblemOperation.Resolve] = [ProblemStatus.InAnalysis, ProblemStatus.KnownError],
        [ProblemOperation.Close] = [ProblemStatus.Resolved],
        [ProblemOperation.Reopen] = [ProblemStatus.Resolved],
        [ProblemOperation.LinkIncident] = Open,
        [ProblemOperation.UnlinkIncident] = Open,
        [ProblemOperation.Comment] = NotClosed,
        [ProblemOperation.Edit] = Open,
        [ProblemOperation.ChangeResponsible] = Open,
    };

    public static bool Allows(ProblemOperation operation, ProblemStatus status) =>
        AllowedFrom.TryGetValue(operation, out var states) && Array.IndexOf(states, status) >= 0;

    /// <summary>The operations legal in <paramref name="status"/>.</summary>
    public static IEnumerable<ProblemOperation> OperationsFrom(ProblemStatus status) =>
        AllowedFrom.Where(kv => Array.IndexOf(kv.Value, status) >= 0).Select(kv => kv.Key);
}
