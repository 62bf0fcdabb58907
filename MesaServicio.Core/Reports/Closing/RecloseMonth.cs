using MesaServicio.Core.Calendar;
using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Reports.Closing;

/// <summary>
/// The coordinator closes a closed month again, with a reason (issue #15): its results are computed anew as of now
/// and stored as the next version, with an audit row (area <see cref="Configuration.ConfigurationAreas.MonthClosure"/>)
/// in the same transaction. Earlier versions stay stored and downloadable.
/// </summary>
public sealed class RecloseMonth(
    IDbContextFactory<MesaDbContext> contextFactory,
    IBusinessCalendarProvider calendars,
    TimeProvider time,
    FreezeMonth freeze,
    CaseGuard guard)
{
    /// <summary>Stores the next version of <paramref name="month"/>; returns it.</summary>
    public async Task<MonthClosureVersion> HandleAsync(YearMonth month, string? reason, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        guard.Demand(user, GlobalOperation.RecloseMonth);
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw new DomainException(DomainRules.MonthRecloseReasonRequired);
        }

        if (text.Length > MonthClosure.ReasonMaxLength)
        {
            throw new DomainException(DomainRules.TextTooLong, MonthClosure.ReasonMaxLength);
        }

        if (MonthClosingSchedule.ClosesAt(month, calendars.Current) > time.GetUtcNow())
        {
            throw new DomainException(DomainRules.MonthNotClosed, ReportFormat.MonthName(month));
        }

        int latest;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            latest = await FreezeMonth.LatestVersionAsync(db, month, cancellationToken).ConfigureAwait(false);
        }

        if (latest == 0)
        {
            throw new DomainException(DomainRules.MonthNotClosed, ReportFormat.MonthName(month));
        }

        var closure = await freeze.RecloseAsync(month, latest, user.PersonId, text, cancellationToken).ConfigureAwait(false);
        await using var read = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return (await GetMonthResults.VersionsAsync(read, month, cancellationToken).ConfigureAwait(false)).Single(v => v.Version == closure.Version);
    }
}

/// <summary>Which stored file of a closed month.</summary>
public enum MonthClosureFileKind
{
    Pdf = 1,
    Csv = 2,
}

/// <summary>A stored file of one version of a closed month, with its SHA-256.</summary>
public sealed record MonthClosureFile(string FileName, string ContentType, byte[] Content, string Sha256);

/// <summary>Reads a stored file of a closed month's version, for whoever reads the month's results.</summary>
public sealed class GetMonthClosureFile(IDbContextFactory<MesaDbContext> contextFactory, CaseGuard guard)
{
    /// <summary>e.g. <c>informe-mensual-2026-11-v2.pdf</c>.</summary>
    public static string FileName(YearMonth month, int version, MonthClosureFileKind kind) =>
        FormattableString.Invariant($"informe-mensual-{month}-v{version}.{(kind == MonthClosureFileKind.Pdf ? "pdf" : "csv")}");

    /// <summary>The file; null when the month has no such version.</summary>
    public async Task<MonthClosureFile?> HandleAsync(
        YearMonth month, int version, MonthClosureFileKind kind, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        guard.Demand(user, GlobalOperation.Reports);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var closures = db.Set<MonthClosure>().AsNoTracking().Where(c => c.Month == month && c.Version == version);
        var file = kind == MonthClosureFileKind.Pdf
            ? await closures.Select(c => new { Content = c.Pdf, Sha = c.PdfSha256 }).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            : await closures.Select(c => new { Content = c.Csv, Sha = c.CsvSha256 }).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return file is null
            ? null
            : new MonthClosureFile(
                FileName(month, version, kind), kind == MonthClosureFileKind.Pdf ? "application/pdf" : "text/csv; charset=utf-8", file.Content, file.Sha);
    }
}
