namespace MesaServicio.Core.Security;

/// <summary>Where a staff member's reach extends: the technician groups they belong to, the categories they lead.</summary>
public sealed record AccessScope(IReadOnlySet<int> GroupIds, IReadOnlySet<int> LedCategoryIds)
{
    public static AccessScope Empty { get; } = new(new HashSet<int>(), new HashSet<int>());
}

/// <summary>The facts of a case that decide who may reach it.</summary>
/// <param name="RequesterId">The requester (who may see, comment, attach and answer the survey).</param>
/// <param name="FiledById">The agent who filed it on someone's behalf, if any.</param>
/// <param name="AssigneeId">The technician it is assigned to.</param>
/// <param name="AssignedGroupId">The technician group it is assigned to.</param>
/// <param name="CategoryPath">The case's category and its ancestors (a lead of an ancestor leads it too).</param>
public sealed record CaseAccessFacts(
    Guid RequesterId, Guid? FiledById, Guid? AssigneeId, int? AssignedGroupId, IReadOnlyList<int> CategoryPath);
