namespace MesaServicio.Core.Notifications;

/// <summary>Who a notice goes to: a known person (portal inbox and e-mail) or only an address (PQRS requester).</summary>
public sealed record NoticeRecipient(Guid? PersonId, string Email);

/// <summary>
/// One thing to tell one person about one case. <see cref="NoticeComposer"/> turns it into an e-mail in the
/// outbox and, for a known person, a notice in their portal inbox, both under keys derived from
/// <see cref="DedupKey"/> so that queuing the same notice twice is refused by the database.
/// </summary>
/// <param name="DedupKey">Unique per event and recipient, e.g. <c>sla:{case}:Attention:AtRisk:{person}</c>.</param>
/// <param name="Kind">Selects the Spanish template.</param>
/// <param name="CaseId">The case; null for a notice about something else (an improvement action, an article).</param>
/// <param name="CaseNumber">The case number (or the other thing's reference) shown in the message.</param>
/// <param name="Recipient">Who.</param>
/// <param name="Link">The path the message links to, e.g. <c>/casos/MS-2026-000001</c> or <c>/encuesta/{token}</c>.</param>
/// <param name="Detail">The template's third value (e.g. the end of the survey window, already formatted).</param>
/// <param name="SendEmail">Whether to queue the e-mail.</param>
/// <param name="ShowInPortal">Whether to add the portal notice (ignored without a person).</param>
/// <param name="Template">The texts' resource prefix when it is not the kind's own (e.g. the invitation of a rejected case).</param>
public sealed record Notice(
    string DedupKey,
    MessageKind Kind,
    Guid? CaseId,
    string CaseNumber,
    NoticeRecipient Recipient,
    string Link,
    string? Detail = null,
    bool SendEmail = true,
    bool ShowInPortal = true,
    string? Template = null);
