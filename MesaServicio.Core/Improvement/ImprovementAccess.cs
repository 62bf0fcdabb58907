using MesaServicio.Core.Security;

namespace MesaServicio.Core.Improvement;

/// <summary>
/// Who may do what to improvement actions. Leads and the coordinator record and follow them; the Jefe OTIC reads them
/// all; the staff member an action is given to reads it, writes follow-ups and starts it. Anyone else does not see them.
/// </summary>
public static class ImprovementAccess
{
    /// <summary>Reads every action (the list, the month's figures).</summary>
    public static bool ReadsAll(CurrentUser user) =>
        user.Kind == PrincipalKind.System || CaseAccess.Can(user, GlobalOperation.ReadImprovementActions);

    /// <summary>Records actions and changes any of them.</summary>
    public static bool Manages(CurrentUser user) => CaseAccess.Can(user, GlobalOperation.ManageImprovementActions);

    /// <summary>May open the list page at all: readers, and staff (who see the actions they answer for).</summary>
    public static bool SeesList(CurrentUser user) => ReadsAll(user) || user.IsStaff;

    /// <summary>Whether the action is within the user's reach (otherwise: "not found").</summary>
    public static bool Sees(CurrentUser user, Guid responsibleId) =>
        ReadsAll(user) || (user.IsStaff && user.PersonId == responsibleId);

    /// <summary>Whether the user may do <paramref name="operation"/> to an action given to <paramref name="responsibleId"/>.</summary>
    public static bool May(CurrentUser user, Guid responsibleId, ImprovementOperation operation) =>
        Manages(user)
        || (operation is ImprovementOperation.FollowUp or ImprovementOperation.Start && user.IsStaff && user.PersonId == responsibleId);
}
