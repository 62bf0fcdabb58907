using System.Globalization;
using MesaServicio.Core.Common;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Sla;

namespace MesaServicio.Core.Cases;

/// <summary>What a new case is registered with (procedure activity 1).</summary>
public sealed record CaseRegistration(
    string Number,
    CaseKind Kind,
    int CategoryId,
    string Subject,
    string Description,
    Impact Impact,
    Urgency Urgency,
    CasePriority Priority,
    CaseChannel Channel,
    Guid RequesterId,
    Guid? FiledById,
    SlaPolicy? Policy,
    string? ExternalReference = null,
    PqrsFiling? Pqrs = null,
    Privacy.DataAuthorization? DataAuthorization = null);

/// <summary>
/// A case (incidencia or petición) and its whole lifecycle. Every state change is a method here that
/// refuses an illegal transition with a <see cref="DomainException"/> naming the rule, appends a history
/// entry, and raises a <see cref="CaseEvent"/>. Nothing outside this class sets a status.
/// </summary>
public sealed partial class Case
{
    /// <summary>Longest subject accepted.</summary>
    public const int SubjectMaxLength = 200;

    /// <summary>Longest description accepted.</summary>
    public const int DescriptionMaxLength = 10_000;

    /// <summary>Longest reason, solution or note accepted.</summary>
    public const int TextMaxLength = 10_000;

    /// <summary>Longest external reference (a PQRS radicado) accepted.</summary>
    public const int ExternalReferenceMaxLength = 40;

    /// <summary>Highest support level.</summary>
    public const int MaxLevel = 3;

    /// <summary>The survey window: to the close of business of the 3rd business day after resolution or rejection.</summary>
    public const int SurveyWindowBusinessDays = 3;

    private readonly List<CaseHistoryEntry> _history = [];
    private readonly List<CaseEvent> _events = [];
    private readonly List<CaseComment> _comments = [];
    private readonly List<Surveys.SurveyResponse> _surveyResponses = [];

    private Case()
    {
        Number = "";
        Subject = "";
        Description = "";
    }

    public Guid Id { get; private set; }

    /// <summary>Readable number, <c>MS-2026-000123</c>.</summary>
    public string Number { get; private set; }

    public CaseKind Kind { get; private set; }

    public int CategoryId { get; private set; }

    public string Subject { get; private set; }

    public string Description { get; private set; }

    public Impact Impact { get; private set; }

    public Urgency Urgency { get; private set; }

    public CasePriority Priority { get; private set; }

    public CaseChannel Channel { get; private set; }

    public Guid RequesterId { get; private set; }

    /// <summary>
    /// The sender's own identifier of the case, when another system sent it: the PQRS radicado. Unique, so a
    /// radicado sent twice finds the case it already made.
    /// </summary>
    public string? ExternalReference { get; private set; }

    /// <summary>
    /// The intake client that filed the case (<c>key:{id}</c> or <c>app:{client id}</c>): only it reads the case by its
    /// radicado, and a radicado is unique per client.
    /// </summary>
    public string? IntakeClient { get; private set; }

    /// <summary>Longest intake client accepted.</summary>
    public const int IntakeClientMaxLength = 100;

    /// <summary>Records which intake client filed this new PQRS case.</summary>
    internal void FiledByIntakeClient(string client)
    {
        if (Channel != CaseChannel.Pqrs || string.IsNullOrWhiteSpace(client) || client.Length > IntakeClientMaxLength)
        {
            throw new ArgumentException("Only a PQRS case records its intake client, of at most 100 characters.", nameof(client));
        }

        IntakeClient = client;
    }

    /// <summary>
    /// For a case another system filed (PQRS): whether that system says the requester authorised the treatment of their
    /// personal data (Ley 1581 de 2012, art. 9); null when it said nothing.
    /// </summary>
    public bool? DataAuthorizationGranted { get; private set; }

    /// <summary>The version of the other system's notice the requester was shown.</summary>
    public string? DataAuthorizationVersion { get; private set; }

    /// <summary>When the other system collected the authorization, UTC.</summary>
    public DateTimeOffset? DataAuthorizationAt { get; private set; }

    /// <summary>The agent who filed it on the requester's behalf (channel Agente).</summary>
    public Guid? FiledById { get; private set; }

    public CaseStatus Status { get; private set; }

    /// <summary>
    /// The board column of <see cref="Status"/> (<c>null</c> when closed), stored so that each column's page and count
    /// are read from one index (decision 0020).
    /// </summary>
    public Board.BoardColumn? BoardColumn { get; private set; }

