using MimeKit;

namespace MesaServicio.Core.Notifications;

/// <summary>
/// Hands one finished message to where e-mail goes (<see cref="EmailOptions.Mode"/>): an SMTP server, or a
/// folder of <c>.eml</c> files. Returns once the message is accepted; throws when it is not, and the outbox
/// tries again later.
/// </summary>
public interface IEmailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
