using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.People;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Problems;

/// <summary>A new problem as the form sends it: the incidents by number (maybe none).</summary>
public sealed record CreateProblemCommand(
    string? Title, string? Description, int? CategoryId, Impact? Impact, Urgency? Urgency, Guid? ResponsibleId, IReadOnlyList<string> IncidentNumbers);

/// <summary>
/// Registers a problem (any staff member: agents, leads, the coordinator), from incidents within the person's reach or on
/// its own: its priority from the entity's matrix, the year's next number (<c>PR-2026-000012</c>), and a notice to the
/// responsible lead, all in one save.
/// </summary>
public sealed class CreateProblem(
    IDbContextFactory<MesaDbContext> contextFactory,
    IBusinessCalendarProvider calendars,
    TimeProvider time,
    GetPriorityMatrix matrix,
    IPortalNotifier notifier)
{
    private const int NumberAttempts = 5;

    public async Task<string> HandleAsync(CreateProblemCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(user);
        if (!ProblemAccess.Opens(user))
        {
            throw new ForbiddenException(DomainMessages.Get("Permission.ManageProblems"));
        }

        var priorities = await matrix.HandleAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow();
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            if (command.CategoryId is { } categoryId
                && !await db.Categories.AnyAsync(c => c.Id == categoryId && c.IsActive, cancellationToken).ConfigureAwait(false))
            {
                throw new DomainException(ProblemRules.CategoryUnknown);
            }

            if (command.ResponsibleId is { } responsible && responsible != Guid.Empty)
            {
                await RequireLeadAsync(db, responsible, cancellationToken).ConfigureAwait(false);
            }

            var incidents = await IncidentIdsAsync(db, user, command.IncidentNumbers, cancellationToken).ConfigureAwait(false);
            var year = calendars.Current.ToLocal(now).Year;
            var sequence = 1 + (await db.Problems.Where(p => p.Year == year).MaxAsync(p => (int?)p.Sequence, cancellationToken).ConfigureAwait(false) ?? 0);
            var priority = command.Impact is { } impact && command.Urgency is { } urgency && Enum.IsDefined(impact) && Enum.IsDefined(urgency)
                ? priorities.For(impact, urgency)
                : CasePriority.Medium;
            var problem = Problem.Create(
                new ProblemDraft(command.Title, command.Description, command.CategoryId, command.Impact, command.Urgency, command.ResponsibleId),
                priority, year, sequence, incidents, user.PersonId, now);
            db.Problems.Add(problem);
            PortalNotification? notice = null;
            if (problem.ResponsibleId != user.PersonId)
            {
                notice = new PortalNotification(
                    $"problem-assigned:{problem.Id:N}:{problem.ResponsibleId:N}", problem.ResponsibleId, MessageKind.ProblemAssigned, null, problem.Number,
                    DomainMessages.Get("Problem.Notice.Assigned", problem.Number, problem.Title), now);
                db.PortalNotifications.Add(notice);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException) when (attempt < NumberAttempts)
            {
                // Someone took the same number at the same moment: read the year's last one again.
                continue;
            }

            if (notice is not null)
            {
                await notifier.PushAsync([notice], CancellationToken.None).ConfigureAwait(false);
            }

            return problem.Number;
        }
    }

    /// <summary>The incidents by number: each must exist, be within the person's reach (same answer otherwise) and be an incident.</summary>
    internal static async Task<List<Guid>> IncidentIdsAsync(MesaDbContext db, CurrentUser user, IReadOnlyList<string> numbers, CancellationToken cancellationToken)
    {
        var wanted = numbers.Select(n => n.Trim().ToUpperInvariant()).Where(n => n.Length > 0).Distinct().ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        var found = await db.Cases.AsNoTracking().Where(c => wanted.Contains(c.Number))
            .Select(c => new { c.Id, c.Number, c.Kind, c.RequesterId, c.FiledById, c.AssigneeId, c.AssignedGroupId, c.CategoryId })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var scope = await AccessScopes.LoadAsync(db, user, cancellationToken).ConfigureAwait(false);
        var ids = new List<Guid>();
        foreach (var number in wanted)
        {
            var c = found.SingleOrDefault(f => f.Number == number) ?? throw new DomainException(ProblemRules.CaseNotFound, number);
            var facts = await CaseGuard.FactsAsync(db, c.RequesterId, c.FiledById, c.AssigneeId, c.AssignedGroupId, c.CategoryId, cancellationToken)
                .ConfigureAwait(false);
            if (!user.IsStaff || CaseAccess.Decide(user, scope, facts, CaseOperationKind.View) != AccessDecision.Allowed)
            {
                throw new DomainException(ProblemRules.CaseNotFound, number);
            }

            if (c.Kind != CaseKind.Incident)
            {
                throw new DomainException(ProblemRules.NotAnIncident, number);
            }

            ids.Add(c.Id);
        }

        return ids;
    }

    /// <summary>The responsible must be an active technical lead or coordinator.</summary>
    internal static async Task RequireLeadAsync(MesaDbContext db, Guid personId, CancellationToken cancellationToken)
    {
        var roles = PersonRoles.TechnicalLead | PersonRoles.Coordinator;
        if (!await db.People.AnyAsync(p => p.Id == personId && p.IsActive && (p.Roles & roles) != 0, cancellationToken).ConfigureAwait(false))
        {
            throw new DomainException(ProblemRules.ResponsibleNotLead);
        }
    }
}