    /// <summary>
    /// Where the card sorts within its priority on the board: the resolution due time without pauses, or the attention
    /// due time, or the reception when the case has no ANS (never null, so that both engines order and page it alike).
    /// </summary>
    public DateTimeOffset BoardDueAt { get; private set; }

    /// <summary>Support level, 1 to 3.</summary>
    public int Level { get; private set; } = 1;

    public int? AssignedGroupId { get; private set; }

    public Guid? AssigneeId { get; private set; }

    /// <summary>When the desk received it (start of both ANS clocks), UTC.</summary>
    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>The first action on the case after reception (stops the attention clock).</summary>
    public DateTimeOffset? FirstActionAt { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public DateTimeOffset? RejectedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public RejectionReason? RejectionReason { get; private set; }

    public Guid? DuplicateOfCaseId { get; private set; }

    public string? Solution { get; private set; }

    public CloseOutcome? CloseOutcome { get; private set; }

    /// <summary>End of the survey window (3 business days after resolution or rejection).</summary>
    public DateTimeOffset? SurveyDueAt { get; private set; }

    /// <summary>How many times the survey window opened (each resolution or rejection is a round).</summary>
    public int SurveyRound { get; private set; }

    /// <summary>The ANS policy the case was filed under (its targets are copied below: the case keeps them).</summary>
    public int? SlaPolicyId { get; private set; }

    public DateTimeOffset? AttendDueAt { get; private set; }

    public TimeSpan? AttendTarget { get; private set; }

    /// <summary>When resolution falls due if the clock never pauses.</summary>
    public DateTimeOffset? ResolveBaseDueAt { get; private set; }

    public TimeSpan? ResolveTarget { get; private set; }

    /// <summary>The attention target as the policy set it (amount), when the case was filed or last recomputed.</summary>
    public int? AttendTargetAmount { get; private set; }

    /// <summary>The attention target's unit (business hours or business days).</summary>
    public SlaUnit? AttendTargetUnit { get; private set; }

    /// <summary>The resolution target as the policy set it (amount).</summary>
    public int? ResolveTargetAmount { get; private set; }

    /// <summary>The resolution target's unit (business hours or business days).</summary>
    public SlaUnit? ResolveTargetUnit { get; private set; }

    /// <summary>
    /// Business time the resolution clock has been paused, over closed pauses that began before the resolution fell
    /// due (a pause after the due time cannot undo the breach, so it does not move the due time).
    /// </summary>
    public TimeSpan PausedBusinessTime { get; private set; }

    /// <summary>Start of the current pause of the resolution clock (waiting, or stopped at resolution).</summary>
    public DateTimeOffset? PausedSince { get; private set; }

    /// <summary>Optimistic-concurrency version: every change increments it.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<CaseHistoryEntry> History => _history;

    /// <summary>The conversation and internal notes (loaded only when a use case asks for them).</summary>
    public IReadOnlyList<CaseComment> Comments => _comments;

    /// <summary>Events raised since the case was loaded; the persistence layer delivers and clears them after commit.</summary>
    public IReadOnlyList<CaseEvent> Events => _events;

    /// <summary>The survey answers, one per round.</summary>
    public IReadOnlyList<Surveys.SurveyResponse> SurveyResponses => _surveyResponses;

    /// <summary>Open: still the desk's work (not in the survey window, not closed).</summary>
    public bool IsOpen => IsOpenStatus(Status);

    public SlaFacts SlaFacts => new(
        ReceivedAt, AttendDueAt, AttendTarget, FirstActionAt, ResolveBaseDueAt, ResolveTarget,
        PausedBusinessTime, PausedSince, ResolutionStopsIn(Status));

    /// <summary>The statuses in which a case is the desk's open work (for queries; same as <see cref="IsOpenStatus"/>).</summary>
    public static readonly IReadOnlyList<CaseStatus> OpenStatuses =
        [CaseStatus.New, CaseStatus.Assigned, CaseStatus.InAnalysis, CaseStatus.InProgress, CaseStatus.WaitingOnRequester, CaseStatus.Escalated];

    public static bool IsOpenStatus(CaseStatus status) => status is CaseStatus.New or CaseStatus.Assigned
        or CaseStatus.InAnalysis or CaseStatus.InProgress or CaseStatus.WaitingOnRequester or CaseStatus.Escalated;

    /// <summary>The resolution clock is stopped for good in these states (until a reopening).</summary>
    public static bool ResolutionStopsIn(CaseStatus status) => status is CaseStatus.Resolved or CaseStatus.Rejected
        or CaseStatus.NovedadReported or CaseStatus.Closed;

    private static bool ResolutionRunsIn(CaseStatus status) =>
        status is not (CaseStatus.WaitingOnRequester or CaseStatus.Resolved or CaseStatus.Rejected
            or CaseStatus.NovedadReported or CaseStatus.Closed);

    /// <summary>Registers a case (activity 1): validates it, fixes its ANS due instants from its policy.</summary>
    public static Case Register(CaseRegistration registration, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(context);
        var subject = Required(registration.Subject, DomainRules.SubjectRequired);
        if (subject.Length > SubjectMaxLength)
        {
            throw new DomainException(DomainRules.SubjectTooLong, SubjectMaxLength);
        }

        var description = Required(registration.Description, DomainRules.DescriptionRequired);
        if (description.Length > DescriptionMaxLength)
        {
            throw new DomainException(DomainRules.DescriptionTooLong, DescriptionMaxLength);
        }

        if (registration.RequesterId == Guid.Empty)
        {
            throw new DomainException(DomainRules.RequesterRequired);
        }

        if (registration.Channel == CaseChannel.Agent && registration.FiledById is null)
        {
            throw new DomainException(DomainRules.ChannelNeedsFiler);
        }

        var externalReference = string.IsNullOrWhiteSpace(registration.ExternalReference) ? null : registration.ExternalReference.Trim();
        if (externalReference is not null && (registration.Channel != CaseChannel.Pqrs || externalReference.Length > ExternalReferenceMaxLength))
        {
            throw new ArgumentException("Only a PQRS case carries an external reference, of at most 40 characters.", nameof(registration));
        }

        var now = context.Now.ToUniversalTime();
        var c = new Case
        {
            Id = Guid.CreateVersion7(now),
            Number = registration.Number,
            Kind = registration.Kind,
            CategoryId = registration.CategoryId,
            Subject = subject,
            Description = description,
            Impact = registration.Impact,
            Urgency = registration.Urgency,
            Priority = registration.Priority,
            Channel = registration.Channel,
            RequesterId = registration.RequesterId,
            FiledById = registration.FiledById,
            ExternalReference = externalReference,
            DataAuthorizationGranted = registration.DataAuthorization?.Granted,
            DataAuthorizationVersion = registration.DataAuthorization?.NoticeVersion,
            DataAuthorizationAt = registration.DataAuthorization?.At?.ToUniversalTime(),
            Status = CaseStatus.New,
            BoardColumn = Board.BoardColumn.NewOrAssigned,
            ReceivedAt = now,
        };

        c.ApplyPolicy(registration.Policy, context.Calendar);
        c.StartLegalTerm(registration.Pqrs, context);
        c.Record(context, CaseAction.Registered, null, CaseStatus.New, null, Invariant(registration.Channel), null);
        c._events.Add(new CaseRegistered(c.Id, c.Number, now, c.CategoryId, c.Priority));
        return c;
    }

    /// <summary>
    /// The coordinator recomputes the ANS due instants of an open case (decision 0002: a case keeps the policy it was
    /// filed under unless this is done): from the reception instant, under <paramref name="policy"/> (the one in
    /// force now for the case's category, kind and priority) and the calendar in force. The time already paused is
    /// kept. The reason is mandatory and is recorded, with the due instants before and after, in the history.
    /// </summary>
    public void RecomputeSla(SlaPolicy? policy, string reason, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var detail = RequiredText(reason, DomainRules.ConfigRecomputeReasonRequired);
        if (!IsOpen)
        {
            throw new DomainException(DomainRules.SlaRecomputeNotOpen, Number);
        }

        var before = DueSummary();
        ApplyPolicy(policy, context.Calendar);
        Version++;
        Record(context, CaseAction.SlaRecomputed, null, null, before, DueSummary(), detail);
    }

    /// <summary>
    /// Assigns (or reassigns) the case to a technician of a group (activity 2 — routing —, a member taking an unassigned
    /// case, or a lead's / coordinator's reassignment). Taking it from someone else needs a reason, kept in the history.
    /// </summary>
    public void Assign(Guid assigneeId, int? groupId, int? level, CaseContext context, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        Require(CaseOperation.Assign);
        if (assigneeId == Guid.Empty)
        {
            throw new DomainException(DomainRules.AssigneeRequired);
        }

        if (assigneeId == AssigneeId && groupId == AssignedGroupId)
        {
            // Already theirs: nothing changes, nobody is told.
            return;
        }

        var detail = AssigneeId is null ? OptionalText(reason) : RequiredText(reason, DomainRules.ReassignReasonRequired);
        var previous = AssigneeId;
        AssigneeId = assigneeId;
        AssignedGroupId = groupId;
        if (level is { } l)
        {
            Level = Math.Clamp(l, 1, MaxLevel);
        }

        var from = Status;
        MoveTo(CaseStatus.Assigned, context, isActionOnCase: false);
        Record(context, CaseAction.Assigned, from, Status, previous?.ToString(), assigneeId.ToString(), detail);
        _events.Add(new CaseAssigned(Id, Number, context.Now, previous, assigneeId, groupId));
    }

    /// <summary>
    /// Routing found nobody active in the category's group: the case stays <see cref="CaseStatus.New"/> in that group
    /// ("Sin asignar"), where its members may take it and its lead or the coordinator assign it.
    /// </summary>
    public void LeaveUnassigned(int groupId, int level, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Status != CaseStatus.New || AssigneeId is not null)
        {
            throw new DomainException(
                DomainRules.TransitionNotAllowed, DomainMessages.Get("Operation." + CaseOperation.Assign), DomainMessages.Get("Status." + Status));
        }

        AssignedGroupId = groupId;
        Level = Math.Clamp(level, 1, MaxLevel);
        Record(context, CaseAction.LeftUnassigned, null, null, null, groupId.ToString(CultureInfo.InvariantCulture), null);
        _events.Add(new CaseLeftUnassigned(Id, Number, context.Now, groupId));
    }

