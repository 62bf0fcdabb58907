using MesaServicio.Core.Calendar;
using MesaServicio.Core.Catalog;
using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Routing;
using MesaServicio.Core.Security;
using MesaServicio.Core.Sla;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Cases;

/// <summary>A new case (activity 1), from the portal, an agent on someone's behalf, or the PQRS intake.</summary>
public sealed record RegisterCaseCommand(
    CaseKind Kind,
    int CategoryId,
    string Subject,
    string Description,
    Impact Impact,
    Urgency Urgency,
    CaseChannel Channel,
    Guid RequesterId);

/// <summary>
/// Registers a case: priority from the stored matrix, the ANS policy in force, a readable number, and
/// automatic routing to a technician — all in one transaction; the events go out after it commits.
/// </summary>
public sealed class RegisterCase(
    IDbContextFactory<MesaDbContext> contextFactory,
    IBusinessCalendarProvider calendars,
    TimeProvider time,
    CaseGuard guard,
    CaseEventDispatcher dispatcher)
{
    public async Task<CaseChangeResult> HandleAsync(RegisterCaseCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(user);
        switch (command.Channel)
        {
            case CaseChannel.Portal:
                guard.Demand(user, GlobalOperation.FileOwnCase);
                if (command.RequesterId != user.PersonId)
                {
                    throw new DomainException(DomainRules.RequesterMustBeSelf);
                }

                break;
            case CaseChannel.Agent:
                guard.Demand(user, GlobalOperation.FileOnBehalf);
                break;
            case CaseChannel.Pqrs:
                guard.Demand(user, GlobalOperation.Intake);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(command));
        }

        var actor = user.Actor;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var calendar = calendars.Current;
        var context = new CaseContext(actor, time.GetUtcNow(), calendar);

        // Reads first, outside the write transaction (SQLite: a transaction that reads before it writes can lose its snapshot).
        var path = await CategoryPath.LoadAsync(db, command.CategoryId, cancellationToken).ConfigureAwait(false);
        if (path.Count == 0)
        {
            throw new NotFoundException(DomainMessages.Get("Category.Label"));
        }

        if (path.Any(c => !c.IsActive))
        {
            throw new DomainException(DomainRules.CategoryInactive, path[0].Name);
        }

        var requesterActive = await db.People.Where(p => p.Id == command.RequesterId).Select(p => (bool?)p.IsActive)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (requesterActive is null)
        {
            throw new DomainException(DomainRules.RequesterRequired);
        }

        if (requesterActive == false)
        {
            throw new DomainException(DomainRules.RequesterInactive);
        }

        var matrix = new PriorityMatrix(await db.PriorityMatrix.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false));
        var priority = matrix.For(command.Impact, command.Urgency);
        var policies = await db.SlaPolicies.AsNoTracking()
            .Where(p => p.IsActive && p.Kind == command.Kind && p.Priority == priority)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var policy = SlaPolicy.Select(policies, path.Select(c => c.Id).ToList(), command.Kind, priority);

        var filedBy = command.Channel == CaseChannel.Agent ? actor.PersonId : null;
        var year = calendar.ToLocal(context.Now).Year;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var number = await CaseNumbers.NextAsync(db, year, cancellationToken).ConfigureAwait(false);
        var c = Case.Register(
            new CaseRegistration(number, command.Kind, command.CategoryId, command.Subject, command.Description,
                command.Impact, command.Urgency, priority, command.Channel, command.RequesterId, filedBy, policy),
            context);
        db.Cases.Add(c);
        await CaseRouter.RouteAsync(db, c, path, context with { Actor = Actor.System }, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        var events = c.Events.ToArray();
        c.ClearEvents();
        await dispatcher.DispatchAsync(events, cancellationToken).ConfigureAwait(false);
        return new CaseChangeResult(c.Id, c.Number, c.Status, c.Version);
    }
}
