using MesaServicio.Core.Attachments;
using MesaServicio.Core.Common;
using MesaServicio.Core.Configuration;
using MesaServicio.Core.People;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MesaServicio.Core.Privacy;

/// <summary>The coordinator's order to anonymise one person, with its reason (e.g. the reclamo de supresión that asks for it).</summary>
public sealed record AnonymisePersonCommand(Guid PersonId, string? Reason);

/// <summary>What the anonymisation replaced.</summary>
public sealed record AnonymisationResult(int Cases, int Messages, int FilesRemoved);

/// <summary>
/// Anonymises a person (Ley 1581 de 2012, art. 8 e: supresión): her name, e-mail, dependencia and Entra id are replaced
/// and she is deactivated; the subjects and descriptions of her cases, the messages and survey comments she wrote are
/// replaced; the files she uploaded are removed from the storage (the rows keep size and SHA-256 as evidence they
/// existed); her portal notices and e-mails are deleted or emptied; her name and e-mail are taken out of every other
/// text of her cases and of the notices and e-mails of others. Nothing a figure is computed from changes (states,
/// dates, categories, priorities, levels, scores), so every month's results stay identical. One transaction, audited
/// with the reason and the person's id only; on SQLite with <c>secure_delete</c> and a WAL checkpoint, so the old
/// texts are not left in the file. The stored versions of closed months are the entity's records and are not rewritten.
/// </summary>
public sealed partial class AnonymisePerson(
    IDbContextFactory<MesaDbContext> contextFactory,
    CaseGuard guard,
    AttachmentStorage storage,
    Board.BoardCardNames names,
    TimeProvider time,
    ILogger<AnonymisePerson> logger)
{
    public const int ReasonMaxLength = 500;

    /// <summary>What replaces a case's subject and description.</summary>
    public const string RedactedCase = "[Datos anonimizados]";

    /// <summary>What replaces a message or a survey comment the person wrote.</summary>
    public const string RedactedText = PersonalDataScrub.RedactedText;

    /// <summary>What replaces the person's name or e-mail inside another text.</summary>
    public const string RedactedMention = PersonalDataScrub.RedactedMention;

    public async Task<AnonymisationResult> HandleAsync(AnonymisePersonCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        guard.Demand(user, GlobalOperation.Configuration);
        var reason = command.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            throw new DomainException(DomainRules.AnonymiseReasonRequired);
        }

        if (reason.Length > ReasonMaxLength)
        {
            throw new DomainException(DomainRules.AnonymiseReasonTooLong, ReasonMaxLength);
        }

        var now = time.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sqlite = db.Database.IsSqlite();
        // On SQLite every connection has secure_delete on (SqliteBusyTimeout): freed space is overwritten with zeros.
        List<string> removedFiles = [];
        AnonymisationResult result = new(0, 0, 0);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var person = await db.People.SingleOrDefaultAsync(p => p.Id == command.PersonId, cancellationToken).ConfigureAwait(false)
                ?? throw new NotFoundException(DomainMessages.Get("Person.Label"));
            if (person.AnonymisedAt is not null)
            {
                throw new DomainException(DomainRules.AnonymiseAlready);
            }

            if (person.Roles != PersonRoles.None)
            {
                throw new DomainException(DomainRules.AnonymiseStaff);
            }

            var id = person.Id;
            var email = person.Email.Trim().ToLowerInvariant();
            var caseIds = await db.Cases.Where(c => c.RequesterId == id).Select(c => c.Id).ToListAsync(cancellationToken).ConfigureAwait(false);

            // What to take out of every other text (the history, others' messages, notices, e-mails): her name and e-mail,
            // and the texts she wrote, which the history and the notices may quote (a survey comment, a file's name).
            var herTexts = new List<string?>();
            herTexts.AddRange(await db.Cases.Where(c => c.RequesterId == id).Select(c => c.Subject).ToListAsync(cancellationToken).ConfigureAwait(false));
            herTexts.AddRange(await db.Cases.Where(c => c.RequesterId == id).Select(c => c.Description).ToListAsync(cancellationToken).ConfigureAwait(false));
            herTexts.AddRange(await db.CaseComments.Where(m => m.AuthorId == id).Select(m => m.Text).ToListAsync(cancellationToken).ConfigureAwait(false));
            herTexts.AddRange(await db.SurveyResponses.Where(r => caseIds.Contains(r.CaseId)).Select(r => r.Comment).ToListAsync(cancellationToken).ConfigureAwait(false));
            herTexts.AddRange(await db.CaseAttachments.Where(a => a.UploadedById == id).Select(a => a.FileName).ToListAsync(cancellationToken).ConfigureAwait(false));
            // Her name and e-mail are taken out of every notice and e-mail; her words only out of those about her cases.
            var scrub = PersonalDataScrub.For(person, herTexts, mentionsEverywhere: true);

            var cases = await db.Cases.Where(c => c.RequesterId == id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Subject, RedactedCase).SetProperty(c => c.Description, RedactedCase), cancellationToken)
                .ConfigureAwait(false);
            var messages = await db.CaseComments.Where(m => m.AuthorId == id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Text, RedactedText), cancellationToken).ConfigureAwait(false);
            await db.SurveyResponses.Where(r => caseIds.Contains(r.CaseId) && r.Comment != null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Comment, RedactedText), cancellationToken).ConfigureAwait(false);

            removedFiles = await PersonalDataScrub.RemoveFilesAsync(
                db, db.CaseAttachments.Where(a => a.UploadedById == id), "archivo-anonimizado", now, cancellationToken).ConfigureAwait(false);

            // Her own notices and e-mails: the ones waiting are dropped, the ones sent emptied.
            await db.PortalNotifications.Where(n => n.PersonId == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            var waiting = db.OutboxMessages.Where(m => m.SentAt == null && (m.RecipientId == id || m.ToAddress.ToLower() == email)).Select(m => m.Id);
            await db.OutboxAttachments.Where(a => waiting.Contains(a.MessageId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await db.OutboxMessages.Where(m => m.SentAt == null && (m.RecipientId == id || m.ToAddress.ToLower() == email))
                .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            person.Anonymise(now);
            await db.OutboxMessages.Where(m => m.RecipientId == id || m.ToAddress.ToLower() == email)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.ToAddress, person.Email)
                    .SetProperty(m => m.Subject, RedactedText)
                    .SetProperty(m => m.TextBody, RedactedText)
                    .SetProperty(m => m.HtmlBody, RedactedText), cancellationToken)
                .ConfigureAwait(false);

            // Her name, e-mail and words inside everyone else's texts.
            await PersonalDataScrub.ApplyAsync(db, caseIds, scrub, cancellationToken).ConfigureAwait(false);

            db.ConfigurationChanges.Add(new ConfigurationChange(
                now, user.PersonId, ConfigurationAreas.PersonalData, "Persona " + id.ToString("D"), null,
                AuditJson.Of(new { anonimizada = true, casos = cases, mensajes = messages, archivosRetirados = removedFiles.Count }), reason));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            result = new AnonymisationResult(cases, messages, removedFiles.Count);
            names.Forget(id);
            LogAnonymised(logger, id, cases, messages, removedFiles.Count);
        }).ConfigureAwait(false);

        if (sqlite)
        {
            // The WAL still holds the pages as they were: fold it into the file and empty it.
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", CancellationToken.None).ConfigureAwait(false);
        }

        // After the commit: a failure here leaves a file nobody can download (the row says removed); it is logged.
        foreach (var storageName in PersonalDataScrub.DeleteStored(storage, removedFiles))
        {
            LogFileNotRemoved(logger, storageName);
        }

        return result;
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Information, Message = "Person {PersonId} anonymised: {Cases} case(s), {Messages} message(s), {Files} file(s) removed")]
    private static partial void LogAnonymised(ILogger logger, Guid personId, int cases, int messages, int files);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Warning, Message = "The stored file {StorageName} of an anonymised person could not be deleted")]
    private static partial void LogFileNotRemoved(ILogger logger, string storageName);
}
