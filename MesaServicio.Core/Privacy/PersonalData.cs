using System.Text.Json;
using System.Text.Json.Serialization;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Common;
using MesaServicio.Core.People;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Reports;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Privacy;

/// <summary>The person as the desk knows them.</summary>
public sealed record PersonalDataPerson(
    [property: JsonPropertyName("nombre")] string Name,
    [property: JsonPropertyName("correo")] string Email,
    [property: JsonPropertyName("dependencia")] string? Dependency,
    [property: JsonPropertyName("roles")] IReadOnlyList<string> Roles,
    [property: JsonPropertyName("activo")] bool IsActive,
    [property: JsonPropertyName("cuentaEntraId")] bool HasEntraAccount);

/// <summary>One acceptance of the privacy notice.</summary>
public sealed record PersonalDataAcceptance(
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("aceptadoEn")] DateTimeOffset AcceptedAt);

/// <summary>One case the person filed or that was filed for them.</summary>
public sealed record PersonalDataCase(
    [property: JsonPropertyName("numero")] string Number,
    [property: JsonPropertyName("tipo")] string Kind,
    [property: JsonPropertyName("canal")] string Channel,
    [property: JsonPropertyName("estado")] string Status,
    [property: JsonPropertyName("asunto")] string Subject,
    [property: JsonPropertyName("descripcion")] string Description,
    [property: JsonPropertyName("recibidoEn")] DateTimeOffset ReceivedAt,
    [property: JsonPropertyName("resueltoEn")] DateTimeOffset? ResolvedAt,
    [property: JsonPropertyName("cerradoEn")] DateTimeOffset? ClosedAt,
    [property: JsonPropertyName("solucion")] string? Solution,
    [property: JsonPropertyName("radicadoPqrs")] string? Radicado,
    [property: JsonPropertyName("autorizacionDatosPqrs")] bool? DataAuthorization);

/// <summary>One message of the conversation of the person's cases (the desk's internal notes are not theirs to read).</summary>
public sealed record PersonalDataMessage(
    [property: JsonPropertyName("caso")] string CaseNumber,
    [property: JsonPropertyName("fecha")] DateTimeOffset At,
    [property: JsonPropertyName("autor")] string Author,
    [property: JsonPropertyName("texto")] string Text);

/// <summary>One answer to a satisfaction survey.</summary>
public sealed record PersonalDataSurvey(
    [property: JsonPropertyName("caso")] string CaseNumber,
    [property: JsonPropertyName("respondidaEn")] DateTimeOffset AnsweredAt,
    [property: JsonPropertyName("satisfecho")] bool Satisfied,
    [property: JsonPropertyName("calificacionGeneral")] int Rating,
    [property: JsonPropertyName("oportunidad")] int Timeliness,
    [property: JsonPropertyName("trato")] int Courtesy,
    [property: JsonPropertyName("comentario")] string? Comment);

/// <summary>One notice the portal gave the person.</summary>
public sealed record PersonalDataNotice(
    [property: JsonPropertyName("fecha")] DateTimeOffset At,
    [property: JsonPropertyName("caso")] string? CaseNumber,
    [property: JsonPropertyName("texto")] string Text,
    [property: JsonPropertyName("leidoEn")] DateTimeOffset? ReadAt);

/// <summary>One file of the person's cases (not an internal one).</summary>
public sealed record PersonalDataFile(
    [property: JsonPropertyName("caso")] string CaseNumber,
    [property: JsonPropertyName("nombre")] string FileName,
    [property: JsonPropertyName("bytes")] long Size,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("subidoEn")] DateTimeOffset UploadedAt,
    [property: JsonPropertyName("subidoPor")] string UploadedBy);

/// <summary>
/// Everything the desk holds about one person (Ley 1581 de 2012, art. 8 a: the right to know one's data): the person
/// record, the privacy notices accepted, their cases with their conversation, survey answers, notices and files.
/// Instants are in Bogotá time.
/// </summary>
public sealed record PersonalDataReport(
    [property: JsonPropertyName("generadoEn")] DateTimeOffset GeneratedAt,
    [property: JsonPropertyName("persona")] PersonalDataPerson Person,
    [property: JsonPropertyName("avisosDePrivacidadAceptados")] IReadOnlyList<PersonalDataAcceptance> Acceptances,
    [property: JsonPropertyName("casos")] IReadOnlyList<PersonalDataCase> Cases,
    [property: JsonPropertyName("mensajes")] IReadOnlyList<PersonalDataMessage> Messages,
    [property: JsonPropertyName("encuestas")] IReadOnlyList<PersonalDataSurvey> Surveys,
    [property: JsonPropertyName("avisosDelPortal")] IReadOnlyList<PersonalDataNotice> Notices,
    [property: JsonPropertyName("archivos")] IReadOnlyList<PersonalDataFile> Files)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The report as an indented UTF-8 JSON document, Spanish keys.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, JsonOptions);
}