    /// <summary>The technician starts checking the case (activity 2).</summary>
    public void Analyse(CaseContext context) =>
        Transition(CaseOperation.Analyse, CaseStatus.InAnalysis, CaseAction.AnalysisStarted, context, null);

    /// <summary>Rejects the case (activity 3): a reason kind and a text are mandatory; a duplicate names its original.</summary>
    public void Reject(RejectionReason reason, string text, Guid? duplicateOfCaseId, CaseContext context, string? duplicateOfNumber = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        Require(CaseOperation.Reject);
        var detail = RequiredText(text, DomainRules.RejectReasonRequired);
        if (reason == Cases.RejectionReason.Duplicate)
        {
            if (duplicateOfCaseId is null || duplicateOfCaseId == Guid.Empty)
            {
                throw new DomainException(DomainRules.RejectDuplicateNeedsOriginal);
            }

            if (duplicateOfCaseId == Id)
            {
                throw new DomainException(DomainRules.RejectDuplicateOfItself);
            }
        }
        else if (duplicateOfCaseId is not null)
        {
            throw new DomainException(DomainRules.RejectOriginalOnlyForDuplicate);
        }

        RejectionReason = reason;
        DuplicateOfCaseId = duplicateOfCaseId;
        RejectedAt = context.Now.ToUniversalTime();
        SurveyDueAt = context.Calendar.EndOfNthBusinessDayAfter(context.Now, SurveyWindowBusinessDays).ToUniversalTime();
        SurveyRound++;
        var from = Status;
        MoveTo(CaseStatus.Rejected, context);
        Record(context, CaseAction.Rejected, from, Status, null, Invariant(reason) + (duplicateOfCaseId is { } d ? ":" + d : ""), detail);
        Say(CaseMessageKind.RejectionReason, detail, context, duplicateOfCaseId is null ? null : duplicateOfNumber);
        LegalTermAnswered(context);
    }

