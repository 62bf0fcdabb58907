using System.Globalization;
using System.Net;
using System.Resources;
using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using Microsoft.Extensions.Options;

namespace MesaServicio.Core.Notifications;

/// <summary>
/// Writes notices into the outbox and the portal inbox of a <see cref="MesaDbContext"/> that the caller saves
/// in the same transaction as the change the notice tells about. Texts are Spanish templates from
/// <c>Resources/NotificationTexts.resx</c> with the case number and a link: no names, no case text.
/// </summary>
public sealed class NoticeComposer(IOptions<EmailOptions> options)
{
    private static readonly ResourceManager Texts =
        new("MesaServicio.Core.Resources.NotificationTexts", typeof(NoticeComposer).Assembly);

    /// <summary>The Spanish text of a template part (<c>Subject</c>, <c>Body</c>, <c>Portal</c>) with its values.</summary>
    public static string Text(MessageKind kind, string part, params object?[] values) => Text(kind.ToString(), part, values);

    /// <summary>The same, for a template named otherwise than its kind (<see cref="Notice.Template"/>).</summary>
    public static string Text(string template, string part, params object?[] values)
    {
        var text = Texts.GetString(template + "." + part, DomainMessages.Culture)
            ?? throw new InvalidOperationException($"Missing notification text {template}.{part}.");
        return string.Format(DomainMessages.Culture, text, values);
    }

    /// <summary>Whether a template has its three texts.</summary>
    public static bool HasTexts(string template) =>
        new[] { "Subject", "Body", "Portal" }.All(part => Texts.GetString(template + "." + part, DomainMessages.Culture) is not null);

    /// <summary>"atención" or "solución", as the templates name an ANS clock.</summary>
    public static string TargetName(Sla.SlaTargetKind target) =>
        Texts.GetString("Target." + target, DomainMessages.Culture) ?? target.ToString();

    /// <summary>Whether every kind has its three texts (a test keeps them complete).</summary>
    public static bool HasTexts(MessageKind kind) =>
        new[] { "Subject", "Body", "Portal" }.All(part => Texts.GetString(kind + "." + part, DomainMessages.Culture) is not null);

    /// <summary>The absolute address of a portal path, for e-mail.</summary>
    public string AbsoluteLink(string path) => options.Value.PortalUrl.TrimEnd('/') + "/" + path.TrimStart('/');

    /// <summary>
    /// Adds the notice's e-mail and portal notice to <paramref name="db"/> (not saved), honouring the recipient's choice
    /// not to get e-mails of this kind ("Mis preferencias": the portal notice always stays); returns the portal notice.
    /// </summary>
    public async Task<PortalNotification?> QueueAsync(MesaDbContext db, Notice notice, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(notice);
        if (notice.SendEmail && notice.Recipient.PersonId is { } person
            && await EmailPreferences.OptedOutAsync(db, person, notice.Kind, cancellationToken).ConfigureAwait(false))
        {
            notice = notice with { SendEmail = false };
        }

        return Queue(db, notice, now);
    }

    /// <summary>Adds the notice's e-mail and portal notice to <paramref name="db"/> (not saved); returns the portal notice, if any.</summary>
    /// <remarks>Does not read the recipient's preferences: the caller has (<see cref="QueueAsync"/>, <see cref="CaseNotices"/>).</remarks>
    public PortalNotification? Queue(MesaDbContext db, Notice notice, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(notice);
        var link = AbsoluteLink(notice.Link);
        var template = notice.Template ?? notice.Kind.ToString();
        if (notice.SendEmail && !string.IsNullOrWhiteSpace(notice.Recipient.Email))
        {
            var subject = Text(template, "Subject", notice.CaseNumber, link, notice.Detail);
            var body = Text(template, "Body", notice.CaseNumber, link, notice.Detail);
            db.OutboxMessages.Add(new OutboxMessage(
                "mail:" + notice.DedupKey, notice.Kind, notice.CaseId, notice.Recipient.PersonId, notice.Recipient.Email.Trim(),
                subject, PlainText(body), Html(body, link), now));
        }

        if (notice.ShowInPortal && notice.Recipient.PersonId is { } personId)
        {
            var portal = new PortalNotification(
                "portal:" + notice.DedupKey, personId, notice.Kind, notice.CaseId, notice.CaseNumber,
                Text(template, "Portal", notice.CaseNumber, notice.Link, notice.Detail), now);
            db.PortalNotifications.Add(portal);
            return portal;
        }

        return null;
    }

    /// <summary>A day as the messages write it: "viernes 4 de diciembre de 2026".</summary>
    public static string Day(DateOnly day) => day.ToString("dddd d 'de' MMMM 'de' yyyy", Common.DomainMessages.Culture);

    /// <summary>The plain-text body with the desk's signature below.</summary>
    internal static string PlainText(string body) => body + "\n\n--\n" + Text(MessageKind.SurveyInvitation, "Signature");

    /// <summary>The HTML alternative: the text escaped, paragraphs kept, the link made clickable.</summary>
    internal static string Html(string body, string link)
    {
        var paragraphs = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(p => "<p>" + WebUtility.HtmlEncode(p).Replace("\n", "<br>", StringComparison.Ordinal) + "</p>");
        var html = string.Concat(paragraphs).Replace(
            WebUtility.HtmlEncode(link), $"<a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(link)}</a>", StringComparison.Ordinal);
        return "<!DOCTYPE html><html lang=\"es-CO\"><body style=\"font-family:Roboto,Arial,sans-serif\">" + html
            + "<p style=\"color:#555\">" + WebUtility.HtmlEncode(Text(MessageKind.SurveyInvitation, "Signature")) + "</p></body></html>";
    }

    /// <summary>Formats an instant for a message in the calendar's local time (es-CO).</summary>
    public static string FormatInstant(DateTimeOffset local) =>
        local.ToString("dddd d 'de' MMMM 'de' yyyy, h:mm tt", CultureInfo.GetCultureInfo("es-CO"));
}
