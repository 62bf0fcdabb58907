using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Improvement;

/// <summary>An action as lists show it (the list page, the month's report).</summary>
public sealed record ImprovementActionRow(
    Guid Id,
    string Number,
    string Title,
    ImprovementOrigin Origin,
    string? OriginMonth,
    ImprovementActionStatus Status,
    Guid ResponsibleId,
    string ResponsibleName,
    DateOnly DueOn,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt,
    bool Overdue,
    IReadOnlyList<string> CaseNumbers);

/// <summary>A follow-up note as the detail shows it.</summary>
public sealed record ImprovementFollowUpRow(DateTimeOffset At, Guid AuthorId, string AuthorName, string Text);

/// <summary>A history line as the detail shows it (names resolved; from/to as stored: states, days, person ids resolved to names).</summary>
public sealed record ImprovementHistoryRow(DateTimeOffset At, string? ActorName, ImprovementHistoryKind Kind, string? From, string? To, string? Detail);

/// <summary>One action whole, with what the viewer may do to it.</summary>
public sealed record ImprovementActionDetails(
    ImprovementActionRow Action,
    string? Description,
    string? Outcome,
    string? CreatedByName,
    int Version,
    IReadOnlyList<ImprovementFollowUpRow> FollowUps,
    IReadOnlyList<ImprovementHistoryRow> History,
    IReadOnlyList<ImprovementActionStatus> AllowedTargets,
    bool MayFollowUp,
    bool MayEdit);

/// <summary>Projections shared by the reads.</summary>
internal static class ImprovementRows
{
    /// <summary>Rows for the actions matched by <paramref name="actions"/>, in the query's order, with responsible names and case numbers.</summary>
    public static async Task<List<ImprovementActionRow>> LoadAsync(
        MesaDbContext db, IQueryable<ImprovementAction> actions, DateOnly today, CancellationToken cancellationToken)
    {
        var rows = await actions
            .Select(a => new
            {
                a.Id, a.Number, a.Title, a.Origin, a.OriginMonth, a.Status, a.ResponsibleId, a.DueOn, a.CreatedAt, a.ClosedAt,
                ResponsibleName = db.People.Where(p => p.Id == a.ResponsibleId).Select(p => p.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = rows.Select(r => r.Id).ToList();
        var cases = await db.ImprovementActionCases.AsNoTracking()
            .Where(c => ids.Contains(c.ActionId))
            .Join(db.Cases, l => l.CaseId, c => c.Id, (l, c) => new { l.ActionId, c.Number })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var byAction = cases.ToLookup(c => c.ActionId, c => c.Number);
        return
        [
            .. rows.Select(r => new ImprovementActionRow(
                r.Id, r.Number, r.Title, r.Origin, r.OriginMonth, r.Status, r.ResponsibleId, r.ResponsibleName ?? "", r.DueOn, r.CreatedAt, r.ClosedAt,
                (r.Status == ImprovementActionStatus.Open || r.Status == ImprovementActionStatus.InProgress) && r.DueOn < today,
                [.. byAction[r.Id].Order(StringComparer.Ordinal)])),
        ];
    }
}
