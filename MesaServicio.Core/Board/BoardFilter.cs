using MesaServicio.Core.Priority;

namespace MesaServicio.Core.Board;

/// <summary>
/// What the agent narrows the board to. <see cref="Mine"/> and <see cref="MyGroups"/> together mean "mine or my
/// groups'"; the other filters all apply.
/// </summary>
/// <param name="Mine">Only cases assigned to me.</param>
/// <param name="MyGroups">Only cases of the technician groups I belong to.</param>
/// <param name="CategoryId">Only this category and its sub-categories.</param>
/// <param name="Priority">Only this priority.</param>
/// <param name="AtRisk">Only cases whose running ANS is at risk (≥ 75 %) or breached.</param>
/// <param name="Search">A case number (or part of it) or words of the subject.</param>
/// <param name="Unassigned">Only cases nobody has ("Sin asignar": routing found no active technician).</param>
public sealed record BoardFilter(
    bool Mine = false, bool MyGroups = false, int? CategoryId = null, CasePriority? Priority = null, bool AtRisk = false, string? Search = null,
    bool Unassigned = false)
{
    public static BoardFilter None { get; } = new();
}
