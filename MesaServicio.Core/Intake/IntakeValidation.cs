using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Sla;

namespace MesaServicio.Core.Intake;

/// <summary>
/// A PQRS "soporte técnico" submission as the PQRS system sends it: every field as text, none trusted yet.
/// <see cref="IdentityDocument"/> is checked and then dropped (decision 0010: the desk does not need it).
/// </summary>
public sealed record IntakeCaseCommand(
    string? Radicado,
    string? RequesterName,
    string? RequesterEmail,
    string? Subject,
    string? Description,
    string? IdentityDocument = null,
    string? Organisation = null,
    string? CategoryHint = null,
    string? Kind = null,
    string? Modality = null,
    string? FiledAt = null,
    string? DataAuthorization = null,
    string? DataAuthorizationVersion = null,
    string? DataAuthorizationAt = null);

/// <summary>A submission that passed every rule, trimmed; the radicado upper-cased.</summary>
internal sealed record ValidIntake(
    string Radicado,
    string RequesterName,
    string RequesterEmail,
    string? Organisation,
    string Subject,
    string Description,
    string? CategoryHint,
    CaseKind Kind,
    PqrsModality Modality = PqrsModality.Peticion,
    DateTimeOffset? FiledAt = null,
    Privacy.DataAuthorization? DataAuthorization = null);

/// <summary>The intake's field rules, all checked at once so the PQRS system learns every problem in one answer.</summary>
internal static partial class IntakeValidation
{
    /// <summary>
    /// Checks every field. <paramref name="now"/> is the reception instant (Bogotá time in the messages): a radicación after
    /// it is refused; without it the radicación is only parsed. With <paramref name="requireAuthorization"/> a submission
    /// without the person's personal-data authorization is refused.
    /// </summary>
    public static ValidIntake Validate(IntakeCaseCommand command, DateTimeOffset? now = null, bool requireAuthorization = false)
    {
        ArgumentNullException.ThrowIfNull(command);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);

        var radicado = Required(errors, IntakeFields.Radicado, command.Radicado, IntakeFields.RadicadoMaxLength);
        if (radicado is not null && !RadicadoPattern().IsMatch(radicado))
        {
            Add(errors, IntakeFields.Radicado, DomainMessages.Get(DomainRules.IntakeRadicadoInvalid, IntakeFields.Radicado));
        }

        var name = Required(errors, IntakeFields.RequesterName, command.RequesterName, IntakeFields.RequesterNameMaxLength);
        var email = Required(errors, IntakeFields.RequesterEmail, command.RequesterEmail, IntakeFields.RequesterEmailMaxLength);
        if (email is not null && !IsEmail(email))
        {
            Add(errors, IntakeFields.RequesterEmail, DomainMessages.Get(DomainRules.IntakeEmailInvalid, IntakeFields.RequesterEmail));
        }

        var document = Optional(errors, IntakeFields.IdentityDocument, command.IdentityDocument, IntakeFields.IdentityDocumentMaxLength);
        if (document is not null && !DocumentPattern().IsMatch(document))
        {
            Add(errors, IntakeFields.IdentityDocument, DomainMessages.Get(DomainRules.IntakeDocumentInvalid, IntakeFields.IdentityDocument));
        }

        var organisation = Optional(errors, IntakeFields.Organisation, command.Organisation, IntakeFields.OrganisationMaxLength);
        var subject = Required(errors, IntakeFields.Subject, command.Subject, IntakeFields.SubjectMaxLength);
        var description = Required(errors, IntakeFields.Description, command.Description, IntakeFields.DescriptionMaxLength);
        var hint = Optional(errors, IntakeFields.CategoryHint, command.CategoryHint, IntakeFields.CategoryHintMaxLength);
        var kind = KindOf(command.Kind);
        if (kind is null)
        {
            Add(errors, IntakeFields.Kind, DomainMessages.Get(DomainRules.IntakeKindInvalid, IntakeFields.Kind));
        }

        var modality = ModalityOf(command.Modality);
        if (modality is null)
        {
            Add(errors, IntakeFields.Modality, DomainMessages.Get(DomainRules.IntakeModalityInvalid, IntakeFields.Modality));
        }

