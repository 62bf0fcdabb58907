namespace MesaServicio.Core.Notifications;

/// <summary>How e-mail leaves the portal (section <c>Email</c>).</summary>
public sealed class EmailOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Email";

    /// <summary>
    /// <c>Smtp</c> sends through the SMTP server below; <c>Folder</c> writes each message as an <c>.eml</c> file in
    /// <see cref="Folder"/> (the default, so that Development needs no SMTP server).
    /// </summary>
    public EmailDeliveryMode Mode { get; set; } = EmailDeliveryMode.Folder;

    /// <summary>Where <see cref="EmailDeliveryMode.Folder"/> writes messages, relative to the content root.</summary>
    public string Folder { get; set; } = "data/correo";

    /// <summary>The sender's address.</summary>
    public string FromAddress { get; set; } = "mesadeservicio@localhost";

    /// <summary>The sender's display name.</summary>
    public string FromName { get; set; } = "Mesa de Servicio";

    /// <summary>The portal's public address, for the links in messages (no trailing slash needed).</summary>
    public string PortalUrl { get; set; } = "http://localhost:5144";

    /// <summary>The SMTP server.</summary>
    public SmtpOptions Smtp { get; set; } = new();
}

/// <summary>Where messages go.</summary>
public enum EmailDeliveryMode
{
    Folder = 1,
    Smtp = 2,
}

/// <summary>SMTP server settings (section <c>Email:Smtp</c>).</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 25;

    /// <summary><c>None</c>, <c>StartTls</c>, <c>SslOnConnect</c> or <c>Auto</c> (MailKit's SecureSocketOptions).</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Empty for a server that needs no authentication.</summary>
    public string? UserName { get; set; }

    /// <summary>Set through an environment variable or a secret store, never in the file.</summary>
    public string? Password { get; set; }

    /// <summary>Seconds to wait for the server before the attempt counts as failed.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}

/// <summary>TLS on the SMTP connection.</summary>
public enum SmtpSecurity
{
    None = 0,
    Auto = 1,
    SslOnConnect = 2,
    StartTls = 3,
}
