namespace MesaServicio.Core.Security;

/// <summary>What a person may try to do to one case. The authorization matrix (docs/authorization.md) has a column each.</summary>
public enum CaseOperationKind
{
    View = 1,
    Comment = 2,
    Attach = 3,
    Analyse = 4,
    Reject = 5,
    Attend = 6,
    Escalate = 7,
    Wait = 8,
    Resolve = 9,
    Reopen = 10,
    InternalNote = 11,

    /// <summary>Reassign inside the group or category (leads, coordinator).</summary>
    Assign = 12,

    /// <summary>Answer the case's satisfaction survey (its requester).</summary>
    AnswerSurvey = 13,

    /// <summary>Close after a novedad, or without answer (staff; the desk itself at the window's end).</summary>
    Close = 14,

    /// <summary>Take an unassigned case of one's own group ("Tomar").</summary>
    Take = 15,

    /// <summary>Extend a PQRS's legal term (Ley 1755 de 2015, art. 14, parágrafo): its assignee, the category's lead, the coordinator.</summary>
    ExtendLegalTerm = 16,

    /// <summary>Plan, reschedule, cancel or record a site visit to a dependencia (the staff who work the case).</summary>
    Visit = 17,
}

/// <summary>Operations that are not about one case.</summary>
public enum GlobalOperation
{
    /// <summary>The agents' Kanban board.</summary>
    Board = 1,

    /// <summary>The monthly results.</summary>
    Reports = 2,

    /// <summary>Categories, groups, ANS, calendar, API keys.</summary>
    Configuration = 3,

    /// <summary>Create cases through the PQRS intake API.</summary>
    Intake = 4,

    /// <summary>File a case for oneself in the portal.</summary>
    FileOwnCase = 5,

    /// <summary>File a case on behalf of someone (phone, walk-in).</summary>
    FileOnBehalf = 6,

    /// <summary>Read the audit: configuration changes and the history of every case.</summary>
    Audit = 7,

    /// <summary>"Mis resultados": a technician's or lead's own figures and their groups' for any month.</summary>
    OwnResults = 8,

    /// <summary>Read the improvement actions (activity 6).</summary>
    ReadImprovementActions = 9,

    /// <summary>Record and follow improvement actions (leads and the coordinator).</summary>
    ManageImprovementActions = 10,

    /// <summary>Close a month's results again, with a reason (a new version).</summary>
    RecloseMonth = 11,
}

/// <summary>The answer to "may this principal do that to this case?".</summary>
public enum AccessDecision
{
    /// <summary>Yes.</summary>
    Allowed = 0,

    /// <summary>The case is outside the principal's reach: answer exactly as for a case that does not exist.</summary>
    NotFound = 1,

    /// <summary>The principal may see the case but not do this to it.</summary>
    Forbidden = 2,
}
