using MesaServicio.Core.Calendar;
using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Routing;
using MesaServicio.Core.Security;

namespace MesaServicio.Core.Cases;

/// <summary>
/// A new case (activity 1), from the portal, an agent on someone's behalf, or the PQRS intake. <see cref="Pqrs"/> is the
/// petition's modality and radicación (its legal term), for the channel PQRS only: sent by the intake, or set by an agent
/// who files a PQRS presented in person on the requester's behalf.
/// </summary>
public sealed record RegisterCaseCommand(
    CaseKind Kind,
    int CategoryId,
    string Subject,
    string Description,
    Impact Impact,
    Urgency Urgency,
    CaseChannel Channel,
    Guid RequesterId,
    Sla.PqrsFiling? Pqrs = null);

/// <summary>
/// Registers a case: priority from the stored matrix, the ANS policy in force, a readable number, and
/// automatic routing to a technician — all in one transaction; the events go out after it commits. Registrations that
/// arrive together share one transaction and one commit (<see cref="RegistrationBatches"/>), on SQLite and PostgreSQL.
/// </summary>
public sealed class RegisterCase(
    IBusinessCalendarProvider calendars,
    TimeProvider time,
    CaseGuard guard,
    CaseEventDispatcher dispatcher,
    Board.BoardCardNames names,
    RegistrationBatches batches,
    ICaseNotices notices,
    Notifications.IPortalNotifier notifier)
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
            case CaseChannel.Pqrs when command.Pqrs is not null && !CaseAccess.Can(user, GlobalOperation.Intake):
                // A PQRS presented in person: the agent files it on the requester's behalf, with its modality.
                guard.Demand(user, GlobalOperation.FileOnBehalf);
                break;
            case CaseChannel.Pqrs:
                guard.Demand(user, GlobalOperation.Intake);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(command));
        }

        var actor = user.Actor;
        IReadOnlyList<Notifications.PortalNotification> portal = [];
        Board.BoardCard? card = null;
        async Task<Case> Register(MesaDbContext db, RegistrationReferences references, CancellationToken ct)
        {
            var (registered, queued, requesterName) = await RegisterInAsync(db, references, command, actor, extras, ct).ConfigureAwait(false);
            portal = queued;
            card = await references.CardAsync(db, names, registered, requesterName, calendars.Current, ct).ConfigureAwait(false);
            return registered;
        }

        var c = await batches.RegisterAsync(
                (db, references) => Register(db, references, CancellationToken.None),
                extras is null ? command.RequesterId : null,
                extras?.Work,
                cancellationToken)
            .ConfigureAwait(false);

        CaseEvent[] events = [.. c.Events, new CaseProjected(c.Id, c.Number, c.ReceivedAt, null, card)];
        c.ClearEvents();

        // Committed: what follows is told whatever happens to the request that made the change.
        await dispatcher.DispatchAsync(events, CancellationToken.None).ConfigureAwait(false);
        await notifier.PushAsync(portal, CancellationToken.None).ConfigureAwait(false);
        return c;
    }

    /// <summary>
    /// Everything a registration writes, inside the caller's transaction, added to the context for the caller to save:
    /// checks the category and the requester, prices the case, numbers it, routes it, adds what the intake brings, and the
    /// notices it calls for (the requester's acknowledgement, the assignee's, or "sin asignar" to the lead and coordinators),
    /// whose people the references serve (a batch reads them once). Returns the portal notices to push after the commit.
    /// </summary>
    private async Task<(Case Case, IReadOnlyList<Notifications.PortalNotification> Portal, string? RequesterName)> RegisterInAsync(
        MesaDbContext db, RegistrationReferences references, RegisterCaseCommand command, Actor actor, CaseRegistrationExtras? extras,
        CancellationToken cancellationToken)
    {
        var calendar = calendars.Current;
        var context = new CaseContext(actor, time.GetUtcNow(), calendar);
        var path = await references.PathAsync(db, command.CategoryId, cancellationToken).ConfigureAwait(false);
        if (path.Count == 0)
        {
            throw new NotFoundException(DomainMessages.Get("Category.Label"));
        }

        if (path.Any(c => !c.IsActive))
        {
            throw new DomainException(DomainRules.CategoryInactive, path[0].Name);
        }

        var requesterId = command.RequesterId;
        People.Person? resolved = null;
        if (extras?.ResolveRequester is { } resolve)
        {
            var requester = resolved = await resolve(db, cancellationToken).ConfigureAwait(false);
            RequireActiveRequester(requester.IsActive);
            requesterId = requester.Id;
        }
        else
        {
            RequireActiveRequester(await references.RequesterActiveAsync(db, command.RequesterId, cancellationToken).ConfigureAwait(false));
        }

        var matrix = await references.MatrixAsync(db, cancellationToken).ConfigureAwait(false);
        var priority = matrix.For(command.Impact, command.Urgency);
        var policy = await references.PolicyAsync(db, path, command.Kind, priority, cancellationToken).ConfigureAwait(false);
        // An agent who files a PQRS presented in person is its filer, as on the channel Agent (the intake has no person).
        var filedBy = command.Channel == CaseChannel.Agent || (command.Channel == CaseChannel.Pqrs && actor.PersonId is not null)
            ? actor.PersonId
            : null;
        var year = calendar.ToLocal(context.Now).Year;

        var number = await references.NumberAsync(db, year, cancellationToken).ConfigureAwait(false);
        var registered = Case.Register(
            new CaseRegistration(number, command.Kind, command.CategoryId, command.Subject, command.Description,
                command.Impact, command.Urgency, priority, command.Channel, requesterId, filedBy, policy, extras?.ExternalReference,
                command.Pqrs, extras?.DataAuthorization),
            context);
        await CaseRouter.RouteAsync(db, registered, path, context with { Actor = Actor.System }, references.Routing, cancellationToken).ConfigureAwait(false);

        // Added last: a registration that failed above left nothing in the context.
        db.Cases.Add(registered);
        extras?.Work?.AddTo(db, registered, context);
        var portal = await notices.QueueAsync(
            db, new RegistrationNoticeDirectory(db, references, resolved), registered, registered.Events, actor.PersonId, context.Now, cancellationToken)
            .ConfigureAwait(false);
        return (registered, portal, resolved?.DisplayName);
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

    /// <summary>The personal-data authorization the sending system collected, as it reports it.</summary>
    public Privacy.DataAuthorization? DataAuthorization { get; init; }

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