    /// <summary>The technician starts working the case (activity 4).</summary>
    public void Attend(CaseContext context) =>
        Transition(CaseOperation.Attend, CaseStatus.InProgress, CaseAction.AttentionStarted, context, null);

    /// <summary>
    /// Escalates (activity 4) to the next level (1 → 2 → 3) or to another category's technical lead; the
    /// reason and the new assignee are mandatory. Who may be chosen is checked by the use case, which knows
    /// the groups; the domain checks what the case itself knows.
    /// </summary>
    public void Escalate(
        EscalationKind kind, Guid newAssigneeId, int? newGroupId, int? targetCategoryId, string reason, CaseContext context, string? publicNote = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        Require(CaseOperation.Escalate);
        var detail = RequiredText(reason, DomainRules.EscalateReasonRequired);
        var note = OptionalText(publicNote);
        if (newAssigneeId == Guid.Empty)
        {
            throw new DomainException(DomainRules.EscalateAssigneeRequired);
        }

        if (newAssigneeId == AssigneeId)
        {
            throw new DomainException(DomainRules.EscalateSameAssignee);
        }

        switch (kind)
        {
            case EscalationKind.NextLevel when Level >= MaxLevel:
                throw new DomainException(DomainRules.EscalateMaxLevel, MaxLevel);
            case EscalationKind.NextLevel:
                Level++;
                break;
            case EscalationKind.OtherCategoryLead when targetCategoryId is null:
                throw new DomainException(DomainRules.EscalateTargetCategoryRequired);
            case EscalationKind.OtherCategoryLead when targetCategoryId == CategoryId:
                throw new DomainException(DomainRules.EscalateSameCategory);
            case EscalationKind.OtherCategoryLead:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }

        var previous = AssigneeId;
        AssigneeId = newAssigneeId;
        AssignedGroupId = newGroupId;
        var from = Status;
        MoveTo(CaseStatus.Escalated, context);
        _history.Add(new CaseHistoryEntry(
            Id, context.Now, context.Actor.PersonId, CaseAction.Escalated, from, Status, previous?.ToString(), newAssigneeId.ToString(), detail,
            escalatedToLevel: kind == EscalationKind.NextLevel ? Level : null,
            escalatedToCategoryId: kind == EscalationKind.OtherCategoryLead ? targetCategoryId : null));
        _events.Add(new CaseEscalated(Id, Number, context.Now, kind, previous, newAssigneeId, Level, targetCategoryId ?? CategoryId));

        // The reason is the desk's (technical, internal); the requester reads a public note, or the plain default.
        Say(CaseMessageKind.Escalation, note ?? (kind == EscalationKind.NextLevel
            ? DomainMessages.Get("Message.Escalation.NextLevel", Level)
            : DomainMessages.Get("Message.Escalation.OtherCategory")), context);
    }

