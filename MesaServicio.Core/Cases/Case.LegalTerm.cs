using System.Globalization;
using MesaServicio.Core.Common;
using MesaServicio.Core.Sla;

namespace MesaServicio.Core.Cases;

/// <summary>The legal term of a PQRS (Ley 1755 de 2015, arts. 14 and 17), beside the service ANS. See decision 0019.</summary>
public sealed partial class Case
{
    /// <summary>The petition's modality, for a PQRS with a legal term; null otherwise.</summary>
    public PqrsModality? LegalModality { get; private set; }

    /// <summary>When the PQRS system filed it (radicación), UTC.</summary>
    public DateTimeOffset? PqrsFiledAt { get; private set; }

    /// <summary>Start of the term in force: radicación, or the requester's answer that restarted it (art. 17), UTC.</summary>
    public DateTimeOffset? LegalTermStartedAt { get; private set; }

    /// <summary>The modality's term in business days.</summary>
    public int? LegalTermInitialDays { get; private set; }

    /// <summary>The term in force in business days (the initial one, or the extension's).</summary>
    public int? LegalTermDays { get; private set; }

    /// <summary>Close of business of the term's last day, UTC.</summary>
    public DateTimeOffset? LegalDueAt { get; private set; }

    /// <summary>Since when a request for completion suspends the term (art. 17), UTC.</summary>
    public DateTimeOffset? LegalSuspendedSince { get; private set; }

    /// <summary>When the desk first answered the petition (resolved or rejected it), UTC.</summary>
    public DateTimeOffset? LegalAnsweredAt { get; private set; }

    public LegalTermFacts LegalTermFacts => new(
        LegalModality, LegalTermStartedAt, LegalTermInitialDays, LegalTermDays, LegalDueAt, LegalSuspendedSince, LegalAnsweredAt);

    /// <summary>
    /// Extends the legal term (art. 14, parágrafo): before it expires, with the reason, to the close of business of
    /// <paramref name="newLastDay"/>, never more than double the initial term. The requester is told in the conversation.
    /// </summary>
    public void ExtendLegalTerm(DateOnly newLastDay, string reason, CaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var detail = RequiredText(reason, DomainRules.LegalExtensionReasonRequired);
        if (LegalTermFacts is not { Modality: not null, StartedAt: { } start, InitialDays: { } initial, Days: { } days, DueAt: { } due })
        {
            throw new DomainException(DomainRules.LegalTermNone, Number);
        }

        if (Status == CaseStatus.Closed || LegalAnsweredAt is not null)
        {
            throw new DomainException(DomainRules.LegalExtensionAnswered);
        }

        if (LegalSuspendedSince is not null)
        {
            throw new DomainException(DomainRules.LegalExtensionSuspended);
        }

        if (context.Now >= due)
        {
            throw new DomainException(DomainRules.LegalExtensionExpired, FormatLocal(due, context));
        }

        if (days > initial)
        {
            throw new DomainException(DomainRules.LegalExtensionAlreadyExtended, FormatLocal(due, context));
        }

        var calendar = context.Calendar;
        var max = LegalTermClock.MaxDaysFor(LegalModality!.Value, initial);
        var latest = calendar.EndOfNthBusinessDayAfter(start, max);
        if (!calendar.IsBusinessDay(newLastDay))
        {
            throw new DomainException(DomainRules.LegalExtensionNotBusinessDay, FormatDay(newLastDay));
        }

        var newDays = calendar.BusinessDaysAfterUntil(start, newLastDay);
        if (newDays <= days)
        {
            throw new DomainException(DomainRules.LegalExtensionNotLater, FormatLocal(due, context));
        }

        if (newDays > max)
        {
            throw LegalTermClock.IsPersonalData(LegalModality!.Value)
                ? new DomainException(DomainRules.LegalExtensionBeyondPersonalData, max - initial, initial, max, FormatLocal(latest, context))
                : new DomainException(DomainRules.LegalExtensionBeyondDouble, initial, max, FormatLocal(latest, context));
        }

        var newDue = calendar.EndOfNthBusinessDayAfter(start, newDays).ToUniversalTime();
        LegalTermDays = newDays;
        LegalDueAt = newDue;
        Version++;
        Record(context, CaseAction.LegalTermExtended, null, null, Utc(due), Utc(newDue), detail);
        Say(CaseMessageKind.LegalTermExtension,
            DomainMessages.Get(
                LegalTermClock.IsPersonalData(LegalModality!.Value) ? "Message.LegalTermExtension.PersonalData" : "Message.LegalTermExtension",
                FormatLocal(newDue, context), detail), context);
    }

    private void StartLegalTerm(PqrsFiling? filing, CaseContext context)
    {
        if (filing is null)
        {
            return;
        }

        // A petition's term runs for a PQRS; a personal-data request's (Ley 1581) for one filed in the portal too.
        if (Channel != CaseChannel.Pqrs && !LegalTermClock.IsPersonalData(filing.Modality))
        {
            throw new DomainException(DomainRules.LegalTermOnlyPqrs);
        }

        if (!Enum.IsDefined(filing.Modality))
        {
            throw new DomainException(DomainRules.LegalModalityUnknown);
        }

        var filedAt = filing.FiledAt.ToUniversalTime();
        if (filedAt > context.Now.ToUniversalTime())
        {
            throw new DomainException(DomainRules.LegalFiledInFuture);
        }

        var days = LegalTermClock.DaysFor(filing.Modality);
        LegalModality = filing.Modality;
        PqrsFiledAt = filedAt;
        LegalTermStartedAt = filedAt;
        LegalTermInitialDays = days;
        LegalTermDays = days;
        LegalDueAt = LegalTermClock.DueFrom(filedAt, days, context.Calendar).ToUniversalTime();
    }

    /// <summary>A question within the first ten business days after the term's start is a request for completion (art. 17): the term stops.</summary>
    private void SuspendLegalTerm(CaseContext context)
    {
        if (LegalTermStartedAt is not { } start || LegalAnsweredAt is not null || LegalSuspendedSince is not null)
        {
            return;
        }

        var now = context.Now.ToUniversalTime();
        if (now > context.Calendar.EndOfNthBusinessDayAfter(start, LegalTermClock.CompletionRequestWindowDays) || now >= LegalDueAt)
        {
            return;
        }

        LegalSuspendedSince = now;
        Record(context, CaseAction.LegalTermSuspended, null, null, null, Utc(LegalDueAt), null);
    }

    /// <summary>The requester completed the petition: the term starts again, in full, from her answer (art. 17).</summary>
    private void RestartLegalTerm(CaseContext context)
    {
        if (LegalSuspendedSince is null || LegalTermInitialDays is not { } initial)
        {
            return;
        }

        var now = context.Now.ToUniversalTime();
        var before = LegalDueAt;
        LegalSuspendedSince = null;
        LegalTermStartedAt = now;
        LegalTermDays = initial;
        LegalDueAt = LegalTermClock.DueFrom(now, initial, context.Calendar).ToUniversalTime();
        Record(context, CaseAction.LegalTermRestarted, null, null, Utc(before), Utc(LegalDueAt), null);
    }

    private void LegalTermAnswered(CaseContext context)
    {
        if (LegalTermStartedAt is null || LegalAnsweredAt is not null)
        {
            return;
        }

        LegalAnsweredAt = context.Now.ToUniversalTime();
        LegalSuspendedSince = null;
    }

    private static string? Utc(DateTimeOffset? instant) =>
        instant?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string FormatDay(DateOnly day) =>
        day.ToString("dddd d 'de' MMMM 'de' yyyy", DomainMessages.Culture);
}
