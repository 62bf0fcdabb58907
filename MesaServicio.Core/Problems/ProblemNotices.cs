using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Core.Problems;

/// <summary>
/// Tells the people of a problem's open linked incidents that it has a workaround or a solution: each assignee gets a portal
/// notice to apply it from the case page, and each requester a message in her case's conversation (with its notice and
/// e-mail, as every desk message), spoken by the desk. Runs after the problem's change committed; a case that closed in
/// the meantime is passed over.
/// </summary>
public sealed partial class ProblemNotices(
    IDbContextFactory<MesaDbContext> contextFactory,
    CaseCommandRunner cases,
    IPortalNotifier notifier,
    TimeProvider time,
    ILogger<ProblemNotices> logger)
{
    /// <summary>Where a problem is read.</summary>
    public static string Link(string number) => "/problemas/" + number;

    /// <summary>Whether a notice is about a problem (its link goes to the problem, not to a case).</summary>
    public static bool IsProblemKind(MessageKind kind) => kind == MessageKind.ProblemAssigned;

    public async Task TellAsync(Guid problemId, ProblemNews news, IReadOnlyList<Guid>? only, CancellationToken cancellationToken)
    {
        if (news == ProblemNews.None)
        {
            return;
        }

        var open = Case.OpenStatuses.ToList();
        List<(Guid Id, string Number, Guid? AssigneeId)> incidents;
        string number;
        int version;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            var problem = await db.Problems.AsNoTracking().Where(p => p.Id == problemId).Select(p => new { p.Number, p.Version })
                .SingleAsync(cancellationToken).ConfigureAwait(false);
            (number, version) = (problem.Number, problem.Version);
            var rows = await (
                    from i in db.ProblemIncidents.AsNoTracking()
                    where i.ProblemId == problemId && i.UnlinkedAt == null
                    join c in db.Cases.AsNoTracking() on i.CaseId equals c.Id
                    where open.Contains(c.Status)
                    select new { c.Id, c.Number, c.AssigneeId })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            incidents = [.. rows.Where(r => only is null || only.Contains(r.Id)).Select(r => (r.Id, r.Number, r.AssigneeId))];
        }

        var told = DomainMessages.Get(news == ProblemNews.Workaround ? "Problem.Tell.Workaround" : "Problem.Tell.Solution", number);
        foreach (var incident in incidents)
        {
            try
            {
                await cases.ExecuteAsync(incident.Number, null, CurrentUser.System, CaseOperationKind.Comment,
                    (c, ctx) => c.TellAboutProblem(told, ctx), cancellationToken).ConfigureAwait(false);
            }
            catch (DomainException)
            {
                // Closed between the read and now: nothing to tell her about it any more.
                LogCaseNotOpen(logger, incident.Id, problemId);
            }
        }

        var now = time.GetUtcNow();
        var notices = new List<PortalNotification>();
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var incident in incidents.Where(i => i.AssigneeId is not null))
            {
                var notice = new PortalNotification(
                    $"problem-fix:{problemId:N}:{news}:v{version}:{incident.Id:N}", incident.AssigneeId!.Value, MessageKind.ProblemFixAvailable,
                    incident.Id, incident.Number,
                    DomainMessages.Get(news == ProblemNews.Workaround ? "Problem.Notice.Workaround" : "Problem.Notice.Solution", number, incident.Number), now);
                db.PortalNotifications.Add(notice);
                notices.Add(notice);
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        await notifier.PushAsync(notices, CancellationToken.None).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 9301, Level = LogLevel.Information, Message = "Case {CaseId} of problem {ProblemId} was no longer open to be told of it")]
    private static partial void LogCaseNotOpen(ILogger logger, Guid caseId, Guid problemId);
}
