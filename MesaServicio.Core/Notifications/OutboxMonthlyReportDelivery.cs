using MesaServicio.Core.Persistence;
using MesaServicio.Core.Reports;
using MesaServicio.Core.TimedWork;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Core.Notifications;

/// <summary>
/// Delivers the monthly report by e-mail: one outbox message to every active coordinator, with the PDF and
/// the CSV attached and a link to the month's page, under the key <c>monthly-report:{yyyy-MM}:{person}</c> so
/// that nobody gets a month twice, whichever instance queues it and however often.
/// </summary>
public sealed partial class OutboxMonthlyReportDelivery(
    IDbContextFactory<MesaDbContext> contextFactory,
    NoticeComposer composer,
    TimeProvider time,
    ILogger<OutboxMonthlyReportDelivery> logger) : IMonthlyReportDelivery
{
    /// <summary>The page the message links to.</summary>
    public const string ReportPath = "/reportes/mensual";

    /// <summary>The outbox key of one coordinator's message for one month.</summary>
    public static string DedupKey(YearMonth month, Guid personId) => $"monthly-report:{month}:{personId:N}";

    /// <summary>The active coordinators (with an address) who have no message for <paramref name="month"/> in the outbox yet.</summary>
    public static async Task<IReadOnlyList<NoticeRecipient>> PendingRecipientsAsync(
        MesaDbContext db, YearMonth month, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var coordinators = (await Recipients.CoordinatorsAsync(db, cancellationToken).ConfigureAwait(false))
            .Where(c => c.PersonId is not null && !string.IsNullOrWhiteSpace(c.Email))
            .ToList();
        var keys = coordinators.Select(c => DedupKey(month, c.PersonId!.Value)).ToList();
        var queued = await db.OutboxMessages.AsNoTracking().Where(m => keys.Contains(m.DedupKey))
            .Select(m => m.DedupKey).ToListAsync(cancellationToken).ConfigureAwait(false);
        return coordinators.Where(c => !queued.Contains(DedupKey(month, c.PersonId!.Value))).ToList();
    }

    public async Task DeliverAsync(MonthlyReportMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var month = mail.Report.Month;
        var monthName = ReportFormat.MonthName(month);
        var link = composer.AbsoluteLink(ReportPath + "?mes=" + month);
        var subject = NoticeComposer.Text(MessageKind.MonthlyReport, "Subject", null, link, monthName);
        var body = NoticeComposer.Text(MessageKind.MonthlyReport, "Body", null, link, monthName);
        var pdf = mail.Pdf.ToArray();
        var csv = mail.Csv.ToArray();
        var count = 0;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var outcome = await ExactlyOnce.RunAsync(db, async ct =>
        {
            var recipients = await PendingRecipientsAsync(db, month, ct).ConfigureAwait(false);
            count = recipients.Count;
            var now = time.GetUtcNow();
            foreach (var recipient in recipients)
            {
                var message = new OutboxMessage(
                    DedupKey(month, recipient.PersonId!.Value), MessageKind.MonthlyReport, null, recipient.PersonId, recipient.Email.Trim(),
                    subject, NoticeComposer.PlainText(body), NoticeComposer.Html(body, link), now);
                message.Attach(mail.PdfFileName, "application/pdf", pdf);
                message.Attach(mail.CsvFileName, "text/csv; charset=utf-8", csv);
                db.OutboxMessages.Add(message);
            }

            return count == 0 ? StepOutcome.NothingToDo : StepOutcome.Done;
        },
        // Another instance queued the month at the same moment (the unique key refused ours): done, if nobody is left.
        recordedElsewhere: async () =>
        {
            await using var check = await contextFactory.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false);
            return (await PendingRecipientsAsync(check, month, CancellationToken.None).ConfigureAwait(false)).Count == 0;
        },
        cancellationToken).ConfigureAwait(false);

        if (outcome == StepOutcome.DoneElsewhere)
        {
            LogQueuedElsewhere(logger, month.ToString());
        }
        else if (outcome == StepOutcome.Done)
        {
            LogQueued(logger, month.ToString(), count);
        }
    }

    [LoggerMessage(EventId = 5011, Level = LogLevel.Information, Message = "Queued the monthly report of {Month} for {Count} coordinator(s)")]
    private static partial void LogQueued(ILogger logger, string month, int count);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Information, Message = "The monthly report of {Month} was queued by another instance")]
    private static partial void LogQueuedElsewhere(ILogger logger, string month);
}
