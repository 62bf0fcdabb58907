using MesaServicio.Core.Security;

namespace MesaServicio.Core.Knowledge;

/// <summary>
/// Who may do what in the knowledge base (docs/authorization.md). Staff (agents, technical leads, coordinator) read every
/// article and write drafts; the Jefe OTIC reads every article. An agent edits the articles they own or wrote; the
/// technical lead of the article's category (or of its group) and the coordinator edit, publish and retire any. Anyone
/// else signed in reads only published public articles; an article out of reach answers "not found".
/// </summary>
public static class KnowledgeAccess
{
    /// <summary>Reads drafts, retired and internal articles.</summary>
    public static bool ReadsAll(CurrentUser user) => user.IsStaff || user.IsJefe;

    /// <summary>Whether an article in this state and audience is within the user's reach.</summary>
    public static bool Sees(CurrentUser user, ArticleStatus status, ArticleAudience audience) =>
        ReadsAll(user) || (user.Kind == PrincipalKind.Person && status == ArticleStatus.Published && audience == ArticleAudience.Public);

    /// <summary>Writes new drafts.</summary>
    public static bool Writes(CurrentUser user) => user.IsStaff;

    /// <summary>Leads its category: the coordinator, or the technical lead of the category or of a group above it.</summary>
    public static bool Leads(CurrentUser user, IReadOnlyCollection<Guid?> categoryLeads)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(categoryLeads);
        return user.IsCoordinator || (user.IsTechnicalLead && categoryLeads.Contains(user.PersonId));
    }

    /// <summary>Edits this article: its owner or author, or who leads its category.</summary>
    public static bool Edits(CurrentUser user, Guid ownerId, Guid authorId, IReadOnlyCollection<Guid?> categoryLeads) =>
        user.IsStaff && (user.PersonId == ownerId || user.PersonId == authorId || Leads(user, categoryLeads));

    /// <summary>Publishes and retires this article: who leads its category.</summary>
    public static bool Publishes(CurrentUser user, IReadOnlyCollection<Guid?> categoryLeads) => user.IsStaff && Leads(user, categoryLeads);
}
