using System.Globalization;
using MesaServicio.Core.Security;

namespace MesaServicio.Core.Board;

/// <summary>
/// The names of the live board's delivery groups, and who is in them: a connection joins the groups of the
/// person's reach; a change to a case goes to the groups that reach it. The two sides are built from the same
/// reach as <see cref="CaseAccess"/> (assignee, group, led categories, coordination), so nobody is told about a
/// case outside their reach (except its previous assignee, who saw it until the change).
/// </summary>
public static class BoardAudience
{
    public const string Coordination = "coordinacion";

    public static string Person(Guid personId) => "persona:" + personId.ToString("D");

    public static string Group(int groupId) => "grupo:" + groupId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Leads join the group of every category they lead, sub-categories included (see <see cref="AccessScopes"/>).</summary>
    public static string Category(int categoryId) => "categoria:" + categoryId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The groups a staff member's connection joins.</summary>
    public static IReadOnlyList<string> ForUser(CurrentUser user, AccessScope scope)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(scope);
        if (!user.IsStaff || user.PersonId is not { } me)
        {
            return [];
        }

        var groups = new List<string> { Person(me) };
        groups.AddRange(scope.GroupIds.Order().Select(Group));
        if (user.IsTechnicalLead)
        {
            groups.AddRange(scope.LedCategoryIds.Order().Select(Category));
        }

        if (user.IsCoordinator)
        {
            groups.Add(Coordination);
        }

        return groups;
    }

    /// <summary>
    /// The groups a change to a case goes to: its assignee, its previous assignees in this change, its group, the
    /// leads of its category (leads of an ancestor joined the category's group too), and coordination.
    /// </summary>
    public static IReadOnlyList<string> ForCase(Guid? assigneeId, IEnumerable<Guid> previousAssigneeIds, int? groupId, int categoryId)
    {
        ArgumentNullException.ThrowIfNull(previousAssigneeIds);
        var groups = new List<string>();
        if (assigneeId is { } assignee)
        {
            groups.Add(Person(assignee));
        }

        groups.AddRange(previousAssigneeIds.Where(p => p != assigneeId).Distinct().Select(Person));
        if (groupId is { } g)
        {
            groups.Add(Group(g));
        }

        groups.Add(Category(categoryId));
        groups.Add(Coordination);
        return groups;
    }
}
