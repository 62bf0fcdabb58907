namespace MesaServicio.Core.Common;

/// <summary>
/// Codes of the rules the domain enforces. Each has a Spanish text in <c>Resources/DomainMessages.resx</c>
/// (a test keeps the two in step).
/// </summary>
public static class DomainRules
{
    public const string Generic = "Generic";
    public const string NotFound = "NotFound";
    public const string Forbidden = "Forbidden";
    public const string CaseChanged = "Case.Changed";
    public const string TransitionNotAllowed = "Case.Transition.NotAllowed";

    public const string SubjectRequired = "Case.Register.SubjectRequired";
    public const string SubjectTooLong = "Case.Register.SubjectTooLong";
    public const string DescriptionRequired = "Case.Register.DescriptionRequired";
    public const string DescriptionTooLong = "Case.Register.DescriptionTooLong";
    public const string CategoryInactive = "Case.Register.CategoryInactive";
    public const string RequesterRequired = "Case.Register.RequesterRequired";
    public const string RequesterInactive = "Case.Register.RequesterInactive";
    public const string ChannelNeedsFiler = "Case.Register.ChannelNeedsFiler";
    public const string RequesterMustBeSelf = "Case.Register.RequesterMustBeSelf";

    public const string AssigneeRequired = "Case.Assign.AssigneeRequired";
    public const string AssigneeNotInGroup = "Case.Assign.AssigneeNotInGroup";
    public const string ReassignReasonRequired = "Case.Assign.ReasonRequired";
    public const string TakeNotUnassigned = "Case.Take.NotUnassigned";

    public const string RejectReasonRequired = "Case.Reject.ReasonRequired";
    public const string RejectDuplicateNeedsOriginal = "Case.Reject.DuplicateNeedsOriginal";
    public const string RejectDuplicateOfItself = "Case.Reject.DuplicateOfItself";
    public const string RejectOriginalOnlyForDuplicate = "Case.Reject.OriginalOnlyForDuplicate";

    public const string EscalateReasonRequired = "Case.Escalate.ReasonRequired";
    public const string EscalateAssigneeRequired = "Case.Escalate.AssigneeRequired";
    public const string EscalateMaxLevel = "Case.Escalate.MaxLevel";
    public const string EscalateSameCategory = "Case.Escalate.SameCategory";
    public const string EscalateSameAssignee = "Case.Escalate.SameAssignee";
    public const string EscalateAssigneeNotNextLevel = "Case.Escalate.AssigneeNotNextLevel";
    public const string EscalateAssigneeNotLead = "Case.Escalate.AssigneeNotLead";
    public const string EscalateTargetCategoryRequired = "Case.Escalate.TargetCategoryRequired";

    public const string WaitMessageRequired = "Case.Wait.MessageRequired";
    public const string ResolveSolutionRequired = "Case.Resolve.SolutionRequired";

    public const string NovedadTextRequired = "Case.Novedad.TextRequired";
    public const string SurveyWindowClosed = "Case.Survey.WindowClosed";
    public const string SurveyWindowStillOpen = "Case.Survey.WindowStillOpen";
    public const string SurveyNotOpen = "Case.Survey.NotOpen";
    public const string SurveyAlreadyAnswered = "Case.Survey.AlreadyAnswered";
    public const string SurveyRatingRequired = "Case.Survey.RatingRequired";
    public const string SurveyTimelinessRequired = "Case.Survey.TimelinessRequired";
    public const string SurveyCourtesyRequired = "Case.Survey.CourtesyRequired";
    public const string SurveyLinkInvalid = "Case.Survey.LinkInvalid";
    public const string SurveyLinkExpired = "Case.Survey.LinkExpired";
    public const string SurveyLinkUsed = "Case.Survey.LinkUsed";
    public const string AnswerLinkInvalid = "Case.Answer.LinkInvalid";
    public const string AnswerLinkExpired = "Case.Answer.LinkExpired";
    public const string ReopenReasonRequired = "Case.Reopen.ReasonRequired";
    public const string CloseNoteRequired = "Case.Close.NoteRequired";
    public const string CloseOutcomeNotAfterNovedad = "Case.Close.OutcomeNotAfterNovedad";

    public const string TextTooLong = "Text.TooLong";
    public const string CommentRequired = "Case.Comment.TextRequired";
    public const string CommentOnClosedCase = "Case.Comment.Closed";

    public const string PriorityMatrixIncomplete = "Priority.Matrix.Incomplete";
    public const string RoutingNoGroup = "Routing.NoGroup";
    public const string RoutingNoTechnician = "Routing.NoTechnician";

