using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Problems;

/// <summary>Open incidents of one category with similar subjects that arrived close together: perhaps one problem.</summary>
public sealed record ProblemHint(int CategoryId, string CategoryName, IReadOnlyList<string> Numbers);

/// <summary>
/// "¿Abrir un problema?": at least <see cref="MinIncidents"/> open incidents of the same category, not linked to an open
/// problem, whose subjects share their significant words (accents and case folded, as the new-case suggestions compare
/// them), received within the last <see cref="WindowBusinessDays"/> business days of the entity's calendar. For the case
/// page (the cluster around one case) and the board (every cluster in the viewer's reach). Staff only.
/// </summary>
public sealed class ProblemHints(IDbContextFactory<MesaDbContext> contextFactory, IBusinessCalendarProvider calendars, TimeProvider time)
{
    public const int MinIncidents = 3;
    public const int WindowBusinessDays = 5;

    /// <summary>The cluster the case belongs to, or null.</summary>
    public async Task<ProblemHint?> ForCaseAsync(string caseNumber, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsStaff)
        {
            return null;
        }

        var key = (caseNumber ?? "").Trim().ToUpperInvariant();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var candidates = await CandidatesAsync(db, null, cancellationToken).ConfigureAwait(false);
        var me = candidates.FirstOrDefault(c => c.Number == key);
        if (me is null)
        {
            return null;
        }

        var similar = candidates.Where(c => c.CategoryId == me.CategoryId && (c == me || Similar(c.Words, me.Words))).ToList();
        return similar.Count >= MinIncidents ? new ProblemHint(me.CategoryId, me.CategoryName, [.. similar.Select(c => c.Number)]) : null;
    }

    /// <summary>Every cluster among the open incidents the viewer works (all of them for leads and the coordinator).</summary>
    public async Task<IReadOnlyList<ProblemHint>> ForBoardAsync(CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsStaff)
        {
            return [];
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var candidates = await CandidatesAsync(db, ProblemAccess.Manages(user) ? null : user, cancellationToken).ConfigureAwait(false);
        var hints = new List<ProblemHint>();
        foreach (var category in candidates.GroupBy(c => c.CategoryId))
        {
            var left = category.ToList();
            while (left.Count >= MinIncidents)
            {
                var seed = left[0];
                var cluster = left.Where(c => c == seed || Similar(c.Words, seed.Words)).ToList();
                left.RemoveAll(cluster.Contains);
                if (cluster.Count >= MinIncidents)
                {
                    hints.Add(new ProblemHint(seed.CategoryId, seed.CategoryName, [.. cluster.Select(c => c.Number)]));
                }
            }
        }

        return [.. hints.OrderByDescending(h => h.Numbers.Count)];
    }

    /// <summary>Two subjects are alike when they share two significant words (one, when either has only one).</summary>
    internal static bool Similar(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return false;
        }

        var shared = a.Count(b.Contains);
        return shared >= Math.Min(2, Math.Min(a.Count, b.Count));
    }

    /// <summary>The local midnight that starts the window: today and the business days before it, <see cref="WindowBusinessDays"/> in all.</summary>
    internal static DateTimeOffset WindowStart(BusinessCalendar calendar, DateTimeOffset now)
    {
        var local = calendar.ToLocal(now);
        var day = DateOnly.FromDateTime(local.DateTime);
        var counted = 0;
        for (var i = 0; i < 60; i++, day = day.AddDays(-1))
        {
            if (calendar.IsBusinessDay(day) && ++counted == WindowBusinessDays)
            {
                break;
            }
        }

        return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), local.Offset);
    }

    private async Task<List<Candidate>> CandidatesAsync(MesaDbContext db, CurrentUser? onlyFor, CancellationToken cancellationToken)
    {
        var since = WindowStart(calendars.Current, time.GetUtcNow());
        var open = Case.OpenStatuses.ToList();
        var query = db.Cases.AsNoTracking().Where(c => c.Kind == CaseKind.Incident && open.Contains(c.Status) && c.ReceivedAt >= since
            && !db.ProblemIncidents.Any(i => i.CaseId == c.Id && i.UnlinkedAt == null
                && db.Problems.Any(p => p.Id == i.ProblemId && p.Status != ProblemStatus.Closed)));
        if (onlyFor is not null)
        {
            var scope = await AccessScopes.LoadAsync(db, onlyFor, cancellationToken).ConfigureAwait(false);
            var groups = scope.GroupIds.ToList();
            var me = onlyFor.PersonId;
            query = query.Where(c => c.AssigneeId == me || (c.AssignedGroupId != null && groups.Contains(c.AssignedGroupId.Value)));
        }

        var rows = await query.OrderBy(c => c.ReceivedAt).Take(2000)
            .Select(c => new { c.Number, c.Subject, c.CategoryId, Category = db.Categories.Where(x => x.Id == c.CategoryId).Select(x => x.Name).First() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new Candidate(r.Number, r.CategoryId, r.Category, FindSimilarCases.Words(r.Subject)))];
    }

    private sealed record Candidate(string Number, int CategoryId, string CategoryName, HashSet<string> Words);
}
