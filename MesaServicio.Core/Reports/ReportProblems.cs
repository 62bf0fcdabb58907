using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Reports;

/// <summary>
/// The month's problem management (the desk's report only): problems registered, those that became known errors (a
/// workaround recorded), those resolved, incidents linked to a problem, and the problems still open at the month's end.
/// </summary>
public sealed record ReportProblems(int Opened, int KnownErrors, int Resolved, int IncidentsLinked, int OpenAtEnd)
{
    public bool IsEmpty => Opened == 0 && KnownErrors == 0 && Resolved == 0 && IncidentsLinked == 0 && OpenAtEnd == 0;

    internal static async Task<ReportProblems> LoadAsync(MesaDbContext db, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var opened = await db.Problems.CountAsync(p => p.CreatedAt >= from && p.CreatedAt < to, cancellationToken).ConfigureAwait(false);
        var known = await db.Problems.CountAsync(p => p.KnownErrorAt >= from && p.KnownErrorAt < to, cancellationToken).ConfigureAwait(false);
        var resolved = await db.Problems.CountAsync(p => p.ResolvedAt >= from && p.ResolvedAt < to, cancellationToken).ConfigureAwait(false);
        var linked = await db.ProblemIncidents.CountAsync(i => i.LinkedAt >= from && i.LinkedAt < to, cancellationToken).ConfigureAwait(false);

        // Open at the end: registered before it and neither resolved nor closed by then.
        var open = await db.Problems.CountAsync(
            p => p.CreatedAt < to && (p.ResolvedAt == null || p.ResolvedAt >= to) && (p.ClosedAt == null || p.ClosedAt >= to), cancellationToken)
            .ConfigureAwait(false);
        return new ReportProblems(opened, known, resolved, linked, open);
    }
}
