namespace MesaServicio.Core.Improvement;

/// <summary>
/// Which operation may run in which state of an improvement action, as one table (the shape of
/// <see cref="Cases.CaseLifecycle"/>). Cumplida and descartada are final: the action is evidence from then on.
/// </summary>
public static class ImprovementLifecycle
{
    private static readonly ImprovementActionStatus[] Open = [ImprovementActionStatus.Open, ImprovementActionStatus.InProgress];

    private static readonly Dictionary<ImprovementOperation, ImprovementActionStatus[]> AllowedFrom = new()
    {
        [ImprovementOperation.Start] = [ImprovementActionStatus.Open],
        [ImprovementOperation.Complete] = Open,
        [ImprovementOperation.Discard] = Open,
        [ImprovementOperation.FollowUp] = Open,
        [ImprovementOperation.Reassign] = Open,
        [ImprovementOperation.ChangeDueDate] = Open,
    };

    public static bool Allows(ImprovementOperation operation, ImprovementActionStatus status) =>
        AllowedFrom.TryGetValue(operation, out var states) && Array.IndexOf(states, status) >= 0;

    /// <summary>The states a person may move the action to from <paramref name="status"/>.</summary>
    public static IReadOnlyList<ImprovementActionStatus> TargetsFrom(ImprovementActionStatus status) =>
    [
        .. new[] { (ImprovementOperation.Start, ImprovementActionStatus.InProgress), (ImprovementOperation.Complete, ImprovementActionStatus.Done),
            (ImprovementOperation.Discard, ImprovementActionStatus.Discarded) }
            .Where(t => Allows(t.Item1, status)).Select(t => t.Item2),
    ];
}