    /// <summary>Asks the requester for something; the resolution clock pauses until <see cref="Resume"/>.</summary>
    public void WaitOnRequester(string message, CaseContext context)
    {
        Require(CaseOperation.WaitOnRequester);
        var detail = RequiredText(message, DomainRules.WaitMessageRequired);
        Transition(CaseOperation.WaitOnRequester, CaseStatus.WaitingOnRequester, CaseAction.WaitingOnRequester, context, detail);
        Say(CaseMessageKind.Question, detail, context);
        SuspendLegalTerm(context);
    }

    /// <summary>
    /// Work resumes (the requester answered); the resolution clock runs again, and a PQRS legal term suspended by a
    /// request for completion starts again (Ley 1755 de 2015, art. 17).
    /// </summary>
    public void Resume(string? note, CaseContext context)
    {
        Transition(CaseOperation.Resume, CaseStatus.InProgress, CaseAction.Resumed, context, OptionalText(note));
        RestartLegalTerm(context);
    }

    /// <summary>Records the solution (activity 5); the survey window opens (activity 6).</summary>
    public void Resolve(string solution, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Require(CaseOperation.Resolve);
        var text = RequiredText(solution, DomainRules.ResolveSolutionRequired);
        Solution = text;
        ResolvedAt = context.Now.ToUniversalTime();
        SurveyDueAt = context.Calendar.EndOfNthBusinessDayAfter(context.Now, SurveyWindowBusinessDays).ToUniversalTime();
        SurveyRound++;
        Transition(CaseOperation.Resolve, CaseStatus.Resolved, CaseAction.Resolved, context, text);
        Say(CaseMessageKind.Solution, text, context);
        LegalTermAnswered(context);
    }

    /// <summary>The requester answered the survey "not satisfied": a novedad for the technician to decide on.</summary>
    public void ReportNovedad(string text, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Require(CaseOperation.ReportNovedad);
        var detail = RequiredText(text, DomainRules.NovedadTextRequired);
        RequireSurveyWindowOpen(context.Now);
        Transition(CaseOperation.ReportNovedad, CaseStatus.NovedadReported, CaseAction.NovedadReported, context, detail);
    }

    /// <summary>After a novedad, the technician extends the solution: the case reopens and its ANS resumes.</summary>
    public void Reopen(string reason, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Require(CaseOperation.Reopen);
        var detail = RequiredText(reason, DomainRules.ReopenReasonRequired);
        ResolvedAt = null;
        RejectedAt = null;
        SurveyDueAt = null;
        Transition(CaseOperation.Reopen, CaseStatus.InProgress, CaseAction.Reopened, context, detail);
        Say(CaseMessageKind.NovedadDecision, detail, context);
    }

