namespace MesaServicio.Core.Improvement;

/// <summary>Codes of the improvement actions' rules; each has its Spanish text in <c>Resources/DomainMessages.resx</c>.</summary>
public static class ImprovementRules
{
    public const string TitleRequired = "Improvement.TitleRequired";
    public const string TitleTooLong = "Improvement.TitleTooLong";
    public const string OriginRequired = "Improvement.OriginRequired";
    public const string CasesRequired = "Improvement.CasesRequired";
    public const string MonthRequired = "Improvement.MonthRequired";
    public const string ResponsibleRequired = "Improvement.ResponsibleRequired";
    public const string ResponsibleNotStaff = "Improvement.ResponsibleNotStaff";
    public const string DueDateRequired = "Improvement.DueDateRequired";
    public const string DueDateInPast = "Improvement.DueDateInPast";
    public const string OutcomeRequired = "Improvement.OutcomeRequired";
    public const string DiscardReasonRequired = "Improvement.DiscardReasonRequired";
    public const string FollowUpRequired = "Improvement.FollowUpRequired";
    public const string ChangeReasonRequired = "Improvement.ChangeReasonRequired";
    public const string TransitionNotAllowed = "Improvement.TransitionNotAllowed";
    public const string OperationNotAllowed = "Improvement.OperationNotAllowed";
    public const string CaseNotFound = "Improvement.CaseNotFound";
    public const string Changed = "Improvement.Changed";
}
