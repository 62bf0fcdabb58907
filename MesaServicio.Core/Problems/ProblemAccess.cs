using MesaServicio.Core.Security;

namespace MesaServicio.Core.Problems;

/// <summary>
/// Who may do what to problems. Technical leads and the coordinator manage every problem; an agent (any staff) opens
/// problems, reads those of the categories her groups attend or with an incident assigned to her, and comments on them;
/// the Jefe OTIC reads them all. Requesters never see problems: they hear of them through their cases' conversation.
/// </summary>
public static class ProblemAccess
{
    /// <summary>Records problems and changes any of them.</summary>
    public static bool Manages(CurrentUser user) =>
        user.Kind == PrincipalKind.System || user.IsCoordinator || user.IsTechnicalLead;

    /// <summary>Reads every problem (the list, the month's figures).</summary>
    public static bool ReadsAll(CurrentUser user) => Manages(user) || user.IsJefe;

    /// <summary>May open a problem (from incidents or on its own).</summary>
    public static bool Opens(CurrentUser user) => user.IsStaff;

    /// <summary>May open the list at all.</summary>
    public static bool SeesList(CurrentUser user) => ReadsAll(user) || user.IsStaff;

    /// <summary>Whether the problem is within the user's reach (otherwise: "not found").</summary>
    /// <param name="user">Who asks.</param>
    /// <param name="ofMyCategories">The problem's category is attended by one of the user's groups.</param>
    /// <param name="hasMyIncident">One of its linked incidents is assigned to the user.</param>
    public static bool Sees(CurrentUser user, bool ofMyCategories, bool hasMyIncident) =>
        ReadsAll(user) || (user.IsStaff && (ofMyCategories || hasMyIncident));

    /// <summary>Whether the user may do <paramref name="operation"/> to a problem she sees.</summary>
    public static bool May(CurrentUser user, ProblemOperation operation) =>
        Manages(user) || (operation == ProblemOperation.Comment && user.IsStaff);
}