    public const string AttachmentNoFiles = "Attachment.NoFiles";
    public const string AttachmentTooManyFiles = "Attachment.TooManyFiles";
    public const string AttachmentNoExtension = "Attachment.NoExtension";
    public const string AttachmentTypeNotAllowed = "Attachment.TypeNotAllowed";
    public const string AttachmentDeclaredTypeMismatch = "Attachment.DeclaredTypeMismatch";
    public const string AttachmentTooLarge = "Attachment.TooLarge";
    public const string AttachmentTooLargeWhileReading = "Attachment.TooLargeWhileReading";
    public const string AttachmentEmpty = "Attachment.Empty";
    public const string AttachmentContentMismatch = "Attachment.ContentMismatch";
    public const string AttachmentActiveContent = "Attachment.ActiveContent";
    public const string AttachmentTextNotUtf8 = "Attachment.TextNotUtf8";
    public const string AttachmentCaseClosed = "Attachment.CaseClosed";

    public const string ValidationFailed = "Validation.Failed";
    public const string IntakeFieldRequired = "Intake.FieldRequired";
    public const string IntakeFieldTooLong = "Intake.FieldTooLong";
    public const string IntakeEmailInvalid = "Intake.EmailInvalid";
    public const string IntakeRadicadoInvalid = "Intake.RadicadoInvalid";
    public const string IntakeDocumentInvalid = "Intake.DocumentInvalid";
    public const string IntakeKindInvalid = "Intake.KindInvalid";
    public const string IntakeFileRefused = "Intake.FileRefused";
    public const string IntakeModalityInvalid = "Intake.ModalityInvalid";
    public const string IntakeFiledAtInvalid = "Intake.FiledAtInvalid";
    public const string IntakeFiledAtFuture = "Intake.FiledAtFuture";
    public const string IntakeAuthorizationInvalid = "Intake.AuthorizationInvalid";
    public const string IntakeAuthorizationRequired = "Intake.AuthorizationRequired";

    public const string ApiKeyNameRequired = "ApiKey.NameRequired";
    public const string ApiKeyNameTooLong = "ApiKey.NameTooLong";
    public const string ApiKeyExpiryInPast = "ApiKey.ExpiryInPast";
    public const string ApiKeyNotActive = "ApiKey.NotActive";
    public const string ApiKeyAlreadyRevoked = "ApiKey.AlreadyRevoked";

    public const string SlaRecomputeNotOpen = "Case.Sla.RecomputeNotOpen";

    public const string ConfigChanged = "Config.Changed";
    public const string ConfigCategoryNameRequired = "Config.Category.NameRequired";
    public const string ConfigCategoryNameTooLong = "Config.Category.NameTooLong";
    public const string ConfigCategoryNameTaken = "Config.Category.NameTaken";
    public const string ConfigCategoryParentNotTop = "Config.Category.ParentNotTop";
    public const string ConfigCategoryTopNeedsGroup = "Config.Category.TopNeedsGroup";
    public const string ConfigCategoryParentInactive = "Config.Category.ParentInactive";
    public const string ConfigGroupNameRequired = "Config.Group.NameRequired";
    public const string ConfigGroupNameTooLong = "Config.Group.NameTooLong";
    public const string ConfigGroupNameTaken = "Config.Group.NameTaken";
    public const string ConfigGroupLevelInvalid = "Config.Group.LevelInvalid";
    public const string ConfigGroupStillRouted = "Config.Group.StillRouted";
    public const string ConfigGroupInactive = "Config.Group.Inactive";
    public const string ConfigGroupMemberNotAgent = "Config.Group.MemberNotAgent";
    public const string ConfigGroupMemberInactive = "Config.Group.MemberInactive";
    public const string ConfigRoutingLeadNotTechnicalLead = "Config.Routing.LeadNotTechnicalLead";
    public const string ConfigSlaAmountInvalid = "Config.Sla.AmountInvalid";
    public const string ConfigSlaUnitRequired = "Config.Sla.UnitRequired";
    public const string ConfigSlaResolveBeforeAttend = "Config.Sla.ResolveBeforeAttend";
    public const string ConfigSlaIncidentNeedsTargets = "Config.Sla.IncidentNeedsTargets";
    public const string ConfigSlaGeneralRequired = "Config.Sla.GeneralRequired";
    public const string ConfigRecomputeReasonRequired = "Config.Recompute.ReasonRequired";
    public const string ConfigRecomputeNoCases = "Config.Recompute.NoCases";
    public const string ConfigRecomputeConflict = "Config.Recompute.Conflict";
    public const string ConfigCalendarHoursInvalid = "Config.Calendar.HoursInvalid";
    public const string ConfigCalendarInvalid = "Config.Calendar.Invalid";
    public const string ConfigCalendarDayAlreadyDeclared = "Config.Calendar.DayAlreadyDeclared";
    public const string ConfigCalendarDayNotDeclared = "Config.Calendar.DayNotDeclared";
    public const string ConfigCalendarDayOutOfRange = "Config.Calendar.DayOutOfRange";
    public const string ConfigCalendarDescriptionRequired = "Config.Calendar.DescriptionRequired";
    public const string ConfigCalendarDescriptionTooLong = "Config.Calendar.DescriptionTooLong";
    public const string ConfigPriorityInvalid = "Config.Priority.Invalid";

