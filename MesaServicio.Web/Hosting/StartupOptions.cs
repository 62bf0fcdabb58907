using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using MesaServicio.Core.Intake;
using MesaServicio.Core.Notifications;
using MesaServicio.Web.Auth;
using Microsoft.Extensions.Options;

namespace MesaServicio.Web.Hosting;

/// <summary>
/// The <c>Email</c>, <c>Intake</c> and <c>Entity</c> sections checked when the portal starts, like <c>TimedWork</c>,
/// <c>Attachments</c> and <c>Retention</c>: a wrong value stops it with one line per problem, in Spanish, naming the
/// key (<see cref="StartupRefusal"/>), instead of failing later on the first e-mail or the first page.
/// </summary>
public static class StartupOptions
{
    public static IServiceCollection AddMesaStartupValidation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EmailOptions>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        services.AddOptions<IntakeOptions>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<IntakeOptions>, IntakeOptionsValidator>();
        services.AddOptions<EntityOptions>().Bind(configuration.GetSection(EntityOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EntityOptions>, EntityOptionsValidator>();
        return services;
    }

}

/// <summary>What stops the portal before it serves, and the one line per problem it prints for each.</summary>
public static class StartupRefusal
{
    /// <summary>A refused configuration (sign-in, test clock, database, validated options), not a bug.</summary>
    public static bool Is(Exception exception) =>
        exception is StartupRefusedException or Core.Persistence.DatabaseConfigurationException or OptionsValidationException
        || (exception is AggregateException aggregate && aggregate.InnerExceptions.All(Is));

    /// <summary>The lines an operator reads: one per problem.</summary>
    public static IReadOnlyList<string> Lines(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            AggregateException aggregate => [.. aggregate.InnerExceptions.SelectMany(Lines).Distinct(StringComparer.Ordinal)],
            OptionsValidationException invalid => [.. invalid.Failures.Distinct(StringComparer.Ordinal)],
            _ => [exception.Message],
        };
    }
}

/// <summary>How e-mail leaves: a known mode, a sender address, the portal's address for links, a usable SMTP server.</summary>
internal sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Mode))
        {
            failures.Add("Email:Mode debe ser Folder o Smtp.");
        }

        if (string.IsNullOrWhiteSpace(options.FromAddress) || !MailAddress.TryCreate(options.FromAddress, out _))
        {
            failures.Add($"Email:FromAddress debe ser una dirección de correo válida (es «{options.FromAddress}»).");
        }

        if (!Uri.TryCreate(options.PortalUrl, UriKind.Absolute, out var portal) || (portal.Scheme != Uri.UriSchemeHttp && portal.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"Email:PortalUrl debe ser la dirección pública del portal, http:// o https:// (es «{options.PortalUrl}»).");
        }

        if (options.Mode == EmailDeliveryMode.Folder && string.IsNullOrWhiteSpace(options.Folder))
        {
            failures.Add("Email:Folder debe nombrar una carpeta cuando Email:Mode es Folder.");
        }

        if (options.Mode == EmailDeliveryMode.Smtp)
        {
            var smtp = options.Smtp ?? new SmtpOptions();
            if (string.IsNullOrWhiteSpace(smtp.Host))
            {
                failures.Add("Email:Smtp:Host debe nombrar el servidor SMTP cuando Email:Mode es Smtp.");
            }

            if (smtp.Port is <= 0 or > 65535)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"Email:Smtp:Port debe estar entre 1 y 65535 (es {smtp.Port})."));
            }

            if (smtp.TimeoutSeconds is <= 0 or > 600)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"Email:Smtp:TimeoutSeconds debe estar entre 1 y 600 (es {smtp.TimeoutSeconds})."));
            }

            if (!Enum.IsDefined(smtp.Security))
            {
                failures.Add("Email:Smtp:Security debe ser None, Auto, SslOnConnect o StartTls.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>The PQRS intake's fallback category must be named.</summary>
internal sealed class IntakeOptionsValidator : IValidateOptions<IntakeOptions>
{
    public ValidateOptionsResult Validate(string? name, IntakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.DefaultCategory)
            ? ValidateOptionsResult.Fail("Intake:DefaultCategory debe nombrar la categoría de las PQRS sin categoría reconocida.")
            : ValidateOptionsResult.Success;
    }
}

/// <summary>The entity's name and portal name shown on every page, a colour the theme can use, a logo served by the portal itself.</summary>
internal sealed partial class EntityOptionsValidator : IValidateOptions<EntityOptions>
{
    public ValidateOptionsResult Validate(string? name, EntityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Name))
        {
            failures.Add("Entity:Name debe nombrar la entidad.");
        }

        if (string.IsNullOrWhiteSpace(options.PortalName))
        {
            failures.Add("Entity:PortalName debe nombrar el portal.");
        }

        if (string.IsNullOrWhiteSpace(options.PrimaryColor) || !HexColor().IsMatch(options.PrimaryColor))
        {
            failures.Add($"Entity:PrimaryColor debe ser un color #RRGGBB (es «{options.PrimaryColor}»).");
        }

        // The portal loads nothing from elsewhere (Content-Security-Policy 'self'): the logo is a path of the site.
        if (string.IsNullOrWhiteSpace(options.LogoPath)
            || options.LogoPath.StartsWith("//", StringComparison.Ordinal)
            || (Uri.TryCreate(options.LogoPath, UriKind.Absolute, out var logo) && logo.Scheme != Uri.UriSchemeFile))
        {
            failures.Add($"Entity:LogoPath debe ser una ruta del propio portal, como img/logo.svg (es «{options.LogoPath}»).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex HexColor();
}