/// <summary>
/// «Mis datos»: what the desk holds about the signed-in person, and nobody else's. The desk's internal notes and files
/// are left out (they are the entity's working papers); staff's work on other people's cases is not theirs either.
/// </summary>
public sealed class GetPersonalData(IDbContextFactory<MesaDbContext> contextFactory, IBusinessCalendarProvider calendars, TimeProvider time)
{
    /// <summary>What the author column says for a message the person did not write.</summary>
    public const string DeskAuthor = "Mesa de servicio";

    /// <summary>What it says for the person's own.</summary>
    public const string SelfAuthor = "Usted";

    public async Task<PersonalDataReport> HandleAsync(CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user is not { Kind: PrincipalKind.Person, PersonId: { } me })
        {
            throw new DomainException(DomainRules.PrivacyOnlyPeople);
        }

        var calendar = calendars.Current;
        DateTimeOffset Local(DateTimeOffset instant) => calendar.ToLocal(instant);
        DateTimeOffset? LocalOrNull(DateTimeOffset? instant) => instant is { } i ? calendar.ToLocal(i) : null;

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == me, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(DomainMessages.Get("Person.Label"));
        var acceptances = await db.PrivacyAcceptances.AsNoTracking().Where(a => a.PersonId == me).OrderBy(a => a.Version)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var cases = await db.Cases.AsNoTracking().Where(c => c.RequesterId == me).OrderBy(c => c.ReceivedAt)
            .Select(c => new
            {
                c.Id, c.Number, c.Kind, c.Channel, c.Status, c.Subject, c.Description, c.ReceivedAt, c.ResolvedAt, c.ClosedAt,
                c.Solution, c.ExternalReference, c.DataAuthorizationGranted,
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var numbers = cases.ToDictionary(c => c.Id, c => c.Number);
        var caseIds = numbers.Keys.ToList();
        var messages = await db.CaseComments.AsNoTracking().Where(m => caseIds.Contains(m.CaseId) && !m.IsInternal)
            .OrderBy(m => m.At).Select(m => new { m.CaseId, m.At, m.AuthorId, m.Text })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var surveys = await db.SurveyResponses.AsNoTracking().Where(s => caseIds.Contains(s.CaseId)).OrderBy(s => s.AnsweredAt)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var notices = await db.PortalNotifications.AsNoTracking().Where(n => n.PersonId == me).OrderBy(n => n.CreatedAt)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var files = await db.CaseAttachments.AsNoTracking().Where(f => caseIds.Contains(f.CaseId) && !f.IsInternal).OrderBy(f => f.UploadedAt)
            .Select(f => new { f.CaseId, f.FileName, f.Size, f.Sha256, f.UploadedAt, f.UploadedById })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        return new PersonalDataReport(
            Local(time.GetUtcNow()),
            new PersonalDataPerson(person.DisplayName, person.Email, person.Dependency, RoleNames(person.Roles), person.IsActive, person.ExternalObjectId is not null),
            [.. acceptances.Select(a => new PersonalDataAcceptance(a.Version, Local(a.AcceptedAt)))],
            [.. cases.Select(c => new PersonalDataCase(
                c.Number, ReportFormat.Label(c.Kind), ReportFormat.Label(c.Channel), ReportFormat.Label(c.Status), c.Subject, c.Description,
                Local(c.ReceivedAt), LocalOrNull(c.ResolvedAt), LocalOrNull(c.ClosedAt), c.Solution, c.ExternalReference, c.DataAuthorizationGranted))],
            [.. messages.Select(m => new PersonalDataMessage(numbers[m.CaseId], Local(m.At), m.AuthorId == me ? SelfAuthor : DeskAuthor, m.Text))],
            [.. surveys.Select(s => new PersonalDataSurvey(
                numbers[s.CaseId], Local(s.AnsweredAt), s.Satisfied, s.Rating, s.Timeliness, s.Courtesy, s.Comment))],
            [.. notices.Select(n => new PersonalDataNotice(Local(n.CreatedAt), n.CaseNumber, n.Text, LocalOrNull(n.ReadAt)))],
            [.. files.Select(f => new PersonalDataFile(
                numbers[f.CaseId], f.FileName, f.Size, f.Sha256, Local(f.UploadedAt), f.UploadedById == me ? SelfAuthor : DeskAuthor))]);
    }

    /// <summary>The person's roles in the desk's words (every person is a requester).</summary>
    public static IReadOnlyList<string> RoleNames(PersonRoles roles)
    {
        var names = new List<string> { "Usuario solicitante" };
        if (roles.HasFlag(PersonRoles.Agent))
        {
            names.Add("Técnico de la mesa de servicio");
        }

        if (roles.HasFlag(PersonRoles.TechnicalLead))
        {
            names.Add("Líder técnico");
        }

        if (roles.HasFlag(PersonRoles.Coordinator))
        {
            names.Add("Coordinador");
        }

        if (roles.HasFlag(PersonRoles.Jefe))
        {
            names.Add("Jefe de la oficina (consulta)");
        }

        return names;
    }
}
