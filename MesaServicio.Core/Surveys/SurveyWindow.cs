using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Core.Surveys;

/// <summary>
/// What the three survey-window sweeps share (procedure activity 6): <see cref="SurveyInvitationSweep"/>,
/// <see cref="SurveyReminderSweep"/> and <see cref="SurveyClosingSweep"/>, which run in that order. Each case is
/// done in its own short transaction whose record makes the step happen once, however many instances run it and
/// however often: the invitation row (key: case and round), the reminder's claim on that row, and the case's
/// version. The notices are written in the same transaction (outbox and portal inbox).
/// </summary>
internal static partial class SurveyWindow
{
    /// <summary>Most cases one step takes per run; the rest wait for the next run.</summary>
    public const int BatchSize = 200;

    public static async Task<(NoticeRecipient? Recipient, bool HasAccount)> RequesterAsync(MesaDbContext db, Guid requesterId)
    {
        var recipient = await Recipients.RequesterAsync(db, requesterId, CancellationToken.None).ConfigureAwait(false);
        var hasAccount = await db.People.AsNoTracking().Where(p => p.Id == requesterId).Select(p => p.ExternalObjectId != null)
            .SingleOrDefaultAsync(CancellationToken.None).ConfigureAwait(false);
        return (recipient, hasAccount);
    }

    /// <summary>Whether the case is still waiting for this round's answer (not answered, closed or reopened).</summary>
    public static Task<bool> StillInWindowAsync(MesaDbContext db, Guid caseId, int round) =>
        db.Cases.AsNoTracking().AnyAsync(
            c => c.Id == caseId && c.SurveyRound == round && (c.Status == CaseStatus.Resolved || c.Status == CaseStatus.Rejected)
                && !db.SurveyResponses.Any(r => r.CaseId == caseId && r.Round == round),
            CancellationToken.None);

    public static async Task<bool> StillInWindowAsync(IDbContextFactory<MesaDbContext> contextFactory, Guid caseId, int round)
    {
        await using var db = await contextFactory.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false);
        return await StillInWindowAsync(db, caseId, round).ConfigureAwait(false);
    }

    public static string WindowEnd(BusinessCalendar calendar, DateTimeOffset due) => NoticeComposer.FormatInstant(calendar.ToLocal(due));

    /// <summary>The inbox is the truth; a live push that fails only delays the notice to the next page load.</summary>
    public static async Task PushAsync(IPortalNotifier notifier, ILogger logger, PortalNotification? portal)
    {
        if (portal is null)
        {
            return;
        }

        try
        {
            await notifier.PushAsync([portal], CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The change is committed; a failed live push must not fail the sweep.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogPushFailed(logger, ex);
        }
    }

    /// <summary>Runs <paramref name="one"/> on each listed case, stopping between cases when asked; counts those done.</summary>
    public static async Task<int> EachAsync(IReadOnlyList<WindowRow> rows, Func<WindowRow, Task<bool>> one, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await one(row).ConfigureAwait(false))
            {
                count++;
            }
        }

        return count;
    }

    [LoggerMessage(EventId = 5112, Level = LogLevel.Debug, Message = "Survey {Step} of case {CaseNumber} already done by another instance")]
    public static partial void LogAlreadyDone(ILogger logger, string step, string caseNumber);

    [LoggerMessage(EventId = 5114, Level = LogLevel.Warning, Message = "Live push of a survey notice failed; it waits in the inbox")]
    private static partial void LogPushFailed(ILogger logger, Exception exception);
}

/// <summary>What one step needs of a case in its survey window.</summary>
internal sealed record WindowRow(Guid CaseId, string Number, int Version, Guid RequesterId, int Round, DateTimeOffset DueAt, CaseStatus? Status = null);
