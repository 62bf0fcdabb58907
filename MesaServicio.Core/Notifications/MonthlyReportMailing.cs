using MesaServicio.Core.Calendar;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Reports;
using MesaServicio.Core.Reports.Pdf;
using MesaServicio.Core.TimedWork;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Core.Notifications;

/// <summary>
/// Sends the previous month's report to the coordinators on the first business day of each month, from the
/// opening of business that day (e.g. Tuesday 3 November 2026 from 08:00 in Bogotá, the 1st being a Sunday
/// and the 2nd a holiday). Before computing anything it checks the outbox: once every coordinator's message
/// for the month is queued, a run costs one small query. Runs before the outbox so the report goes out in the
/// same round.
/// </summary>
public sealed partial class MonthlyReportMailing(
    IDbContextFactory<MesaDbContext> contextFactory,
    IBusinessCalendarProvider calendars,
    TimeProvider time,
    ComputeMonthlyReport compute,
    MonthlyReportPdf pdf,
    MonthlyCasesCsv csv,
    IMonthlyReportDelivery delivery,
    ReportBranding branding,
    ILogger<MonthlyReportMailing> logger) : ITimedWork
{
    /// <summary>Printed in the PDF's footer as who generated it.</summary>
    public const string GeneratedBy = "Mesa de Servicio (envío automático)";

    public string Name => "Informe mensual por correo";

    public int Order => 50;

    /// <summary>Queues the month's report when it is due and not yet queued; returns 1 when it did.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var calendar = calendars.Current;
        var now = time.GetUtcNow();
        if (!IsDue(now, calendar))
        {
            return 0;
        }

        var month = MonthlyReportSchedule.MonthToReport(now, calendar);
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            var pending = await OutboxMonthlyReportDelivery.PendingRecipientsAsync(db, month, cancellationToken).ConfigureAwait(false);
            if (pending.Count == 0)
            {
                return 0;
            }
        }

        // The desk's own computation (no user): the coordinators are the only recipients.
        var report = await compute.HandleAsync(month, cancellationToken).ConfigureAwait(false);
        using var pdfFile = new MemoryStream();
        await pdf.RenderAsync(report, branding, GeneratedBy, pdfFile, null, cancellationToken).ConfigureAwait(false);
        using var csvFile = new MemoryStream();
        await csv.WriteAsync(month, csvFile, cancellationToken).ConfigureAwait(false);

        await delivery.DeliverAsync(
            new MonthlyReportMail(
                report,
                MonthlyReportSchedule.FileName(month, "pdf"), pdfFile.ToArray(),
                MonthlyReportSchedule.FileName(month, "csv"), csvFile.ToArray()),
            cancellationToken).ConfigureAwait(false);
        LogDelivered(logger, month.ToString());
        return 1;
    }

    /// <summary>On the month's first business day (local time), from the start of that day's business hours.</summary>
    public static bool IsDue(DateTimeOffset now, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (!MonthlyReportSchedule.IsFirstBusinessDayOfMonth(now, calendar))
        {
            return false;
        }

        var local = calendar.ToLocal(now);
        return calendar.WeeklyHours.TryGetValue(local.DayOfWeek, out var hours) && hours.Count > 0
            && TimeOnly.FromDateTime(local.DateTime) >= hours[0].Start;
    }

    [LoggerMessage(EventId = 5021, Level = LogLevel.Information, Message = "Monthly report of {Month} handed to delivery")]
    private static partial void LogDelivered(ILogger logger, string month);
}
