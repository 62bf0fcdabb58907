using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using MesaServicio.Core.TimedWork;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Core.Surveys;

/// <summary>
/// Third survey-window step: closes the case "sin respuesta" once the window ended. The case's version makes it
/// happen once (the close goes through <see cref="CaseCommandRunner"/>); see <see cref="SurveyWindow"/>.
/// </summary>
public sealed partial class SurveyClosingSweep(
    IDbContextFactory<MesaDbContext> contextFactory,
    TimeProvider time,
    CaseCommandRunner runner,
    NoticeComposer composer,
    IPortalNotifier notifier,
    ILogger<SurveyClosingSweep> logger) : ITimedWork
{
    public string Name => nameof(SurveyClosingSweep);

    public int Order => 11;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<WindowRow> ended;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            ended = await db.Cases.AsNoTracking()
                .Where(c => (c.Status == CaseStatus.Resolved || c.Status == CaseStatus.Rejected)
                    && c.SurveyDueAt != null && c.SurveyDueAt <= now)
                .OrderBy(c => c.SurveyDueAt)
                .Select(c => new WindowRow(c.Id, c.Number, c.Version, c.RequesterId, c.SurveyRound, c.SurveyDueAt!.Value))
                .Take(SurveyWindow.BatchSize)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var closed = await SurveyWindow.EachAsync(ended, CloseOneAsync, cancellationToken).ConfigureAwait(false);
        if (closed > 0)
        {
            LogClosed(logger, closed);
        }

        return closed;
    }

    /// <summary>
    /// Closes through the same runner as a person's command, as the desk, on the version read: if the requester
    /// answered (or another instance closed it) in the meantime, the version no longer matches and nothing is written.
    /// </summary>
    private async Task<bool> CloseOneAsync(WindowRow row)
    {
        PortalNotification? portal = null;
        try
        {
            await runner.ExecuteAsync(row.Number, row.Version, CurrentUser.System, CaseOperationKind.Close, async (c, ctx, db) =>
            {
                var round = c.SurveyRound;
                c.CloseWithoutAnswer(ctx);
                var recipient = await Recipients.RequesterAsync(db, c.RequesterId, CancellationToken.None).ConfigureAwait(false);
                portal = recipient is null ? null : await composer.QueueAsync(db, new Notice(
                    $"survey-closed:{c.Id:N}:{round}", MessageKind.SurveyClosedWithoutAnswer, c.Id, c.Number, recipient,
                    Recipients.CaseLink(c)), ctx.Now, CancellationToken.None).ConfigureAwait(false);
            }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (DomainException ex)
        {
            // Includes ConcurrencyConflictException: someone answered, or another instance closed it, first.
            LogNotClosed(logger, row.Number, ex.Rule);
            return false;
        }
        catch (DbUpdateException)
        {
            // Another instance's close committed between this one's read and write (its notice's key was taken).
            if (!await SurveyWindow.StillInWindowAsync(contextFactory, row.CaseId, row.Round).ConfigureAwait(false))
            {
                SurveyWindow.LogAlreadyDone(logger, "closing", row.Number);
                return false;
            }

            throw;
        }

        await SurveyWindow.PushAsync(notifier, logger, portal).ConfigureAwait(false);
        return true;
    }

    [LoggerMessage(EventId = 5116, Level = LogLevel.Information, Message = "Survey sweep: {Closed} closed without answer")]
    private static partial void LogClosed(ILogger logger, int closed);

    [LoggerMessage(EventId = 5113, Level = LogLevel.Debug, Message = "Case {CaseNumber} not closed without answer: {Rule}")]
    private static partial void LogNotClosed(ILogger logger, string caseNumber, string rule);
}
