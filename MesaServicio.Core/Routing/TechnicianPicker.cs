namespace MesaServicio.Core.Routing;

/// <summary>A technician routing may choose, with their open work.</summary>
public readonly record struct RoutingCandidate(Guid PersonId, int Position, int OpenCases);

/// <summary>
/// Picks who gets a new case (procedure activity 2): least open work first; among those tied, the next one
/// after the last person picked, in the group's order (round-robin), so equal loads share evenly.
/// </summary>
public static class TechnicianPicker
{
    public static Guid? Pick(IReadOnlyList<RoutingCandidate> candidates, Guid? lastAssigned)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
        {
            return null;
        }

        var ordered = candidates.OrderBy(c => c.Position).ThenBy(c => c.PersonId).ToArray();
        var least = ordered.Min(c => c.OpenCases);
        var start = lastAssigned is { } last ? Array.FindIndex(ordered, c => c.PersonId == last) + 1 : 0;

        // Walk the circle once from just after the last pick; the first with the least work wins.
        for (var i = 0; i < ordered.Length; i++)
        {
            var candidate = ordered[(start + i) % ordered.Length];
            if (candidate.OpenCases == least)
            {
                return candidate.PersonId;
            }
        }

        return null;
    }
}
