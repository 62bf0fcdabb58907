using MesaServicio.Core.Calendar;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.TimedWork;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Core.Reports.Closing;

/// <summary>When a month closes: a pure function of the month and the business calendar.</summary>
public static class MonthClosingSchedule
{
    /// <summary>
    /// The opening of business on the first business day after <paramref name="month"/> ends (e.g. 30 November 2026
    /// closes on Tuesday 1 December 2026 at 08:00 in Bogotá; October 2026 on Tuesday 3 November, the 1st being a Sunday
    /// and the 2nd a holiday). Should the next month have no business day at all, the start of the month after it.
    /// </summary>
    public static DateTimeOffset ClosesAt(YearMonth month, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var next = month.AddMonths(1);
        for (var day = next.FirstDay; day <= next.LastDay; day = day.AddDays(1))
        {
            if (calendar.IsBusinessDay(day) && calendar.WeeklyHours.TryGetValue(day.DayOfWeek, out var hours) && hours.Count > 0)
            {
                var wall = day.ToDateTime(hours[0].Start, DateTimeKind.Unspecified);
                if (calendar.TimeZone.IsInvalidTime(wall))
                {
                    wall = wall.AddHours(1);
                }

                return new DateTimeOffset(wall, calendar.TimeZone.GetUtcOffset(wall)).ToUniversalTime();
            }
        }

        return next.AddMonths(1).Bounds(calendar).From;
    }
}

/// <summary>
/// The month's closing as timed work (issue #15): from the opening of business on the first business day after a month
/// ends, the month is frozen once (<see cref="FreezeMonth"/>, version 1). Every run also catches up: each ended month
/// whose closing time has passed and that has no version yet is closed, oldest first — a portal that was down on the
/// closing day closes the month at its next start. The catch-up is bounded: months from the one of the first case
/// on, and at most the last <see cref="MaxCatchUpMonths"/>. Several instances: the lease (decision 0013) spares the
/// duplicated work, the unique (month, version) keeps the closing single (decision 0012). Once every due month is
/// closed the instance remembers it, and a run costs nothing until the next month's closing time.
/// </summary>
public sealed partial class MonthClosing(
    IDbContextFactory<MesaDbContext> contextFactory,
    IBusinessCalendarProvider calendars,
    TimeProvider time,
    FreezeMonth freeze,
    ILogger<MonthClosing> logger) : ITimedWork
{
    /// <summary>How many ended months back the catch-up looks at most.</summary>
    public const int MaxCatchUpMonths = 12;

    /// <summary>The latest due month known to be closed with every one before it (a month index), or -1.</summary>
    private int _closedThrough = -1;

    public string Name => "Cierre del mes";

    /// <summary>Before the monthly e-mail (50).</summary>
    public int Order => 45;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var calendar = calendars.Current;
        var now = time.GetUtcNow();
        var current = YearMonth.Containing(now, calendar);
        var lastEnded = current.AddMonths(-1);
        var lastDue = MonthClosingSchedule.ClosesAt(lastEnded, calendar) <= now ? lastEnded : lastEnded.AddMonths(-1);
        if (Volatile.Read(ref _closedThrough) == Index(lastDue))
        {
            return 0;
        }

        List<YearMonth> missing;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            var firstCase = await db.Cases.AsNoTracking().OrderBy(c => c.ReceivedAt).Select(c => (DateTimeOffset?)c.ReceivedAt)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            var earliest = current.AddMonths(-MaxCatchUpMonths);
            if (firstCase is { } first && Index(YearMonth.Containing(first, calendar)) > Index(earliest))
            {
                earliest = YearMonth.Containing(first, calendar);
            }

            // One row per closed month (version 1): a few dozen at most.
            var closed = (await db.Set<MonthClosure>().AsNoTracking().Where(c => c.Version == 1).Select(c => c.Month)
                .ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
            missing = firstCase is null
                ? []
                : Enumerable.Range(0, Math.Max(0, Index(lastDue) - Index(earliest) + 1))
                    .Select(earliest.AddMonths).Where(m => !closed.Contains(m)).ToList();
        }

        var count = 0;
        foreach (var month in missing)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!month.Equals(lastEnded))
            {
                LogCatchingUp(logger, month.ToString());
            }

            if (await freeze.CloseAsync(month, cancellationToken).ConfigureAwait(false) is not null)
            {
                count++;
            }
        }

        Volatile.Write(ref _closedThrough, Index(lastDue));
        return count;
    }

    private static int Index(YearMonth month) => (month.Year * 12) + month.Month - 1;

    [LoggerMessage(EventId = 5034, Level = LogLevel.Information, Message = "Closing {Month}, whose closing day was missed")]
    private static partial void LogCatchingUp(ILogger logger, string month);
}
