namespace MesaServicio.Core.Problems;

/// <summary>The rules a problem's operations refuse by (messages in <c>DomainMessages.resx</c>, <c>Problem.*</c>).</summary>
public static class ProblemRules
{
    public const string TitleRequired = "Problem.TitleRequired";
    public const string TitleTooLong = "Problem.TitleTooLong";
    public const string CategoryRequired = "Problem.CategoryRequired";
    public const string CategoryUnknown = "Problem.CategoryUnknown";
    public const string ImpactRequired = "Problem.ImpactRequired";
    public const string UrgencyRequired = "Problem.UrgencyRequired";
    public const string ResponsibleRequired = "Problem.ResponsibleRequired";
    public const string ResponsibleNotLead = "Problem.ResponsibleNotLead";
    public const string RootCauseRequired = "Problem.RootCauseRequired";
    public const string WorkaroundRequired = "Problem.WorkaroundRequired";
    public const string SolutionRequired = "Problem.SolutionRequired";
    public const string ReopenReasonRequired = "Problem.ReopenReasonRequired";
    public const string UnlinkReasonRequired = "Problem.UnlinkReasonRequired";
    public const string CommentRequired = "Problem.CommentRequired";
    public const string OperationNotAllowed = "Problem.OperationNotAllowed";
    public const string IncidentNotLinked = "Problem.IncidentNotLinked";
    public const string CaseNotFound = "Problem.CaseNotFound";
    public const string NotAnIncident = "Problem.NotAnIncident";
    public const string Changed = "Problem.Changed";
    public const string NoFixToApply = "Problem.NoFixToApply";
    public const string CaseNotOpen = "Problem.CaseNotOpen";
}
