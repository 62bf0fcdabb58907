using MesaServicio.Core.Attachments;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.People;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using MesaServicio.Core.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MesaServicio.Core.Intake;

/// <summary>
/// A case from the entity's PQRS system (procedure activity 1, channel PQRS), for the integration principal
/// only. The submission is validated field by field (every problem in one answer); the requester is the
/// person the desk knows by that e-mail, or a new external person (no account); the category hint picks an
/// active category, accents and case ignored, or <see cref="IntakeOptions.DefaultCategory"/>; impact and
/// urgency are Medium. The case goes through <see cref="RegisterCase"/>, the portal's own path (priority,
/// ANS, number, routing), and its files through the attachments' checks, all in one transaction: a refused
/// file or field leaves no case, no person and no file behind.
/// <para>
/// Idempotent by radicado, per client: a radicado the same client already sent answers with its case as it is now,
/// and the repeated submission changes nothing (its files are not added, its modality and radicación leave the legal
/// term as it is). Two submissions racing with the same radicado make one case: the check before registering
/// usually finds the winner; otherwise the unique index (client, radicado) refuses the second, which then answers
/// with the first's case. Another client's case is never found nor revealed: the same radicado from another client
/// makes that client's own case (decision 0028).
/// </para>
/// <para>
/// The legal term (Ley 1755 de 2015, art. 14) starts at the radicación the PQRS system sends (<c>fechaRadicacion</c>,
/// never after the desk receives the case; nothing means "received now"), for the modality it names (<c>modalidad</c>,
/// a petition in general by default).
/// </para>
/// </summary>
public sealed partial class IntakeCase(
    IDbContextFactory<MesaDbContext> contextFactory,
    RegisterCase register,
    AttachFiles attach,
    GetIntakeCase cases,
    CaseGuard guard,
    TimeProvider time,
    IBusinessCalendarProvider calendars,
    IOptions<IntakeOptions> options,
    ILogger<IntakeCase> logger)
{
    /// <summary>The label of the intake's files in the attachments' log.</summary>
    private const string FilesLabel = "PQRS";

    /// <summary>The limits files must keep (for the API's description and its body limit).</summary>
    public AttachmentLimits Limits => attach.Limits;

    /// <summary>Files and fields at once (Core callers, tests).</summary>
    public async Task<IntakeResult> HandleAsync(
        IntakeCaseCommand command, IReadOnlyList<IncomingFile> files, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        await using var batch = StartFiles(user);
        foreach (var file in files)
        {
            await AddFileAsync(batch, file, cancellationToken).ConfigureAwait(false);
        }

        return await HandleAsync(command, batch, user, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts receiving a submission's files as they stream in (an HTTP multipart body), after authorizing:
    /// nothing is read for anyone but the integration. Dispose it: files of a submission that made no case are removed.
    /// </summary>
    public AttachmentBatch StartFiles(CurrentUser user)
    {
        guard.Demand(user, GlobalOperation.Intake);
        return attach.StartForNewCase(user, FilesLabel);
    }

    /// <summary>Receives one file through every attachment check; a refusal names the field, like any other field's.</summary>
    public static async Task AddFileAsync(AttachmentBatch batch, IncomingFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        try
        {
            await batch.AddAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (DomainException refused) when (refused is not ValidationFailedException)
        {
            throw ValidationFailedException.For(
                IntakeFields.Files, DomainMessages.Get(DomainRules.IntakeFileRefused, IntakeFields.Files, refused.Message));
        }
    }

    /// <summary>Registers the submission with the files received in <paramref name="files"/>, or finds the radicado's case.</summary>
    public async Task<IntakeResult> HandleAsync(IntakeCaseCommand command, AttachmentBatch files, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        guard.Demand(user, GlobalOperation.Intake);
        var intake = IntakeValidation.Validate(command, calendars.Current.ToLocal(time.GetUtcNow()), options.Value.RequireDataAuthorization);
        var client = GetIntakeCase.ClientOf(user);
        if (await cases.FindAsync(intake.Radicado, client, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            LogRepeated(logger, intake.Radicado.Length, existing.Number);
            return new IntakeResult(existing, Created: false);
        }

        return await RegisterNewAsync(intake, files, user, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Registers without looking for the radicado before queueing: only the check inside the registration stops a duplicate (tests race it directly).</summary>
    internal async Task<IntakeResult> RegisterNewAsync(ValidIntake intake, AttachmentBatch files, CurrentUser user, CancellationToken cancellationToken)
    {
        var client = GetIntakeCase.ClientOf(user);
        var categoryId = await CategoryForAsync(intake.CategoryHint, cancellationToken).ConfigureAwait(false);
        Case registered;
        try
        {
            registered = await register.RegisterAsync(
                new RegisterCaseCommand(intake.Kind, categoryId, intake.Subject, intake.Description, Impact.Medium, Urgency.Medium,
                    CaseChannel.Pqrs, Guid.Empty, new PqrsFiling(intake.Modality, intake.FiledAt ?? time.GetUtcNow())),
                user,
                new CaseRegistrationExtras
                {
                    ExternalReference = intake.Radicado,
                    DataAuthorization = intake.DataAuthorization,
                    ResolveRequester = async (db, ct) =>
                    {
                        // Registrations are serial (RegistrationBatches): a case of this radicado seen here is committed or
                        // earlier in this very batch, so the expected race ends here, without a failed INSERT in the logs.
                        if (await db.Cases.AnyAsync(c => c.IntakeClient == client && c.ExternalReference == intake.Radicado, ct).ConfigureAwait(false))
                        {
                            throw new RadicadoTakenException();
                        }

                        return await FindOrAddRequesterAsync(db, intake, ct).ConfigureAwait(false);
                    },
                    Work = new FiledByClient(client, files),
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RadicadoTakenException or DbUpdateException)
        {
            // Another submission of the radicado registered first (seen inside the registering transaction or, as a last
            // resort, by the unique index). Its case is the answer.
            var winner = await cases.FindAsync(intake.Radicado, client, CancellationToken.None).ConfigureAwait(false);
            if (winner is null)
            {
                throw;
            }

            LogRaceLost(logger, winner.Number, ex.GetType().Name);
            return new IntakeResult(winner, Created: false);
        }

        LogRegistered(logger, registered.Number, registered.CategoryId);
        var view = await cases.FindAsync(intake.Radicado, client, cancellationToken).ConfigureAwait(false);
        return new IntakeResult(view!, Created: true);
    }

    /// <summary>
    /// The person the desk knows by this e-mail (an active one first, one with an Entra account first), or a new
    /// external person: name, e-mail and organisation (kept as the dependencia). A known person is left as they are.
    /// </summary>
    private async Task<Person> FindOrAddRequesterAsync(MesaDbContext db, ValidIntake intake, CancellationToken cancellationToken)
    {
        var email = Person.Normalize(intake.RequesterEmail);
        if (db.Database.IsNpgsql())
        {
            // Two submissions with the same new e-mail at once must not both add the person: the second waits here, in
            // its transaction, until the first commits, then finds them. (SQLite's write transactions are serial.)
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({"persona:" + email}))", cancellationToken).ConfigureAwait(false);
        }

        var known = await db.People
            .Where(p => p.NormalizedEmail == email)
            .OrderByDescending(p => p.IsActive)
            .ThenByDescending(p => p.ExternalObjectId != null)
            .ThenBy(p => p.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (known is not null)
        {
            return known;
        }

        var person = new Person(Guid.CreateVersion7(time.GetUtcNow()), intake.RequesterName, intake.RequesterEmail, intake.Organisation, PersonRoles.None);
        db.People.Add(person);
        return person;
    }

    /// <summary>
    /// The active category the hint names: the same name with accents and case ignored, else the only one whose
    /// name has every word of the hint; else the default. A category is active when it and all its ancestors are.
    /// </summary>
    private async Task<int> CategoryForAsync(string? hint, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.Categories.AsNoTracking()
            .Select(c => new { c.Id, c.ParentId, c.Name, c.IsActive, c.SortOrder })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var byId = rows.ToDictionary(r => r.Id);
        bool Active(int id)
        {
            for (int? next = id, depth = 0; next is { } n && depth < 10; depth++)
            {
                if (!byId.TryGetValue(n, out var row) || !row.IsActive)
                {
                    return false;
                }

                next = row.ParentId;
            }

            return true;
        }

        var active = rows.Where(r => Active(r.Id)).OrderBy(r => r.ParentId is null ? 0 : 1).ThenBy(r => r.SortOrder).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        if (active.Count == 0)
        {
            throw new NotFoundException(DomainMessages.Get("Category.Label"));
        }

        int? Named(string? name)
        {
            var folded = TextSearch.Fold(name).Trim();
            if (folded.Length == 0)
            {
                return null;
            }

            var same = active.FirstOrDefault(r => string.Equals(string.Join(' ', TextSearch.Fold(r.Name).Split(' ', StringSplitOptions.RemoveEmptyEntries)),
                string.Join(' ', folded.Split(' ', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal));
            if (same is not null)
            {
                return same.Id;
            }

            var containing = active.Where(r => TextSearch.MatchesAllWords(r.Name, name)).Take(2).ToList();
            return containing.Count == 1 ? containing[0].Id : null;
        }

        return Named(hint)
            ?? Named(options.Value.DefaultCategory)
            ?? active.First(r => r.ParentId is null).Id;
    }


    /// <summary>Records the filing client on the new case, then hands over to the files' work.</summary>
    private sealed class FiledByClient(string client, ICaseRegistrationWork files) : ICaseRegistrationWork
    {
        public void AddTo(MesaDbContext db, Case c, CaseContext context)
        {
            c.FiledByIntakeClient(client);
            files.AddTo(db, c, context);
        }

        public void BeforeCommit() => files.BeforeCommit();

        public void AfterRollback() => files.AfterRollback();

        public void Committed() => files.Committed();
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "PQRS intake registered case {CaseNumber} in category {CategoryId}")]
    private static partial void LogRegistered(ILogger logger, string caseNumber, int categoryId);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "PQRS intake: a radicado ({Length} characters) already made case {CaseNumber}")]
    private static partial void LogRepeated(ILogger logger, int length, string caseNumber);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "PQRS intake: a concurrent submission of the same radicado made case {CaseNumber} first ({Error})")]
    private static partial void LogRaceLost(ILogger logger, string caseNumber, string error);
}
