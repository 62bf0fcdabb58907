using MesaServicio.Core.Knowledge;
using MesaServicio.Core.Security;

namespace MesaServicio.Core.Problems;

/// <summary>
/// Turns a problem's workaround or solution into an internal draft of the knowledge base in one action (any staff member who
/// reads the problem): its title, the root cause and the fix as the body, its category; a person reviews the draft before
/// requesters may read it. Returns the article's id.
/// </summary>
public sealed class CreateArticleFromProblem(GetProblem get, CreateArticleDraft drafts)
{
    public async Task<int> HandleAsync(string number, CurrentUser user, CancellationToken cancellationToken)
    {
        // Reading it first refuses, as "not found", a problem out of reach.
        var problem = await get.HandleAsync(number, user, cancellationToken).ConfigureAwait(false);
        var fix = problem.Solution ?? problem.Workaround
            ?? throw new Common.DomainException(ProblemRules.NoFixToApply, problem.Number, Common.DomainMessages.Get("Problem.Fix.Workaround"));
        var body = (problem.RootCause is { } cause ? "**Causa:** " + cause + "\n\n" : "")
            + (problem.Solution is not null ? "**Solución:** " : "**Solución temporal:** ") + fix;
        return await drafts.HandleAsync(
            new CreateArticleDraftCommand(
                new ArticleDraft(problem.Title, body, problem.CategoryId, ArticleAudience.Internal, null), null,
                new ArticleSource(ArticleSource.ProblemKind, problem.Number)),
            user, cancellationToken).ConfigureAwait(false);
    }
}
