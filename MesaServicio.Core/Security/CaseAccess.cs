using MesaServicio.Core.People;

namespace MesaServicio.Core.Security;

/// <summary>
/// The authorization rules of PRODUCT.md ("Roles"), as one pure function that every channel goes through
/// (use cases call it; pages and the hub only mirror it). A case outside a principal's reach is
/// <see cref="AccessDecision.NotFound"/>, never a different answer than a missing case.
/// </summary>
public static class CaseAccess
{
    private static readonly HashSet<CaseOperationKind> RequesterOperations =
        [CaseOperationKind.View, CaseOperationKind.Comment, CaseOperationKind.Attach, CaseOperationKind.AnswerSurvey];

    private static readonly HashSet<CaseOperationKind> AgentOperations =
    [
        CaseOperationKind.View, CaseOperationKind.Comment, CaseOperationKind.Attach, CaseOperationKind.Analyse,
        CaseOperationKind.Reject, CaseOperationKind.Attend, CaseOperationKind.Escalate, CaseOperationKind.Wait,
        CaseOperationKind.Resolve, CaseOperationKind.Reopen, CaseOperationKind.InternalNote, CaseOperationKind.Close,
        CaseOperationKind.Visit,
    ];

    /// <summary>Whether <paramref name="user"/> may do <paramref name="operation"/> to the case described by <paramref name="facts"/>.</summary>
    public static AccessDecision Decide(CurrentUser user, AccessScope scope, CaseAccessFacts facts, CaseOperationKind operation)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(facts);

        if (user.Kind == PrincipalKind.System)
        {
            return AccessDecision.Allowed;
        }

        if (user.Kind != PrincipalKind.Person || user.PersonId is not { } me)
        {
            return AccessDecision.NotFound;
        }

        var allowed = new HashSet<CaseOperationKind>();
        var reaches = false;
        if (facts.RequesterId == me)
        {
            reaches = true;
            allowed.UnionWith(RequesterOperations);
        }

        if (user.IsStaff)
        {
            var inGroup = facts.AssignedGroupId is { } g && scope.GroupIds.Contains(g);
            var assignedToMe = facts.AssigneeId == me;
            var filedByMe = facts.FiledById == me;
            var leadsCategory = user.IsTechnicalLead && facts.CategoryPath.Any(scope.LedCategoryIds.Contains);
            if (user.IsCoordinator || leadsCategory)
            {
                reaches = true;
                allowed.UnionWith(AgentOperations);
                allowed.Add(CaseOperationKind.Assign);
            }
            else if (inGroup || assignedToMe)
            {
                reaches = true;
                allowed.UnionWith(AgentOperations);
            }

            // Extending a PQRS's legal term answers for the entity: the case's assignee, its lead or the coordinator.
            if (user.IsCoordinator || leadsCategory || assignedToMe)
            {
                allowed.Add(CaseOperationKind.ExtendLegalTerm);
            }

            // A case that routing could not give to anyone waits in its group: any member may take it.
            if (inGroup && facts.AssigneeId is null)
            {
                allowed.Add(CaseOperationKind.Take);
            }
            else if (filedByMe)
            {
                // The agent who took a phone call or a walk-in follows the case they filed.
                reaches = true;
                allowed.UnionWith([CaseOperationKind.View, CaseOperationKind.Comment, CaseOperationKind.Attach]);
            }
        }

        if (user.IsJefe)
        {
            // The Jefe OTIC reads every case and operates on none (unless it is his own, as its requester).
            reaches = true;
            allowed.Add(CaseOperationKind.View);
        }

        if (!reaches)
        {
            return AccessDecision.NotFound;
        }

        return allowed.Contains(operation) ? AccessDecision.Allowed : AccessDecision.Forbidden;
    }

    /// <summary>The permission a lifecycle operation needs (the same the use case demands).</summary>
    public static CaseOperationKind PermissionFor(Cases.CaseOperation operation) => operation switch
    {
        Cases.CaseOperation.Analyse => CaseOperationKind.Analyse,
        Cases.CaseOperation.Attend => CaseOperationKind.Attend,
        Cases.CaseOperation.Reject => CaseOperationKind.Reject,
        Cases.CaseOperation.Escalate => CaseOperationKind.Escalate,
        Cases.CaseOperation.WaitOnRequester or Cases.CaseOperation.Resume => CaseOperationKind.Wait,
        Cases.CaseOperation.Resolve => CaseOperationKind.Resolve,
        Cases.CaseOperation.Reopen => CaseOperationKind.Reopen,
        Cases.CaseOperation.Assign => CaseOperationKind.Assign,
        Cases.CaseOperation.ReportNovedad or Cases.CaseOperation.CloseSatisfied => CaseOperationKind.AnswerSurvey,
        _ => CaseOperationKind.Close,
    };

    /// <summary>Operations that are not about one case.</summary>
    public static bool Can(CurrentUser user, GlobalOperation operation)
    {
        ArgumentNullException.ThrowIfNull(user);
        return operation switch
        {
            GlobalOperation.Board => user.IsStaff,
            GlobalOperation.Reports or GlobalOperation.Audit => user.IsCoordinator || user.IsJefe,

            // Every action; a technician who is an action's responsible reads that one (Improvement.ImprovementAccess).
            GlobalOperation.ReadImprovementActions => user.IsCoordinator || user.IsJefe || user.IsTechnicalLead,
            GlobalOperation.Configuration or GlobalOperation.RecloseMonth => user.IsCoordinator,
            GlobalOperation.OwnResults => user.IsStaff,
            GlobalOperation.ManageImprovementActions => user.IsCoordinator || user.IsTechnicalLead,
            GlobalOperation.Intake => user.Kind == PrincipalKind.Integration,
            GlobalOperation.FileOwnCase => user.Kind == PrincipalKind.Person,
            GlobalOperation.FileOnBehalf => user.IsStaff,
            _ => false,
        };
    }

    /// <summary>
    /// Whether internal notes (and their history lines) may be shown to the user on this case: whoever may write them,
    /// and the Jefe OTIC, who reads every case as the desk does, except a case he filed as its requester.
    /// </summary>
    public static bool SeesInternalNotes(CurrentUser user, AccessScope scope, CaseAccessFacts facts)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(facts);
        return Decide(user, scope, facts, CaseOperationKind.InternalNote) == AccessDecision.Allowed
            || (user.IsJefe && facts.RequesterId != user.PersonId);
    }

    /// <summary>Whether the user reads this case only as the Jefe OTIC (no operation offered): not its requester, not staff.</summary>
    public static bool ReadsOnlyAsJefe(CurrentUser user, Guid requesterId)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsJefe && !user.IsStaff && requesterId != user.PersonId;
    }

    /// <summary>Roles a staff member must hold for <see cref="PersonRoles"/> checks outside a case.</summary>
    public static PersonRoles StaffRoles => PersonRoles.Agent | PersonRoles.TechnicalLead | PersonRoles.Coordinator;
}
