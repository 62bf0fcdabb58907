using MesaServicio.Core.Cases;
using MesaServicio.Core.Priority;

namespace MesaServicio.Core.Sla;

/// <summary>
/// The ANS for cases of a kind and priority, either for one category or (when <see cref="CategoryId"/> is
/// null) for every category without a policy of its own. A policy with no targets means "no ANS"
/// (Peticiones may have none).
/// </summary>
public sealed class SlaPolicy
{
    private SlaPolicy()
    {
    }

    public SlaPolicy(int? categoryId, CaseKind kind, CasePriority priority, SlaTarget? attend, SlaTarget? resolve)
    {
        CategoryId = categoryId;
        Kind = kind;
        Priority = priority;
        SetTargets(attend, resolve);
    }

    public int Id { get; private set; }

    public int? CategoryId { get; private set; }

    public CaseKind Kind { get; private set; }

    public CasePriority Priority { get; private set; }

    public int? AttendAmount { get; private set; }

    public SlaUnit? AttendUnit { get; private set; }

    public int? ResolveAmount { get; private set; }

    public SlaUnit? ResolveUnit { get; private set; }

    public bool IsActive { get; private set; } = true;

    public SlaTarget? Attend => AttendAmount is { } a && AttendUnit is { } u ? new SlaTarget(a, u) : null;

    public SlaTarget? Resolve => ResolveAmount is { } a && ResolveUnit is { } u ? new SlaTarget(a, u) : null;

    public void SetTargets(SlaTarget? attend, SlaTarget? resolve)
    {
        if (attend is { Amount: <= 0 } || resolve is { Amount: <= 0 })
        {
            throw new ArgumentOutOfRangeException(nameof(attend), "Un objetivo de ANS debe ser mayor que cero.");
        }

        AttendAmount = attend?.Amount;
        AttendUnit = attend?.Unit;
        ResolveAmount = resolve?.Amount;
        ResolveUnit = resolve?.Unit;
    }

    public void Deactivate() => IsActive = false;

    /// <summary>
    /// The policy that applies: the category's own (its nearest ancestor's) for the kind and priority, else
    /// the general one; null when there is none.
    /// </summary>
    public static SlaPolicy? Select(
        IEnumerable<SlaPolicy> policies, IReadOnlyList<int> categoryAndAncestors, CaseKind kind, CasePriority priority)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(categoryAndAncestors);
        var candidates = policies.Where(p => p.IsActive && p.Kind == kind && p.Priority == priority).ToList();
        foreach (var categoryId in categoryAndAncestors)
        {
            var own = candidates.FirstOrDefault(p => p.CategoryId == categoryId);
            if (own is not null)
            {
                return own;
            }
        }

        return candidates.FirstOrDefault(p => p.CategoryId is null);
    }
}
