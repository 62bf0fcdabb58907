using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Surveys;

/// <summary>A survey the person still has to answer.</summary>
public sealed record PendingSurvey(string Number, string Subject, CaseStatus Status, DateTimeOffset WindowEndsAt);

/// <summary>The signed-in requester's open survey windows (the banner on <c>/</c>), soonest end first.</summary>
public sealed class ListPendingSurveys(IDbContextFactory<MesaDbContext> contextFactory, TimeProvider time)
{
    public async Task<IReadOnlyList<PendingSurvey>> HandleAsync(CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Kind != PrincipalKind.Person || user.PersonId is not { } me)
        {
            return [];
        }

        var now = time.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.Cases.AsNoTracking()
            .Where(c => c.RequesterId == me && (c.Status == CaseStatus.Resolved || c.Status == CaseStatus.Rejected)
                && c.SurveyDueAt != null && c.SurveyDueAt > now)
            .OrderBy(c => c.SurveyDueAt).Take(20)
            .Select(c => new { c.Number, c.Subject, c.Status, Due = c.SurveyDueAt!.Value })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new PendingSurvey(r.Number, r.Subject, r.Status, r.Due)).ToList();
    }
}
