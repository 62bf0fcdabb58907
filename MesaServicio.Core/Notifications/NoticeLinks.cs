using MesaServicio.Core.Attachments;
using MesaServicio.Core.Improvement;
using MesaServicio.Core.Knowledge;
using MesaServicio.Core.Problems;

namespace MesaServicio.Core.Notifications;

/// <summary>Where a portal notice takes its reader: the case it is about, or the action, problem, article or list.</summary>
public static class NoticeLinks
{
    public static string? For(MessageKind kind, string? reference) => kind switch
    {
        MessageKind.AttachmentIntegrity => AttachmentIntegritySweep.ListPath,
        _ when reference is null => null,
        _ when ImprovementNotices.IsImprovementKind(kind) => ImprovementNotices.Link(reference),
        _ when ProblemNotices.IsProblemKind(kind) => ProblemNotices.Link(reference),
        MessageKind.ArticleReviewDue => ArticleReviewSweep.Link(reference),
        _ => "/casos/" + reference,
    };
}
