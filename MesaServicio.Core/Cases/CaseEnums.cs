namespace MesaServicio.Core.Cases;

/// <summary>Incidencia (restore a service) or Petición (a request from the catalogue).</summary>
public enum CaseKind
{
    Incident = 1,
    Request = 2,
}

/// <summary>Where the case came from (procedure activity 1).</summary>
public enum CaseChannel
{
    /// <summary>The requester filed it in the portal.</summary>
    Portal = 1,

    /// <summary>An agent filed it on behalf of someone (phone, walk-in).</summary>
    Agent = 2,

    /// <summary>The entity's PQRS system sent it through the intake API.</summary>
    Pqrs = 3,
}

/// <summary>The states of a case. Board columns group several of them.</summary>
public enum CaseStatus
{
    /// <summary>Registered, no technician yet (no one available in the group).</summary>
    New = 1,

    /// <summary>Routed to a technician who has not acted yet.</summary>
    Assigned = 2,

    /// <summary>The technician checks the information is clear, complete and theirs (activity 2).</summary>
    InAnalysis = 3,

    /// <summary>Being worked (activity 4): "en atención".</summary>
    InProgress = 4,

    /// <summary>Waiting for the requester's answer: the resolution clock is paused.</summary>
    WaitingOnRequester = 5,

    /// <summary>Escalated to a higher level or another category's lead; the new assignee has not attended yet.</summary>
    Escalated = 6,

    /// <summary>Solution recorded (activity 5); the survey window is open.</summary>
    Resolved = 7,

    /// <summary>Rejected with a reason (activity 3); the survey window is open.</summary>
    Rejected = 8,

    /// <summary>The requester reported a problem with the solution; the technician must decide.</summary>
    NovedadReported = 9,

    /// <summary>Closed for good.</summary>
    Closed = 10,
}

/// <summary>Why a case was rejected (activity 3).</summary>
public enum RejectionReason
{
    InsufficientInformation = 1,
    OutOfScope = 2,
    Duplicate = 3,
}

/// <summary>Where an escalation goes (activity 4).</summary>
public enum EscalationKind
{
    /// <summary>To the next support level (1 → 2 → 3).</summary>
    NextLevel = 1,

    /// <summary>To the technical lead of another category.</summary>
    OtherCategoryLead = 2,
}

/// <summary>How a case was closed (activity 6).</summary>
public enum CloseOutcome
{
    /// <summary>The requester said the solution satisfied them.</summary>
    Satisfied = 1,

    /// <summary>The survey window ended without an answer ("cerrado sin respuesta").</summary>
    NoAnswer = 2,

    /// <summary>After a novedad: the requester must file a new case.</summary>
    NewCaseRequired = 3,

    /// <summary>After a novedad: there is no further solution.</summary>
    NoFurtherSolution = 4,
}

/// <summary>What a history entry records.</summary>
public enum CaseAction
{
    Registered = 1,
    Assigned = 2,
    AnalysisStarted = 3,
    Rejected = 4,
    AttentionStarted = 5,
    Escalated = 6,
    WaitingOnRequester = 7,
    Resumed = 8,
    Resolved = 9,
    NovedadReported = 10,
    Reopened = 11,
    Closed = 12,
    Commented = 13,
    InternalNoteAdded = 14,
    AttachmentAdded = 15,
    SurveyInvited = 16,
    SurveyReminded = 17,
    SurveyAnswered = 18,
    SlaAtRisk = 19,
    SlaBreached = 20,

    /// <summary>The coordinator recomputed the case's ANS due instants under the policy and calendar in force (with a reason).</summary>
    SlaRecomputed = 21,

    /// <summary>Routing found no active technician: the case waits unassigned in its group ("Sin asignar").</summary>
    LeftUnassigned = 22,

    /// <summary>A request for completion suspended the PQRS legal term (Ley 1755 de 2015, art. 17).</summary>
    LegalTermSuspended = 23,

    /// <summary>The requester completed the petition: the legal term started again (art. 17); from → to are the due instants.</summary>
    LegalTermRestarted = 24,

    /// <summary>The legal term was extended (art. 14, parágrafo), with the reason; from → to are the due instants.</summary>
    LegalTermExtended = 25,

    /// <summary>A PQRS used 75 % of its legal term unanswered; to is its due instant.</summary>
    LegalTermAtRisk = 30,

    /// <summary>A PQRS's legal term expired unanswered; to is its due instant.</summary>
    LegalTermBreached = 31,

    /// <summary>A site visit to a dependencia was planned; to is its instant, the detail says where, when and why.</summary>
    VisitPlanned = 32,

    /// <summary>A planned site visit was moved, with the reason; from → to are the instants.</summary>
    VisitRescheduled = 33,

    /// <summary>A planned site visit was cancelled, with the reason; from is the instant it had.</summary>
    VisitCancelled = 34,

    /// <summary>A site visit was done; from → to are its start and end, the detail has the business time and the findings.</summary>
    VisitDone = 35,
}

/// <summary>The operations that change a case's state; the lifecycle table is keyed by them.</summary>
public enum CaseOperation
{
    Assign = 1,
    Analyse = 2,
    Reject = 3,
    Attend = 4,
    Escalate = 5,
    WaitOnRequester = 6,
    Resume = 7,
    Resolve = 8,
    ReportNovedad = 9,
    Reopen = 10,
    CloseSatisfied = 11,
    CloseWithoutAnswer = 12,
    CloseAfterNovedad = 13,
}
