using MimeKit;

namespace MesaServicio.Core.Notifications;

/// <summary>Turns an <see cref="OutboxMessage"/> into the e-mail that leaves the portal.</summary>
public static class OutboxMail
{
    /// <summary>The domain part of every message id.</summary>
    public const string MessageIdDomain = "mesa-servicio";

    /// <summary>
    /// The message's <c>Message-Id</c> (without angle brackets), the same on every attempt: should the portal
    /// stop between the server's acceptance and recording it, the resend carries the id the receiver has seen.
    /// </summary>
    public static string MessageId(Guid outboxMessageId) => outboxMessageId.ToString("N") + "@" + MessageIdDomain;

    /// <summary>
    /// From, To, Subject, the plain text and HTML alternatives, the attachments (if any), the stable
    /// <c>Message-Id</c>, and <c>Auto-Submitted: auto-generated</c> so that auto-responders stay quiet.
    /// </summary>
    /// <exception cref="ParseException">The recipient's address is not a valid address.</exception>
    public static MimeMessage Build(OutboxMessage message, EmailOptions options, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(options);
        var mail = new MimeMessage
        {
            MessageId = MessageId(message.Id),
            Date = date,
            Subject = message.Subject,
        };
        mail.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        mail.To.Add(MailboxAddress.Parse(message.ToAddress));
        mail.Headers.Add("Auto-Submitted", "auto-generated");

        var body = new BodyBuilder
        {
            TextBody = message.TextBody ?? "",
            HtmlBody = message.HtmlBody ?? "",
        };
        foreach (var attachment in message.Attachments)
        {
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        }

        mail.Body = body.ToMessageBody();
        return mail;
    }
}
