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
        var c = await RegisterAsync(command, user, null, cancellationToken).ConfigureAwait(false);
        return new CaseChangeResult(c.Id, c.Number, c.Status, c.Version);
    }

    /// <summary>
    /// The one registration path. <paramref name="extras"/> lets the PQRS intake add what only it has, inside
    /// the same transaction: the radicado, a requester found or created by e-mail, and the files that came
    /// with the submission; a failure anywhere leaves none of them behind.
    /// </summary>
    internal async Task<Case> RegisterAsync(
        RegisterCaseCommand command, CurrentUser user, CaseRegistrationExtras? extras, CancellationToken cancellationToken)
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

        if (extras?.ResolveRequester is null)
        {
            var requesterActive = await db.People.Where(p => p.Id == command.RequesterId).Select(p => (bool?)p.IsActive)
                .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            RequireActiveRequester(requesterActive);
        }

        var matrix = new PriorityMatrix(await db.PriorityMatrix.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false));
        var priority = matrix.For(command.Impact, command.Urgency);
        var policies = await db.SlaPolicies.AsNoTracking()
            .Where(p => p.IsActive && p.Kind == command.Kind && p.Priority == priority)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var policy = SlaPolicy.Select(policies, path.Select(c => c.Id).ToList(), command.Kind, priority);

        var filedBy = command.Channel == CaseChannel.Agent ? actor.PersonId : null;
        var year = calendar.ToLocal(context.Now).Year;

        // PostgreSQL's transient failures (a dropped connection, a serialization failure) run the attempt again from a
        // clean change tracker; SQLite's strategy runs it once.
        var strategy = db.Database.CreateExecutionStrategy();
        var c = await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();

            // SQLite's transaction is IMMEDIATE: it holds the write lock from here, so what it reads below stays true.
            await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            var requesterId = command.RequesterId;
            if (extras?.ResolveRequester is { } resolve)
            {
                var requester = await resolve(db, ct).ConfigureAwait(false);
                RequireActiveRequester(requester.IsActive);
                requesterId = requester.Id;
            }

            var number = await CaseNumbers.NextAsync(db, year, ct).ConfigureAwait(false);
            var registered = Case.Register(
                new CaseRegistration(number, command.Kind, command.CategoryId, command.Subject, command.Description,
                    command.Impact, command.Urgency, priority, command.Channel, requesterId, filedBy, policy, extras?.ExternalReference),
                context);
            db.Cases.Add(registered);
            await CaseRouter.RouteAsync(db, registered, path, context with { Actor = Actor.System }, ct).ConfigureAwait(false);
            extras?.Work?.AddTo(db, registered, context);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            if (extras?.Work is { } work)
            {
                work.BeforeCommit();
                try
                {
                    // Past this point nothing is cancelled: the rows and what the work put in place are kept together.
                    await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception ex) when (strategy.RetriesOnFailure)
                {
                    work.AfterRollback();
                    throw new CommitNotRetriedException("The database did not confirm the registration's commit.", ex);
                }
                catch
                {
                    work.AfterRollback();
                    throw;
                }

                work.Committed();
            }
            else
            {
                await transaction.CommitAsync(ct).ConfigureAwait(false);
            }

            return registered;
        }, cancellationToken).ConfigureAwait(false);

        var events = c.Events.ToArray();
        c.ClearEvents();
        await dispatcher.DispatchAsync(events, cancellationToken).ConfigureAwait(false);
        return c;
    }

    private static void RequireActiveRequester(bool? isActive)
    {
        if (isActive is null)
        {
            throw new DomainException(DomainRules.RequesterRequired);
        }

        if (isActive == false)
        {
            throw new DomainException(DomainRules.RequesterInactive);
        }
    }
}

/// <summary>What a registration may carry beyond its command (the PQRS intake), all in the registering transaction.</summary>
internal sealed class CaseRegistrationExtras
{
    /// <summary>The sender's identifier of the case (the radicado); unique.</summary>
    public string? ExternalReference { get; init; }

    /// <summary>Finds or adds the requester inside the transaction; replaces the command's <see cref="RegisterCaseCommand.RequesterId"/>.</summary>
    public Func<MesaDbContext, CancellationToken, Task<People.Person>>? ResolveRequester { get; init; }

    /// <summary>More rows for the new case (its files), and what must happen with them around the commit.</summary>
    public ICaseRegistrationWork? Work { get; init; }
}

/// <summary>Work that lands with a new case or not at all (the files of a PQRS submission).</summary>
internal interface ICaseRegistrationWork
{
    /// <summary>Adds its rows for the new case, before the registration saves.</summary>
    void AddTo(MesaDbContext db, Case c, CaseContext context);

    /// <summary>After the rows are saved, before the commit: put files in place. Throwing rolls everything back.</summary>
    void BeforeCommit();

    /// <summary>The commit failed: undo what <see cref="BeforeCommit"/> did.</summary>
    void AfterRollback();

    /// <summary>The case and the work's rows are committed.</summary>
    void Committed();
}
