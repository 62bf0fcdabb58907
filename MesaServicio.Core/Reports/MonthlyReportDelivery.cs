using MesaServicio.Core.Calendar;

namespace MesaServicio.Core.Reports;

/// <summary>The monthly report as it goes out by e-mail: the month, the figures, and its PDF and CSV files.</summary>
public sealed record MonthlyReportMail(
    MonthlyReport Report,
    string PdfFileName,
    ReadOnlyMemory<byte> Pdf,
    string CsvFileName,
    ReadOnlyMemory<byte> Csv);

/// <summary>
/// Sends the previous month's report to the coordinator on the first business day of each month. The seam
/// only: delivery by e-mail (MailKit) and the hosted service that calls it on schedule come in a later
/// issue; <see cref="MonthlyReportSchedule"/> already says when.
/// </summary>
public interface IMonthlyReportDelivery
{
    Task DeliverAsync(MonthlyReportMail mail, CancellationToken cancellationToken);
}

/// <summary>When the monthly report is due: pure functions of an instant and the business calendar.</summary>
public static class MonthlyReportSchedule
{
    /// <summary>
    /// Whether <paramref name="instant"/> falls, in the calendar's local time, on the first business day of
    /// its month (e.g. Tuesday 3 November 2026: the 1st is a Sunday and Monday the 2nd a holiday).
    /// </summary>
    public static bool IsFirstBusinessDayOfMonth(DateTimeOffset instant, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var local = calendar.ToLocal(instant);
        var today = new DateOnly(local.Year, local.Month, local.Day);
        if (!calendar.IsBusinessDay(today))
        {
            return false;
        }

        for (var day = new DateOnly(today.Year, today.Month, 1); day < today; day = day.AddDays(1))
        {
            if (calendar.IsBusinessDay(day))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The month a report sent at <paramref name="instant"/> covers: the one before the local month of the instant.</summary>
    public static YearMonth MonthToReport(DateTimeOffset instant, BusinessCalendar calendar) =>
        YearMonth.Containing(instant, calendar).AddMonths(-1);

    /// <summary>File names for the month, e.g. <c>informe-mensual-2026-11.pdf</c>.</summary>
    public static string FileName(YearMonth month, string extension) => "informe-mensual-" + month + "." + extension;
}
