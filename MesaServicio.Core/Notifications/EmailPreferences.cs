using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Notifications;

/// <summary>
/// A person's choice not to receive e-mails of one kind ("Mis preferencias"). Only the choices off are stored: a person
/// with no row gets every e-mail. Portal notices are never switched off.
/// </summary>
public sealed class EmailOptOut
{
    private EmailOptOut()
    {
    }

    public EmailOptOut(Guid personId, MessageKind kind, DateTimeOffset at)
    {
        PersonId = personId;
        Kind = kind;
        At = at.ToUniversalTime();
    }

    public Guid PersonId { get; private set; }

    public MessageKind Kind { get; private set; }

    /// <summary>When the person switched the e-mail off.</summary>
    public DateTimeOffset At { get; private set; }
}

/// <summary>One e-mail kind as "Mis preferencias" lists it: whether the person gets it.</summary>
public sealed record EmailPreference(MessageKind Kind, bool Enabled);

/// <summary>The e-mail kinds a person may receive, by role, and their choices.</summary>
public static class EmailPreferences
{
    /// <summary>What any person hears about their own cases.</summary>
    public static readonly IReadOnlyList<MessageKind> RequesterKinds =
    [
        MessageKind.CaseRegistered, MessageKind.QuestionAsked, MessageKind.AnswerReminder, MessageKind.DeskMessage,
        MessageKind.CaseEscalated, MessageKind.SurveyInvitation, MessageKind.SurveyReminder, MessageKind.NovedadDecided,
        MessageKind.CaseReopened, MessageKind.SurveyClosedWithoutAnswer, MessageKind.LegalTermExtended,
    ];

    /// <summary>What staff hear about the cases they work.</summary>
    public static readonly IReadOnlyList<MessageKind> StaffKinds =
    [
        MessageKind.AssignedToYou, MessageKind.EscalatedToYou, MessageKind.RequesterAnswered, MessageKind.NovedadReported,
        MessageKind.UnassignedCase, MessageKind.SlaAtRisk, MessageKind.SlaBreached,
        MessageKind.ImprovementActionAssigned, MessageKind.ImprovementActionDueSoon, MessageKind.ImprovementActionOverdue,
        MessageKind.LegalTermAtRisk, MessageKind.LegalTermBreached, MessageKind.ArticleReviewDue,
    ];

    public static Task<bool> OptedOutAsync(MesaDbContext db, Guid personId, MessageKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.EmailOptOuts.AnyAsync(o => o.PersonId == personId && o.Kind == kind, cancellationToken);
    }
}

/// <summary>The signed-in person's e-mail choices, one per kind that concerns them.</summary>
public sealed class GetEmailPreferences(IDbContextFactory<MesaDbContext> contextFactory)
{
    public async Task<IReadOnlyList<EmailPreference>> HandleAsync(CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Kind != PrincipalKind.Person || user.PersonId is not { } me)
        {
            return [];
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var off = await db.EmailOptOuts.AsNoTracking().Where(o => o.PersonId == me).Select(o => o.Kind)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var kinds = user.IsStaff ? EmailPreferences.RequesterKinds.Concat(EmailPreferences.StaffKinds) : EmailPreferences.RequesterKinds;
        return kinds.Select(k => new EmailPreference(k, !off.Contains(k))).ToList();
    }
}

/// <summary>Switches one e-mail kind on or off for the signed-in person.</summary>
public sealed record SetEmailPreferenceCommand(MessageKind Kind, bool Enabled);

/// <summary>Only the person's own choices; a kind that does not concern them is refused.</summary>
public sealed class SetEmailPreference(IDbContextFactory<MesaDbContext> contextFactory, TimeProvider time)
{
    public async Task HandleAsync(SetEmailPreferenceCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(user);
        if (user.Kind != PrincipalKind.Person || user.PersonId is not { } me)
        {
            throw new Common.ForbiddenException(Common.DomainMessages.Get("Permission.Preferences"));
        }

        var allowed = EmailPreferences.RequesterKinds.Contains(command.Kind) || (user.IsStaff && EmailPreferences.StaffKinds.Contains(command.Kind));
        if (!allowed)
        {
            throw new Common.ForbiddenException(Common.DomainMessages.Get("Permission.Preferences"));
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.EmailOptOuts.SingleOrDefaultAsync(o => o.PersonId == me && o.Kind == command.Kind, cancellationToken).ConfigureAwait(false);
        if (command.Enabled && row is not null)
        {
            db.EmailOptOuts.Remove(row);
        }
        else if (!command.Enabled && row is null)
        {
            db.EmailOptOuts.Add(new EmailOptOut(me, command.Kind, time.GetUtcNow()));
        }
        else
        {
            return;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException) when (!command.Enabled)
        {
            // The same choice saved at once from another tab: it stands.
        }
        catch (DbUpdateConcurrencyException) when (command.Enabled)
        {
            // Already switched on from another tab.
        }
    }
}
