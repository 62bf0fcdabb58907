using MesaServicio.Core.Cases;
using MesaServicio.Core.Catalog;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Problems;

/// <summary>An incident linked to a problem, as its page lists it.</summary>
public sealed record ProblemIncidentRow(Guid CaseId, string Number, string Subject, CaseStatus Status, string? AssigneeName, DateTimeOffset LinkedAt, bool IsOpen);

/// <summary>A file of a problem's comment, as the page links it.</summary>
public sealed record ProblemFileRow(Guid Id, string FileName, long Size);

/// <summary>A comment on a problem, with its files.</summary>
public sealed record ProblemCommentRow(DateTimeOffset At, string AuthorName, string Text, IReadOnlyList<ProblemFileRow> Files);

/// <summary>A line of a problem's history, with names and case numbers in place of ids.</summary>
public sealed record ProblemHistoryRow(DateTimeOffset At, string? ActorName, ProblemHistoryKind Kind, string? From, string? To, string? Detail);

/// <summary>A problem whole, as its page shows it to the person asking, with what she may do to it.</summary>
public sealed record ProblemDetails(
    Guid Id,
    string Number,
    string Title,
    string? Description,
    int CategoryId,
    IReadOnlyList<string> CategoryPath,
    Impact Impact,
    Urgency Urgency,
    CasePriority Priority,
    Guid ResponsibleId,
    string ResponsibleName,
    ProblemStatus Status,
    string? RootCause,
    string? Workaround,
    string? Solution,
    DateTimeOffset CreatedAt,
    string? CreatedByName,
    DateTimeOffset? KnownErrorAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    int Version,
    IReadOnlyList<ProblemIncidentRow> Incidents,
    IReadOnlyList<ProblemCommentRow> Comments,
    IReadOnlyList<ProblemHistoryRow> History,
    IReadOnlySet<ProblemOperation> Allowed);

/// <summary>One problem whole (<c>/problemas/{numero}</c>). A problem out of reach answers exactly as a missing one.</summary>
public sealed class GetProblem(IDbContextFactory<MesaDbContext> contextFactory)
{
    public async Task<ProblemDetails> HandleAsync(string number, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var key = ProblemRunner.Key(number);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var p = await db.Problems.AsNoTracking().SingleOrDefaultAsync(x => x.Number == key, cancellationToken).ConfigureAwait(false)
            ?? throw ProblemRunner.NotFound(key);
        await ProblemRunner.RequireSeenAsync(db, user, key, p.Id, p.CategoryId, cancellationToken).ConfigureAwait(false);

        var incidents = await (
                from i in db.ProblemIncidents.AsNoTracking()
                where i.ProblemId == p.Id && i.UnlinkedAt == null
                join c in db.Cases.AsNoTracking() on i.CaseId equals c.Id
                orderby i.LinkedAt, c.Number
                select new
                {
                    c.Id, c.Number, c.Subject, c.Status, i.LinkedAt,
                    Assignee = db.People.Where(x => x.Id == c.AssigneeId).Select(x => x.DisplayName).FirstOrDefault(),
                })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var files = (await db.ProblemAttachments.AsNoTracking().Where(a => a.ProblemId == p.Id).OrderBy(a => a.Id)
                .Select(a => new { a.CommentId, Row = new ProblemFileRow(a.Id, a.FileName, a.Size) })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(a => a.CommentId, a => a.Row);
        var comments = (await db.ProblemComments.AsNoTracking().Where(c => c.ProblemId == p.Id).OrderBy(c => c.At)
                .Select(c => new { c.Id, c.At, Author = db.People.Where(x => x.Id == c.AuthorId).Select(x => x.DisplayName).FirstOrDefault() ?? "", c.Text })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .Select(c => new ProblemCommentRow(c.At, c.Author, c.Text, [.. files[c.Id]]))
            .ToList();
        var lines = await db.ProblemHistory.AsNoTracking().Where(h => h.ProblemId == p.Id).OrderBy(h => h.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        // History lines store ids (people, cases): show names and numbers.
        var ids = lines.SelectMany(l => new[] { l.FromValue, l.ToValue }).Select(v => Guid.TryParse(v, out var g) ? g : Guid.Empty)
            .Where(g => g != Guid.Empty).Distinct().ToList();
        var people = lines.Select(l => l.ActorId ?? Guid.Empty).Concat(ids).Append(p.ResponsibleId).Append(p.CreatedById ?? Guid.Empty)
            .Where(g => g != Guid.Empty).Distinct().ToList();
        var names = await db.People.AsNoTracking().Where(x => people.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.DisplayName, cancellationToken)
            .ConfigureAwait(false);
        var numbers = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Number, cancellationToken)
            .ConfigureAwait(false);
        string? Name(Guid? id) => id is { } g && names.TryGetValue(g, out var n) ? n : null;
        string? Value(string? value) => Guid.TryParse(value, out var g) ? numbers.GetValueOrDefault(g) ?? Name(g) ?? value : value;
        var history = lines.Select(l => new ProblemHistoryRow(l.At, Name(l.ActorId), l.Kind, Value(l.FromValue), Value(l.ToValue),
            l.Kind == ProblemHistoryKind.FixApplied ? null : l.Detail)).ToList();
        var path = await CategoryPath.LoadAsync(db, p.CategoryId, cancellationToken).ConfigureAwait(false);

        var allowed = ProblemLifecycle.OperationsFrom(p.Status).Where(o => ProblemAccess.May(user, o)).ToHashSet();
        return new ProblemDetails(
            p.Id, p.Number, p.Title, p.Description, p.CategoryId, [.. path.Select(c => c.Name).Reverse()], p.Impact, p.Urgency, p.Priority,
            p.ResponsibleId, Name(p.ResponsibleId) ?? "", p.Status, p.RootCause, p.Workaround, p.Solution, p.CreatedAt, Name(p.CreatedById),
            p.KnownErrorAt, p.ResolvedAt, p.ClosedAt, p.Version,
            [.. incidents.Select(i => new ProblemIncidentRow(i.Id, i.Number, i.Subject, i.Status, i.Assignee, i.LinkedAt, Case.OpenStatuses.Contains(i.Status)))],
            comments, history, allowed);
    }
}
