namespace MesaServicio.Core.Knowledge;

/// <summary>Codes of the knowledge base's rules; each has its Spanish text in <c>Resources/DomainMessages.resx</c>.</summary>
public static class KnowledgeRules
{
    public const string TitleRequired = "Knowledge.TitleRequired";
    public const string TitleTooLong = "Knowledge.TitleTooLong";
    public const string BodyRequired = "Knowledge.BodyRequired";
    public const string BodyTooLong = "Knowledge.BodyTooLong";
    public const string CategoryRequired = "Knowledge.CategoryRequired";
    public const string AudienceRequired = "Knowledge.AudienceRequired";
    public const string OwnerNotStaff = "Knowledge.OwnerNotStaff";
    public const string ReviewInPast = "Knowledge.ReviewInPast";
    public const string TransitionNotAllowed = "Knowledge.TransitionNotAllowed";
    public const string Changed = "Knowledge.Changed";
    public const string CaseHasNoSolution = "Knowledge.CaseHasNoSolution";
    public const string NotPublished = "Knowledge.NotPublished";
    public const string MayNotPublish = "Knowledge.MayNotPublish";
    public const string MayNotEdit = "Knowledge.MayNotEdit";
    public const string MayNotWrite = "Knowledge.MayNotWrite";
}