        var filedAt = InstantOf(errors, IntakeFields.FiledAt, command.FiledAt, now);
        var authorization = AuthorizationOf(errors, command, now, requireAuthorization);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return new ValidIntake(
            radicado!.ToUpperInvariant(), name!, email!, organisation, subject!, description!, hint, kind!.Value, modality!.Value, filedAt,
            authorization);
    }

    /// <summary>The radicado as stored (trimmed, upper-case), or null when the text cannot be one (no database round trip for garbage).</summary>
    public static string? NormalizeRadicado(string? radicado)
    {
        var trimmed = radicado?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > IntakeFields.RadicadoMaxLength || !RadicadoPattern().IsMatch(trimmed)
            ? null
            : trimmed.ToUpperInvariant();
    }

    /// <summary>A plain address <c>local@domain.tld</c>: no display name, no spaces, a dotted domain.</summary>
    internal static bool IsEmail(string text)
    {
        if (text.Any(char.IsWhiteSpace) || text.Count(c => c == '@') != 1)
        {
            return false;
        }

        if (!MailAddress.TryCreate(text, out var address) || !string.Equals(address.Address, text, StringComparison.Ordinal))
        {
            return false;
        }

        var domain = address.Host;
        return domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.')
            && !domain.Contains("..", StringComparison.Ordinal);
    }

    /// <summary>Nothing means an incidencia (the PQRS "soporte técnico" is mostly something that stopped working).</summary>
    private static CaseKind? KindOf(string? text) => TextSearch.Fold(text).Trim() switch
    {
        "" or "incidencia" or "incidente" or "incident" => CaseKind.Incident,
        "peticion" or "request" => CaseKind.Request,
        _ => null,
    };

    /// <summary>Nothing means a petition in general (15 business days), the modality most PQRS are.</summary>
    private static PqrsModality? ModalityOf(string? text) => TextSearch.Fold(text).Trim() switch
    {
        "" or "peticion" => PqrsModality.Peticion,
        "documentos" => PqrsModality.Documentos,
        "consulta" => PqrsModality.Consulta,
        _ => null,
    };

    /// <summary>
    /// The personal-data authorization the PQRS system collected (Ley 1581 de 2012, art. 9): <c>autorizacionDatos</c>
    /// says whether the person gave it (<c>si</c> or <c>no</c>); when given, <c>autorizacionDatosVersion</c> (the version
    /// of the notice shown) and <c>autorizacionDatosFecha</c> (when) are required. Null when the system says nothing and the
    /// entity does not require it; refused when the entity requires it and it is absent or <c>no</c>.
    /// </summary>
    private static Privacy.DataAuthorization? AuthorizationOf(
        Dictionary<string, string[]> errors, IntakeCaseCommand command, DateTimeOffset? now, bool required)
    {
        var answer = TextSearch.Fold(command.DataAuthorization).Trim();
        bool? granted = answer switch
        {
            "" => null,
            "si" or "true" => true,
            "no" or "false" => false,
            _ => null,
        };
        if (answer.Length > 0 && granted is null)
        {
            Add(errors, IntakeFields.DataAuthorization, DomainMessages.Get(DomainRules.IntakeAuthorizationInvalid, IntakeFields.DataAuthorization));
            return null;
        }

        if (granted is null)
        {
            if (required)
            {
                Add(errors, IntakeFields.DataAuthorization, DomainMessages.Get(DomainRules.IntakeAuthorizationRequired, IntakeFields.DataAuthorization));
            }
            else if (!string.IsNullOrWhiteSpace(command.DataAuthorizationVersion) || !string.IsNullOrWhiteSpace(command.DataAuthorizationAt))
            {
                Add(errors, IntakeFields.DataAuthorization, DomainMessages.Get(DomainRules.IntakeFieldRequired, IntakeFields.DataAuthorization));
            }

            return null;
        }

        if (granted == false)
        {
            if (required)
            {
                Add(errors, IntakeFields.DataAuthorization, DomainMessages.Get(DomainRules.IntakeAuthorizationRequired, IntakeFields.DataAuthorization));
            }

            return new Privacy.DataAuthorization(false, null, null);
        }

        var version = Required(errors, IntakeFields.DataAuthorizationVersion, command.DataAuthorizationVersion, Privacy.DataAuthorization.NoticeVersionMaxLength);
        DateTimeOffset? at = null;
        if (string.IsNullOrWhiteSpace(command.DataAuthorizationAt))
        {
            Add(errors, IntakeFields.DataAuthorizationAt, DomainMessages.Get(DomainRules.IntakeFieldRequired, IntakeFields.DataAuthorizationAt));
        }
        else
        {
            at = InstantOf(errors, IntakeFields.DataAuthorizationAt, command.DataAuthorizationAt, now);
        }

        return version is null || at is null ? null : new Privacy.DataAuthorization(true, version, at);
    }

    /// <summary>
    /// An instant (the radicación, the authorization): an ISO 8601 date and time with its offset (<c>Z</c> or
    /// <c>±hh:mm</c>), never after <paramref name="now"/>; nothing means "when the desk receives it" (null).
    /// </summary>
    private static DateTimeOffset? InstantOf(Dictionary<string, string[]> errors, string field, string? value, DateTimeOffset? now)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!InstantPattern().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var filedAt))
        {
            Add(errors, field, DomainMessages.Get(DomainRules.IntakeFiledAtInvalid, field));
            return null;
        }

        if (now is { } received && filedAt > received)
        {
            Add(errors, field, DomainMessages.Get(
                DomainRules.IntakeFiledAtFuture, field, received.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)));
            return null;
        }

        return filedAt;
    }

    private static string? Required(Dictionary<string, string[]> errors, string field, string? value, int maxLength)
    {
        var text = UserText.Clean(value);
        if (string.IsNullOrEmpty(text))
        {
            Add(errors, field, DomainMessages.Get(DomainRules.IntakeFieldRequired, field));
            return null;
        }

        return WithinLength(errors, field, text, maxLength);
    }

    private static string? Optional(Dictionary<string, string[]> errors, string field, string? value, int maxLength)
    {
        var text = UserText.Clean(value);
        return string.IsNullOrEmpty(text) ? null : WithinLength(errors, field, text, maxLength);
    }

    private static string? WithinLength(Dictionary<string, string[]> errors, string field, string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        Add(errors, field, DomainMessages.Get(DomainRules.IntakeFieldTooLong, field, maxLength, text.Length));
        return null;
    }

    private static void Add(Dictionary<string, string[]> errors, string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9/-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex RadicadoPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex DocumentPattern();

    /// <summary>yyyy-MM-ddTHH:mm, seconds and fractions optional, then Z or ±hh:mm: an instant, never a wall time.</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex InstantPattern();
}