    /// <summary>
    /// The requester answers the survey of the current round: the answer is stored, then "satisfied" closes
    /// the case and "not satisfied" is a novedad (its comment is the novedad's text). Only while the window is open.
    /// </summary>
    public Surveys.SurveyResponse AnswerSurvey(Surveys.SurveyAnswer answer, Surveys.SurveyChannel channel, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(context);
        if (Status is not (CaseStatus.Resolved or CaseStatus.Rejected))
        {
            throw new DomainException(DomainRules.SurveyNotOpen);
        }

        RequireSurveyWindowOpen(context.Now);
        if (_surveyResponses.Any(r => r.Round == SurveyRound))
        {
            throw new DomainException(DomainRules.SurveyAlreadyAnswered);
        }

        RequireScore(answer.Rating, DomainRules.SurveyRatingRequired);
        RequireScore(answer.Timeliness, DomainRules.SurveyTimelinessRequired);
        RequireScore(answer.Courtesy, DomainRules.SurveyCourtesyRequired);
        var comment = answer.Satisfied ? OptionalText(answer.Comment) : RequiredText(answer.Comment, DomainRules.NovedadTextRequired);
        var response = new Surveys.SurveyResponse(Id, SurveyRound, context.Now, context.Actor.PersonId, channel, answer, comment);
        _surveyResponses.Add(response);
        Record(context, CaseAction.SurveyAnswered, null, null, null,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(answer.Satisfied ? "Satisfied" : "NotSatisfied")};{answer.Rating};{answer.Timeliness};{answer.Courtesy}"),
            null);
        if (answer.Satisfied)
        {
            CloseSatisfied(comment, context);
        }
        else
        {
            ReportNovedad(comment!, context);
        }

