using MesaServicio.Core.Calendar;
using MesaServicio.Core.Common;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Reports;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Improvement;

/// <summary>A new improvement action as the form sends it: case numbers (e.g. <c>MS-2026-000123</c>), the responsible's id.</summary>
public sealed record CreateImprovementActionCommand(
    string? Title,
    string? Description,
    ImprovementOrigin Origin,
    YearMonth? OriginMonth,
    IReadOnlyList<string> CaseNumbers,
    Guid? ResponsibleId,
    DateOnly? DueOn);

/// <summary>
/// Records an improvement action (leads and the coordinator): checks the origin cases exist and are within the person's
/// reach, that the responsible is active staff, gives it the year's next number (<c>AM-2026-0001</c>), audits it and tells
/// the responsible, all in one save.
/// </summary>
public sealed class CreateImprovementAction(
    IDbContextFactory<MesaDbContext> contextFactory,
    IBusinessCalendarProvider calendars,
    TimeProvider time,
    CaseGuard guard,
    ImprovementNotices notices,
    IPortalNotifier notifier)
{
    private const int NumberAttempts = 5;

    public async Task<ImprovementActionRow> HandleAsync(CreateImprovementActionCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(user);
        guard.Demand(user, GlobalOperation.ManageImprovementActions);
        var calendar = calendars.Current;
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow();
            var today = ImprovementNotices.Today(calendar, now);
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var caseIds = await CaseIdsAsync(db, user, command.CaseNumbers, cancellationToken).ConfigureAwait(false);
            if (command.ResponsibleId is { } responsible && responsible != Guid.Empty)
            {
                await RequireStaffAsync(db, responsible, cancellationToken).ConfigureAwait(false);
            }

            var year = today.Year;
            var sequence = 1 + (await db.ImprovementActions.Where(a => a.Year == year).MaxAsync(a => (int?)a.Sequence, cancellationToken).ConfigureAwait(false) ?? 0);
            var action = ImprovementAction.Create(
                new ImprovementActionDraft(command.Title, command.Description, command.Origin, command.OriginMonth, caseIds,
                    command.ResponsibleId ?? Guid.Empty, command.DueOn),
                year, sequence, today, user.PersonId, now);
            db.ImprovementActions.Add(action);
            ImprovementAudit.Add(db, now, user.PersonId, action, null, null);
            var notice = await notices.QueueAsync(
                db, action, MessageKind.ImprovementActionAssigned, $"improvement-assigned:{action.Id:N}:v{action.Version}", user.PersonId, now, cancellationToken)
                .ConfigureAwait(false);
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

            var rows = await ImprovementRows.LoadAsync(db, db.ImprovementActions.AsNoTracking().Where(a => a.Id == action.Id), today, cancellationToken)
                .ConfigureAwait(false);
            return rows.Single();
        }
    }

    /// <summary>The cases by number, each one required to exist and to be within the person's reach (same answer otherwise).</summary>
    internal async Task<List<Guid>> CaseIdsAsync(MesaDbContext db, CurrentUser user, IReadOnlyList<string> numbers, CancellationToken cancellationToken)
    {
        var wanted = numbers.Select(n => n.Trim().ToUpperInvariant()).Where(n => n.Length > 0).Distinct().ToList();
        var found = await db.Cases.AsNoTracking().Where(c => wanted.Contains(c.Number))
            .Select(c => new { c.Id, c.Number, c.RequesterId, c.FiledById, c.AssigneeId, c.AssignedGroupId, c.CategoryId })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var scope = await AccessScopes.LoadAsync(db, user, cancellationToken).ConfigureAwait(false);
        var ids = new List<Guid>();
        foreach (var number in wanted)
        {
            var c = found.SingleOrDefault(f => f.Number == number) ?? throw new DomainException(ImprovementRules.CaseNotFound, number);
            var facts = await CaseGuard.FactsAsync(db, c.RequesterId, c.FiledById, c.AssigneeId, c.AssignedGroupId, c.CategoryId, cancellationToken)
                .ConfigureAwait(false);
            if (CaseAccess.Decide(user, scope, facts, CaseOperationKind.View) != AccessDecision.Allowed)
            {
                throw new DomainException(ImprovementRules.CaseNotFound, number);
            }

            ids.Add(c.Id);
        }

        return ids;
    }

    /// <summary>The responsible must be an active technician, lead or coordinator.</summary>
    internal static async Task RequireStaffAsync(MesaDbContext db, Guid personId, CancellationToken cancellationToken)
    {
        var staff = CaseAccess.StaffRoles;
        var ok = await db.People.AnyAsync(p => p.Id == personId && p.IsActive && (p.Roles & staff) != 0, cancellationToken).ConfigureAwait(false);
        if (!ok)
        {
            throw new DomainException(ImprovementRules.ResponsibleNotStaff);
        }
    }
}