    public const string MonthRecloseReasonRequired = "Month.Reclose.ReasonRequired";
    public const string MonthNotClosed = "Month.Reclose.NotClosed";
    public const string MonthReclosedMeanwhile = "Month.Reclose.Changed";
    public const string ConfigIndicatorTargetInvalid = "Config.Indicator.TargetInvalid";
    public const string ConfigIndicatorNotTopGroup = "Config.Indicator.NotTopGroup";

    public const string LegalTermNone = "Legal.None";
    public const string LegalTermOnlyPqrs = "Legal.OnlyPqrs";
    public const string LegalModalityUnknown = "Legal.ModalityUnknown";
    public const string LegalFiledInFuture = "Legal.FiledInFuture";
    public const string LegalExtensionReasonRequired = "Legal.Extension.ReasonRequired";
    public const string LegalExtensionAnswered = "Legal.Extension.Answered";
    public const string LegalExtensionSuspended = "Legal.Extension.Suspended";
    public const string LegalExtensionExpired = "Legal.Extension.Expired";
    public const string LegalExtensionAlreadyExtended = "Legal.Extension.AlreadyExtended";
    public const string LegalExtensionNotBusinessDay = "Legal.Extension.NotBusinessDay";
    public const string LegalExtensionNotLater = "Legal.Extension.NotLater";
    public const string LegalExtensionBeyondDouble = "Legal.Extension.BeyondDouble";
    public const string LegalExtensionBeyondPersonalData = "Legal.Extension.BeyondPersonalData";

    public const string VisitDependencyRequired = "Visit.DependencyRequired";
    public const string VisitDependencyTooLong = "Visit.DependencyTooLong";
    public const string VisitPurposeRequired = "Visit.PurposeRequired";
    public const string VisitTextTooLong = "Visit.TextTooLong";
    public const string VisitStaffRequired = "Visit.StaffRequired";
    public const string VisitStaffTooMany = "Visit.StaffTooMany";
    public const string VisitStaffUnknown = "Visit.StaffUnknown";
    public const string VisitAttendeesRequired = "Visit.AttendeesRequired";
    public const string VisitInPast = "Visit.InPast";
    public const string VisitNotBusinessDay = "Visit.NotBusinessDay";
    public const string VisitClosedCase = "Visit.ClosedCase";
    public const string VisitNotFound = "Visit.NotFound";
    public const string VisitNotPlanned = "Visit.NotPlanned";
    public const string VisitSameTime = "Visit.SameTime";
    public const string VisitReasonRequired = "Visit.ReasonRequired";
    public const string VisitFindingsRequired = "Visit.FindingsRequired";
    public const string VisitEndBeforeStart = "Visit.EndBeforeStart";
    public const string VisitEndInFuture = "Visit.EndInFuture";
    public const string VisitTooLong = "Visit.TooLong";

    public const string PrivacyOnlyPeople = "Privacy.OnlyPeople";

    public const string RetentionYearsOutOfRange = "Retention.YearsOutOfRange";
    public const string RetentionNotTopGroup = "Retention.NotTopGroup";
    public const string PrivacyNoticeChanged = "Privacy.NoticeChanged";
    public const string PrivacyNotAccepted = "Privacy.NotAccepted";
    public const string PrivacyTextRequired = "Privacy.TextRequired";
    public const string PrivacyTextTooLong = "Privacy.TextTooLong";
    public const string PrivacyDefaultNotice = "Privacy.DefaultNotice";
    public const string AttachmentContentRemoved = "Attachment.ContentRemoved";
    public const string AnonymiseReasonRequired = "Anonymise.ReasonRequired";
    public const string AnonymiseReasonTooLong = "Anonymise.ReasonTooLong";
    public const string AnonymiseAlready = "Anonymise.Already";
    public const string AnonymiseStaff = "Anonymise.Staff";
    public const string PrivacyRequestKindRequired = "Privacy.Request.KindRequired";
    public const string PrivacyRequestDetailRequired = "Privacy.Request.DetailRequired";
    public const string PrivacyRequestDetailTooLong = "Privacy.Request.DetailTooLong";
}