        return response;
    }

    /// <summary>The requester answered the survey "satisfied": the case closes.</summary>
    public void CloseSatisfied(string? comment, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Require(CaseOperation.CloseSatisfied);
        RequireSurveyWindowOpen(context.Now);
        Close(CaseOperation.CloseSatisfied, Cases.CloseOutcome.Satisfied, OptionalText(comment), context);
    }

    /// <summary>The survey window ended with no answer: the case closes ("cerrado sin respuesta").</summary>
    public void CloseWithoutAnswer(CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Require(CaseOperation.CloseWithoutAnswer);
        if (SurveyDueAt is { } due && context.Now < due)
        {
            throw new DomainException(DomainRules.SurveyWindowStillOpen, FormatLocal(due, context));
        }

        Close(CaseOperation.CloseWithoutAnswer, Cases.CloseOutcome.NoAnswer, null, context);
    }

    /// <summary>After a novedad: the requester must file a new case, or there is no further solution.</summary>
    public void CloseAfterNovedad(CloseOutcome outcome, string note, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Require(CaseOperation.CloseAfterNovedad);
        if (outcome is not (Cases.CloseOutcome.NewCaseRequired or Cases.CloseOutcome.NoFurtherSolution))
        {
            throw new DomainException(DomainRules.CloseOutcomeNotAfterNovedad);
        }

        var detail = RequiredText(note, DomainRules.CloseNoteRequired);

        // Said before closing: a closed case takes no message.
        Say(CaseMessageKind.NovedadDecision, detail, context);
        Close(CaseOperation.CloseAfterNovedad, outcome, detail, context);
    }

    /// <summary>
    /// Adds a public comment or an internal note. A comment from the requester on a case waiting for them
    /// is their answer: work resumes and the resolution clock runs again.
    /// </summary>
    public CaseComment Comment(string text, bool isInternal, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var body = RequiredText(text, DomainRules.CommentRequired);
        if (Status == CaseStatus.Closed)
        {
            throw new DomainException(DomainRules.CommentOnClosedCase);
        }

        var comment = new CaseComment(Id, context.Actor.PersonId, context.Now, body, isInternal);
        _comments.Add(comment);
        Record(context, isInternal ? CaseAction.InternalNoteAdded : CaseAction.Commented, null, null, null, comment.Id.ToString(), null);
        _events.Add(new CaseMessagePosted(
            Id, Number, context.Now, comment.Id, context.Actor.PersonId, context.Actor.PersonId == RequesterId, isInternal, CaseMessageKind.Comment));
        if (!isInternal && Status == CaseStatus.WaitingOnRequester && context.Actor.PersonId == RequesterId)
        {
            Resume(null, context);
        }

        return comment;
    }

    /// <summary>
    /// Files were attached (their rows are written by the attachments' use case): a history line for each, and an event
    /// for live pages.
    /// </summary>
    public void FilesAttached(IReadOnlyList<Attachments.CaseAttachment> files, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        RecordFiles(files);
        if (files.Count > 0)
        {
            _events.Add(new CaseFilesAttached(Id, Number, context.Now, files.Count));
        }
    }

    /// <summary>The files a new case is filed with (a PQRS submission's): their history lines; the registration's events tell of the case.</summary>
    internal void FiledWith(IReadOnlyList<Attachments.CaseAttachment> files) => RecordFiles(files);

    /// <summary>
    /// The desk's sweep found a clock of the case past a threshold (75 % or 100 %) and raised its alert: the history says
    /// which ANS clock, or, for the legal term of a PQRS, the due instant it runs to.
    /// </summary>
    public void SlaThresholdCrossed(SlaTargetKind target, SlaThreshold threshold, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var atRisk = threshold == SlaThreshold.AtRisk;
        if (target == SlaTargetKind.LegalTerm)
        {
            var due = LegalDueAt ?? throw new InvalidOperationException("A case without a legal term crosses none of its thresholds.");
            Record(context, atRisk ? CaseAction.LegalTermAtRisk : CaseAction.LegalTermBreached, null, null, null, Utc(due), null);
        }
        else
        {
            Record(context, atRisk ? CaseAction.SlaAtRisk : CaseAction.SlaBreached, null, null, null, target.ToString(), null);
        }
    }

    /// <summary>The requester was invited to the survey of <paramref name="round"/> (the window's first step).</summary>
    public void SurveyInvited(int round, CaseContext context) =>
        Record(context, CaseAction.SurveyInvited, null, null, null, round.ToString(CultureInfo.InvariantCulture), null);

    /// <summary>The requester was reminded of the survey of <paramref name="round"/> on the window's last day.</summary>
    public void SurveyReminded(int round, CaseContext context) =>
        Record(context, CaseAction.SurveyReminded, null, null, null, round.ToString(CultureInfo.InvariantCulture), null);

    /// <summary>
    /// One line per file, by whoever uploaded it, at its upload; none for the files of an internal note, which the note's
    /// own staff-only line covers.
    /// </summary>
    private void RecordFiles(IReadOnlyList<Attachments.CaseAttachment> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var file in files)
        {
            if (file.CaseId != Id)
            {
                throw new ArgumentException("A file of another case.", nameof(files));
            }

            if (!file.IsInternal)
            {
                _history.Add(new CaseHistoryEntry(
                    Id, file.UploadedAt, file.UploadedById, CaseAction.AttachmentAdded, null, null, null, file.Id.ToString(), file.FileName));
            }
        }
    }

    /// <summary>
    /// A text the desk writes for the requester as part of a decision: a public message of the conversation, of its kind.
    /// The decision's own history entry already records it; no second "commented" line.
    /// </summary>
    private void Say(CaseMessageKind kind, string text, CaseContext context, string? relatedCaseNumber = null)
    {
        var message = new CaseComment(Id, context.Actor.PersonId, context.Now, text, isInternal: false, kind, relatedCaseNumber);
        _comments.Add(message);
        _events.Add(new CaseMessagePosted(Id, Number, context.Now, message.Id, context.Actor.PersonId, false, false, kind));
    }

    /// <summary>Copies the policy's targets as due instants counted from reception (no policy: no ANS).</summary>
    private void ApplyPolicy(SlaPolicy? policy, Calendar.BusinessCalendar calendar)
    {
        SlaPolicyId = policy is { Id: not 0 } ? policy.Id : null;
        AttendDueAt = null;
        AttendTarget = null;
        ResolveBaseDueAt = null;
        ResolveTarget = null;
        AttendTargetAmount = policy?.Attend?.Amount;
        AttendTargetUnit = policy?.Attend?.Unit;
        ResolveTargetAmount = policy?.Resolve?.Amount;
        ResolveTargetUnit = policy?.Resolve?.Unit;
        if (policy?.Attend is { } attend)
        {
            AttendDueAt = attend.DueFrom(ReceivedAt, calendar).ToUniversalTime();
            AttendTarget = calendar.BusinessTimeBetween(ReceivedAt, AttendDueAt.Value);
        }

        if (policy?.Resolve is { } resolve)
        {
            ResolveBaseDueAt = resolve.DueFrom(ReceivedAt, calendar).ToUniversalTime();
            ResolveTarget = calendar.BusinessTimeBetween(ReceivedAt, ResolveBaseDueAt.Value);
        }

        BoardDueAt = ResolveBaseDueAt ?? AttendDueAt ?? ReceivedAt;
    }

    /// <summary>The due instants for the history line: <c>atender=2026-03-02T15:00:00Z;resolver=…</c> (invariant, UTC).</summary>
    private string DueSummary()
    {
        static string Of(DateTimeOffset? instant) =>
            instant is { } i ? i.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "sin ANS";
        return $"atender={Of(AttendDueAt)};resolver={Of(ResolveBaseDueAt)}";
    }

    /// <summary>Forgets the events once they were delivered.</summary>
    public void ClearEvents() => _events.Clear();

    /// <summary>Whether <paramref name="operation"/> may be applied to a case in <paramref name="status"/>.</summary>
    public static bool Allows(CaseOperation operation, CaseStatus status) => CaseLifecycle.Allows(operation, status);

    private void Close(CaseOperation operation, CloseOutcome outcome, string? detail, CaseContext context)
    {
        CloseOutcome = outcome;
        ClosedAt = context.Now.ToUniversalTime();
        var from = Status;
        MoveTo(CaseStatus.Closed, context);
        Record(context, CaseAction.Closed, from, Status, null, Invariant(outcome), detail);
        _ = operation;
    }

    private void Transition(CaseOperation operation, CaseStatus to, CaseAction action, CaseContext context, string? detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        Require(operation);
        var from = Status;
        MoveTo(to, context);
        Record(context, action, from, to, null, null, detail);
    }

    /// <summary>Moves to a status, keeping the ANS clocks right: first action, pauses.</summary>
    private void MoveTo(CaseStatus to, CaseContext context, bool isActionOnCase = true)
    {
        var from = Status;
        var now = context.Now.ToUniversalTime();

        // The attention clock stops at the first action on the case; being (re)assigned is not one.
        if (FirstActionAt is null && isActionOnCase)
        {
            FirstActionAt = now;
        }

        var wasRunning = ResolutionRunsIn(from);
        var runs = ResolutionRunsIn(to);
        if (wasRunning && !runs)
        {
            PausedSince = now;
        }
        else if (!wasRunning && runs && PausedSince is { } since)
        {
            if (ResolveBaseDueAt is not { } baseDue || since < context.Calendar.AddBusinessTime(baseDue, PausedBusinessTime))
            {
                PausedBusinessTime += context.Calendar.BusinessTimeBetween(since, now);
            }

            PausedSince = null;
        }

        Status = to;
        BoardColumn = to == CaseStatus.Closed ? null : Board.BoardColumns.Of(to);
        Version++;
        if (from != to)
        {
            _events.Add(new CaseStatusChanged(Id, Number, now, from, to));
        }
    }

    private void Require(CaseOperation operation)
    {
        if (!CaseLifecycle.Allows(operation, Status))
        {
            throw new DomainException(
                DomainRules.TransitionNotAllowed,
                DomainMessages.Get("Operation." + operation),
                DomainMessages.Get("Status." + Status));
        }
    }

    private static void RequireScore(int score, string rule)
    {
        if (score is < Surveys.SurveyAnswer.MinScore or > Surveys.SurveyAnswer.MaxScore)
        {
            throw new DomainException(rule);
        }
    }

    private void RequireSurveyWindowOpen(DateTimeOffset now)
    {
        if (SurveyDueAt is { } due && now >= due)
        {
            throw new DomainException(DomainRules.SurveyWindowClosed);
        }
    }

    private void Record(CaseContext context, CaseAction action, CaseStatus? from, CaseStatus? to, string? fromValue, string? toValue, string? detail) =>
        _history.Add(new CaseHistoryEntry(Id, context.Now, context.Actor.PersonId, action, from, to, fromValue, toValue, detail));

    private static string Required(string? value, string rule)
    {
        var trimmed = UserText.Clean(value);
        return string.IsNullOrEmpty(trimmed) ? throw new DomainException(rule) : trimmed;
    }

    private static string RequiredText(string? value, string rule)
    {
        var text = Required(value, rule);
        return text.Length > TextMaxLength ? throw new DomainException(DomainRules.TextTooLong, TextMaxLength) : text;
    }

    private static string? OptionalText(string? value)
    {
        var trimmed = UserText.Clean(value);
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length > TextMaxLength ? throw new DomainException(DomainRules.TextTooLong, TextMaxLength) : trimmed;
    }

    private static string Invariant<T>(T value)
        where T : struct, Enum => value.ToString();

    private static string FormatLocal(DateTimeOffset instant, CaseContext context) =>
        context.Calendar.ToLocal(instant).ToString("dddd d 'de' MMMM 'de' yyyy, h:mm tt", DomainMessages.Culture);
}
