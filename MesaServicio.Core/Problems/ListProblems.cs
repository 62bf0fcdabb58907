using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Problems;

/// <summary>A problem in the list.</summary>
public sealed record ProblemRow(
    string Number, string Title, ProblemStatus Status, CasePriority Priority, string CategoryName, string ResponsibleName,
    int OpenIncidents, int Incidents, DateTimeOffset CreatedAt, bool HasWorkaround);

/// <summary>
/// The problems the person reaches (<c>/problemas</c>): every one for leads, the coordinator and the Jefe; for an agent, those
/// of her groups' categories and those with her incidents. Open ones first (by priority), then the rest, newest first.
/// </summary>
public sealed class ListProblems(IDbContextFactory<MesaDbContext> contextFactory)
{
    public const int Shown = 300;

    public async Task<IReadOnlyList<ProblemRow>> HandleAsync(CurrentUser user, bool includeClosed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!ProblemAccess.SeesList(user))
        {
            throw new ForbiddenException(DomainMessages.Get("Permission.ManageProblems"));
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = db.Problems.AsNoTracking();
        if (!ProblemAccess.ReadsAll(user))
        {
            var mine = await ProblemReach.MyCategoriesAsync(db, user, cancellationToken).ConfigureAwait(false);
            var me = user.PersonId;
            query = query.Where(p => mine.Contains(p.CategoryId)
                || db.ProblemIncidents.Any(i => i.ProblemId == p.Id && i.UnlinkedAt == null && db.Cases.Any(c => c.Id == i.CaseId && c.AssigneeId == me)));
        }

        if (!includeClosed)
        {
            query = query.Where(p => p.Status != ProblemStatus.Closed);
        }

        var open = Case.OpenStatuses.ToList();
        var rows = await query
            .OrderBy(p => p.Status == ProblemStatus.Resolved || p.Status == ProblemStatus.Closed ? 1 : 0).ThenBy(p => p.Priority).ThenByDescending(p => p.Year).ThenByDescending(p => p.Sequence)
            .Take(Shown)
            .Select(p => new ProblemRow(
                p.Number, p.Title, p.Status, p.Priority,
                db.Categories.Where(c => c.Id == p.CategoryId).Select(c => c.Name).First(),
                db.People.Where(x => x.Id == p.ResponsibleId).Select(x => x.DisplayName).First(),
                db.ProblemIncidents.Count(i => i.ProblemId == p.Id && i.UnlinkedAt == null && db.Cases.Any(c => c.Id == i.CaseId && open.Contains(c.Status))),
                db.ProblemIncidents.Count(i => i.ProblemId == p.Id && i.UnlinkedAt == null),
                p.CreatedAt, p.Workaround != null))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows;
    }
}
