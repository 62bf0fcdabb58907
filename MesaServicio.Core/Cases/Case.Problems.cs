using MesaServicio.Core.Common;

namespace MesaServicio.Core.Cases;

public sealed partial class Case
{
    /// <summary>
    /// Tells the requester, in the conversation, that her case is part of a problem that now has a workaround or a
    /// solution (the desk speaks: the problem's actor may have no role in her case). Only while the case is open.
    /// </summary>
    public void TellAboutProblem(string text, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!OpenStatuses.Contains(Status))
        {
            throw new DomainException(Problems.ProblemRules.CaseNotOpen, Number);
        }

        Say(CaseMessageKind.ProblemUpdate, RequiredText(text, DomainRules.CommentRequired), context);
        Record(context, CaseAction.Commented, null, null, null, _comments[^1].Id.ToString(), null);
    }

    /// <summary>
    /// Applies a linked problem's workaround or solution as this incident's own solution, in one step: a case not yet in
    /// attention is attended first, one waiting on the requester resumes, then it is resolved with the text.
    /// </summary>
    public void ApplyProblemFix(string solution, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Status == CaseStatus.WaitingOnRequester)
        {
            Resume(null, context);
        }

        if (Status is CaseStatus.Assigned)
        {
            Attend(context);
        }

        Resolve(solution, context);
    }
}
