using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Knowledge;

/// <summary>A staff member who may own an article.</summary>
public sealed record ArticleOwnerOption(Guid Id, string Name);

/// <summary>The active staff by name: who may own an article (staff only).</summary>
public sealed class ListArticleOwners(IDbContextFactory<MesaDbContext> contextFactory)
{
    public async Task<IReadOnlyList<ArticleOwnerOption>> HandleAsync(CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!KnowledgeAccess.Writes(user))
        {
            throw new ForbiddenException(DomainMessages.Get(KnowledgeRules.MayNotWrite));
        }

        var staff = CaseAccess.StaffRoles;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.People.AsNoTracking().Where(p => p.IsActive && (p.Roles & staff) != 0).OrderBy(p => p.DisplayName)
            .Select(p => new ArticleOwnerOption(p.Id, p.DisplayName)).ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}
