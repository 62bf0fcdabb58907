using MesaServicio.Core.Common;
using MesaServicio.Core.Configuration;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Reports.Pdf;
using MesaServicio.Core.TimedWork;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Core.Reports.Closing;

/// <summary>
/// Freezes a month's results: computes the desk's report (<see cref="ReportScope.All"/>) as of now, the closing
/// instant, renders its PDF and CSV with the report's own renderers, and stores them as version n + 1 with their
/// SHA-256, together (same transaction) with a notice to every active coordinator and, for a re-closing, its audit
/// row. Two closers of one month race on the unique (month, version): the loser's insert is refused and it finds the
/// winner's version. Callers: <see cref="MonthClosing"/> (automatic) and <see cref="RecloseMonth"/> (the coordinator).
/// </summary>
public sealed partial class FreezeMonth(
    IDbContextFactory<MesaDbContext> contextFactory,
    ComputeMonthlyReport compute,
    MonthlyReportPdf pdf,
    MonthlyCasesCsv csv,
    ReportBranding branding,
    NoticeComposer composer,
    IPortalNotifier notifier,
    TimeProvider time,
    ILogger<FreezeMonth> logger)
{
    /// <summary>Who the PDF's footer says generated an automatic closing.</summary>
    public const string AutomaticAuthor = "Mesa de Servicio";

    /// <summary>The page the notices link to.</summary>
    public static string ReportLink(YearMonth month) => "/reportes/mensual?mes=" + month;

    /// <summary>The latest version stored for <paramref name="month"/>; 0 when it is not closed.</summary>
    public static async Task<int> LatestVersionAsync(MesaDbContext db, YearMonth month, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Set<MonthClosure>().Where(c => c.Month == month).MaxAsync(c => (int?)c.Version, cancellationToken).ConfigureAwait(false) ?? 0;
    }

    /// <summary>
    /// The automatic closing: stores version 1 unless the month already has one (then, or when another instance stores
    /// it at the same moment, returns null and changes nothing).
    /// </summary>
    public async Task<MonthClosure?> CloseAsync(YearMonth month, CancellationToken cancellationToken)
    {
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await LatestVersionAsync(db, month, cancellationToken).ConfigureAwait(false) > 0)
            {
                return null;
            }
        }

        return await StoreAsync(month, 1, null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A re-closing by a coordinator (already authorised, reason already checked): stores the version after
    /// <paramref name="previousVersion"/>. Another re-closing stored first: <see cref="DomainRules.MonthReclosedMeanwhile"/>.
    /// </summary>
    internal async Task<MonthClosure> RecloseAsync(YearMonth month, int previousVersion, Guid? coordinatorId, string reason, CancellationToken cancellationToken) =>
        await StoreAsync(month, previousVersion + 1, coordinatorId, reason, cancellationToken).ConfigureAwait(false)
            ?? throw new DomainException(DomainRules.MonthReclosedMeanwhile);

    private async Task<MonthClosure?> StoreAsync(YearMonth month, int version, Guid? closedById, string? reason, CancellationToken cancellationToken)
    {
        var author = AutomaticAuthor;
        if (closedById is { } person)
        {
            await using var people = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            author = await people.People.AsNoTracking().Where(p => p.Id == person).Select(p => p.DisplayName)
                .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? AutomaticAuthor;
        }

        var report = await compute.HandleAsync(month, ReportScope.All, null, ComputeMonthlyReport.DefaultBreachListLimit, cancellationToken)
            .ConfigureAwait(false);
        using var pdfFile = new MemoryStream();
        await pdf.RenderAsync(report, branding, $"{author} (cierre del mes, versión {version})", pdfFile, null, cancellationToken)
            .ConfigureAwait(false);
        using var csvFile = new MemoryStream();
        await csv.WriteAsync(month, csvFile, cancellationToken).ConfigureAwait(false);

        var closure = new MonthClosure(
            month, version, report.AsOf, closedById, reason, MonthlyReportJson.Serialize(report), pdfFile.ToArray(), csvFile.ToArray());
        var queued = new List<PortalNotification>();
        StepOutcome outcome;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            // Not cancelled half-way once the figures are computed: the store is short.
            outcome = await ExactlyOnce.RunAsync(db, async ct =>
            {
                queued.Clear();
                db.Set<MonthClosure>().Add(closure);
                if (version > 1)
                {
                    db.ConfigurationChanges.Add(new ConfigurationChange(
                        closure.ClosedAt, closedById, ConfigurationAreas.MonthClosure, $"{ReportFormat.MonthTitle(month)}: versión {version}",
                        $"Versión {version - 1}", $"Versión {version} (PDF SHA-256 {closure.PdfSha256}; CSV SHA-256 {closure.CsvSha256})", reason));
                }

                await QueueNoticesAsync(db, closure, queued, ct).ConfigureAwait(false);
                return StepOutcome.Done;
            },
            // Another instance (or another coordinator) stored this version first: the unique (month, version) refused ours.
            recordedElsewhere: async () =>
            {
                await using var check = await contextFactory.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false);
                return await LatestVersionAsync(check, month, CancellationToken.None).ConfigureAwait(false) >= version;
            },
            CancellationToken.None).ConfigureAwait(false);
        }

        if (outcome != StepOutcome.Done)
        {
            LogStoredElsewhere(logger, month.ToString(), version);
            return null;
        }

        LogClosed(logger, month.ToString(), version, closedById is null);
        try
        {
            await notifier.PushAsync(queued, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The closing is committed; a lost live push only waits for the next page load.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogPushFailed(logger, ex);
        }

        return closure;
    }

    /// <summary>Tells every active coordinator (portal notice, and e-mail unless they switched it off).</summary>
    private async Task QueueNoticesAsync(MesaDbContext db, MonthClosure closure, List<PortalNotification> queued, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var monthName = ReportFormat.MonthName(closure.Month);
        var path = ReportLink(closure.Month);
        var link = composer.AbsoluteLink(path);
        var template = closure.Version == 1 ? "MonthClosed" : "MonthClosed.Again";
        foreach (var coordinator in await Recipients.CoordinatorsAsync(db, cancellationToken).ConfigureAwait(false))
        {
            var person = coordinator.PersonId!.Value;
            var key = $"month-closed:{closure.Month}:v{closure.Version}:{person:N}";
            if (!string.IsNullOrWhiteSpace(coordinator.Email)
                && !await EmailPreferences.OptedOutAsync(db, person, MessageKind.MonthClosed, cancellationToken).ConfigureAwait(false))
            {
                var body = NoticeComposer.Text(template, "Body", null, link, monthName, closure.Version, closure.Reason);
                db.OutboxMessages.Add(new OutboxMessage(
                    "mail:" + key, MessageKind.MonthClosed, null, person, coordinator.Email.Trim(),
                    NoticeComposer.Text(template, "Subject", null, link, monthName, closure.Version, closure.Reason),
                    NoticeComposer.PlainText(body), NoticeComposer.Html(body, link), now));
            }

            var notice = new PortalNotification(
                "portal:" + key, person, MessageKind.MonthClosed, null, null,
                NoticeComposer.Text(template, "Portal", null, path, monthName, closure.Version, closure.Reason), now);
            db.PortalNotifications.Add(notice);
            queued.Add(notice);
        }
    }

    [LoggerMessage(EventId = 5031, Level = LogLevel.Information, Message = "Closed the results of {Month}: version {Version} (automatic: {Automatic})")]
    private static partial void LogClosed(ILogger logger, string month, int version, bool automatic);

    [LoggerMessage(EventId = 5032, Level = LogLevel.Information, Message = "Version {Version} of {Month} was stored by another instance")]
    private static partial void LogStoredElsewhere(ILogger logger, string month, int version);

    [LoggerMessage(EventId = 5033, Level = LogLevel.Warning, Message = "The live notices of a month's closing were not pushed (they wait in the inbox)")]
    private static partial void LogPushFailed(ILogger logger, Exception exception);
}
