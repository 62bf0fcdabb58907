using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Intake;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using MesaServicio.Core.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MesaServicio.Core.Privacy;

/// <summary>What a person asks about their personal data (Ley 1581 de 2012, arts. 8, 14 and 15).</summary>
public enum PersonalDataRequestKind
{
    /// <summary>A consulta: what the entity holds and how it used it (art. 14, 10 business days).</summary>
    Consulta = 1,

    /// <summary>A reclamo to correct or update data (art. 15, 15 business days).</summary>
    Correccion = 2,

    /// <summary>A reclamo to delete data the entity has no duty to keep (art. 15).</summary>
    Supresion = 3,

    /// <summary>A reclamo revoking the authorization (art. 15).</summary>
    Revocacion = 4,
}

/// <summary>The person's request as typed on «Mis datos».</summary>
public sealed record PersonalDataRequestCommand(PersonalDataRequestKind Kind, string? Detail);

/// <summary>The case a request became, and when the law says the entity must answer it.</summary>
/// <param name="Number">The case's number.</param>
/// <param name="Days">The legal term in business days.</param>
/// <param name="DueAt">The close of business of the term's last day, UTC.</param>
public sealed record PersonalDataRequestFiled(string Number, int Days, DateTimeOffset DueAt);

/// <summary>
/// A personal-data request becomes a case of the category «Protección de datos personales» (a petición filed in the
/// portal by the person herself), with the law's term on the same clocks as a PQRS's: a consulta 10 business days,
/// a reclamo 15, counted from the day after it is filed. The desk answers it like any case; the requester follows it
/// on her case page and is told at every step.
/// </summary>
public sealed class PersonalDataRequests(
    IDbContextFactory<MesaDbContext> contextFactory, RegisterCase register, TimeProvider time, IOptions<IntakeOptions> intake)
{
    /// <summary>The category the requests go to (seeded); when the entity has none active by that name, the intake's default.</summary>
    public const string DefaultCategoryName = "Protección de datos personales";

    /// <summary>The legal modality of a request: a consulta, or a reclamo for everything else.</summary>
    public static PqrsModality ModalityOf(PersonalDataRequestKind kind) =>
        kind == PersonalDataRequestKind.Consulta ? PqrsModality.DatosConsulta : PqrsModality.DatosReclamo;

    /// <summary>The case's subject for a request.</summary>
    public static string SubjectOf(PersonalDataRequestKind kind) => DomainMessages.Get("Privacy.Request." + kind);

    /// <summary>Files the signed-in person's request; returns the new case and its legal due time.</summary>
    public async Task<PersonalDataRequestFiled> FileAsync(CurrentUser user, PersonalDataRequestCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(command);
        if (user is not { Kind: PrincipalKind.Person, PersonId: { } me })
        {
            throw new DomainException(DomainRules.PrivacyOnlyPeople);
        }

        if (!Enum.IsDefined(command.Kind))
        {
            throw ValidationFailedException.For("tipo", DomainMessages.Get(DomainRules.PrivacyRequestKindRequired));
        }

        var detail = command.Detail?.Trim();
        if (string.IsNullOrEmpty(detail))
        {
            throw ValidationFailedException.For("detalle", DomainMessages.Get(DomainRules.PrivacyRequestDetailRequired));
        }

        if (detail.Length > Case.DescriptionMaxLength)
        {
            throw ValidationFailedException.For("detalle", DomainMessages.Get(DomainRules.PrivacyRequestDetailTooLong, Case.DescriptionMaxLength));
        }

        var category = await CategoryAsync(cancellationToken).ConfigureAwait(false);
        var filed = await register.HandleAsync(
            new RegisterCaseCommand(CaseKind.Request, category, SubjectOf(command.Kind), detail, Impact.Medium, Urgency.Medium,
                CaseChannel.Portal, me, new PqrsFiling(ModalityOf(command.Kind), time.GetUtcNow())),
            user, cancellationToken).ConfigureAwait(false);
        await using var db = await contextFactory.CreateDbContextAsync(CancellationToken.None).ConfigureAwait(false);
        var term = await db.Cases.AsNoTracking().Where(c => c.Id == filed.CaseId)
            .Select(c => new { c.LegalTermDays, c.LegalDueAt })
            .SingleAsync(CancellationToken.None).ConfigureAwait(false);
        return new PersonalDataRequestFiled(
            filed.Number, term.LegalTermDays ?? 0, term.LegalDueAt ?? throw new InvalidOperationException("A personal-data request without its legal term."));
    }

    private async Task<int> CategoryAsync(CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.Categories.AsNoTracking()
            .Select(c => new { c.Id, c.ParentId, c.Name, c.IsActive, c.SortOrder })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var byId = rows.ToDictionary(r => r.Id);
        bool Active(int id) => byId.TryGetValue(id, out var row) && row.IsActive && (row.ParentId is not { } parent || Active(parent));
        int? Named(string name) => rows.Where(r => Active(r.Id) && ConfigurationTextSame(r.Name, name)).Select(r => (int?)r.Id).FirstOrDefault();
        return Named(DefaultCategoryName)
            ?? Named(intake.Value.DefaultCategory)
            ?? rows.Where(r => r.ParentId is null && r.IsActive).OrderBy(r => r.SortOrder).Select(r => (int?)r.Id).FirstOrDefault()
            ?? throw new NotFoundException(DomainMessages.Get("Category.Label"));
    }

    private static bool ConfigurationTextSame(string a, string b) =>
        string.Equals(TextSearch.Fold(a).Trim(), TextSearch.Fold(b).Trim(), StringComparison.Ordinal);
}
