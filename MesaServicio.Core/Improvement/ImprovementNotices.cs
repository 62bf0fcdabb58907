using MesaServicio.Core.Calendar;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Improvement;

/// <summary>
/// Tells an action's responsible person what concerns them (assigned; due soon; overdue) by portal notice and e-mail,
/// in the change's own context (they commit with it or not at all), under a key per event and person that the database
/// refuses twice. The texts carry the action's number, due date and link: no names, no text of the action.
/// </summary>
public sealed class ImprovementNotices(NoticeComposer composer)
{
    /// <summary>The action's page.</summary>
    public static string Link(string number) => "/acciones-de-mejora/" + number;

    /// <summary>Queues the notice (the person's e-mail choice honoured); returns the portal notice, if any. Nobody is told of their own act.</summary>
    public async Task<PortalNotification?> QueueAsync(
        MesaDbContext db, ImprovementAction action, MessageKind kind, string key, Guid? actorId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(action);
        if (action.ResponsibleId == actorId)
        {
            return null;
        }

        var person = await db.People.AsNoTracking().Where(p => p.Id == action.ResponsibleId && p.IsActive)
            .Select(p => new { p.Id, p.Email }).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (person is null)
        {
            return null;
        }

        return await composer.QueueAsync(db, new Notice(
            $"{key}:{person.Id:N}", kind, null, action.Number, new NoticeRecipient(person.Id, person.Email), Link(action.Number), NoticeComposer.Day(action.DueOn)),
            now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether a kind is one of the improvement actions' (the bell links these to the action's page).</summary>
    public static bool IsImprovementKind(MessageKind kind) =>
        kind is MessageKind.ImprovementActionAssigned or MessageKind.ImprovementActionDueSoon or MessageKind.ImprovementActionOverdue;

    /// <summary>The local day of <paramref name="now"/>.</summary>
    internal static DateOnly Today(BusinessCalendar calendar, DateTimeOffset now) => DateOnly.FromDateTime(calendar.ToLocal(now).DateTime);
}
