using MesaServicio.Core.Attachments;
using MesaServicio.Core.CaseFiles;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Catalog;
using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Privacy;
using MesaServicio.Core.Security;
using MesaServicio.Core.TimedWork;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MesaServicio.Core.Retention;

/// <summary>
/// The disposition of closed cases whose retention ended (procedure activity 8; Ley 594 de 2000): a case of a top group
/// with a retention of n years, closed n years ago or more, has its whole expediente (internal notes included: it is the
/// entity's record) written to the archive folder with its annexes and their SHA-256 (<see cref="RetentionArchive"/>);
/// then, unless its group keeps them, its personal data are anonymised in the portal — its subject and description, the
/// requester's messages and survey comments, her name, e-mail and words in the other texts of the case, and its files
/// removed from the storage (rows, sizes and SHA-256 kept) — and the disposition is recorded. The figures of every
/// month stay as they were (states, dates, categories, priorities and scores are untouched). A few cases per round
/// (<see cref="RetentionOptions.CasesPerRun"/>), oldest closing first; a case already recorded is never disposed of again.
/// </summary>
public sealed partial class DispositionSweep(
    IDbContextFactory<MesaDbContext> contextFactory,
    GetCaseFile caseFile,
    RetentionArchive archive,
    AttachmentStorage storage,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<DispositionSweep> logger) : ITimedWork
{
    public string Name => "case-disposition";

    public int Order => 65;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<DueCase> due;
        bool sqlite;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            sqlite = db.Database.IsSqlite();
            due = await DueAsync(db, now, options.Value.CasesPerRun, cancellationToken).ConfigureAwait(false);
        }

        var done = 0;
        var anonymised = false;
        foreach (var c in due)
        {
            var outcome = await DisposeAsync(c, now, cancellationToken).ConfigureAwait(false);
            done += outcome is null ? 0 : 1;
            anonymised |= outcome == true;
        }

        if (anonymised && sqlite)
        {
            // The WAL still holds the pages as they were: fold it into the file (every connection runs with secure_delete).
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", CancellationToken.None).ConfigureAwait(false);
        }

        return done;
    }

    /// <summary>The closed cases past their group's retention and not yet disposed of, oldest closing first.</summary>
    internal static async Task<List<DueCase>> DueAsync(MesaDbContext db, DateTimeOffset now, int take, CancellationToken cancellationToken)
    {
        var categories = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Id, cancellationToken).ConfigureAwait(false);
        var due = new List<DueCase>();
        foreach (var group in categories.Values.Where(c => c.ParentId is null && c.RetentionYears is not null).OrderBy(c => c.Id))
        {
            var ids = categories.Keys.Where(id => CategoryPath.From(categories, id)[^1].Id == group.Id).ToList();
            var cutoff = now.AddYears(-group.RetentionYears!.Value);
            var rows = await db.Cases.AsNoTracking()
                .Where(c => c.Status == CaseStatus.Closed && c.ClosedAt != null && c.ClosedAt <= cutoff && ids.Contains(c.CategoryId)
                    && !db.CaseDispositions.Any(d => d.CaseId == c.Id))
                .OrderBy(c => c.ClosedAt).ThenBy(c => c.Number)
                .Select(c => new { c.Id, c.Number, c.RequesterId, ClosedAt = c.ClosedAt!.Value })
                .Take(take)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            due.AddRange(rows.Select(r => new DueCase(r.Id, r.Number, r.RequesterId, r.ClosedAt, group.Id, group.RetentionYears.Value, group.RetentionKeepsPersonalData)));
        }

        return [.. due.OrderBy(d => d.ClosedAt).ThenBy(d => d.Number, StringComparer.Ordinal).Take(take)];
    }

    /// <summary>Archives and records one case; true when its personal data were anonymised, false when kept, null when another instance did it.</summary>
    private async Task<bool?> DisposeAsync(DueCase c, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The desk itself reads the file: everything, internal notes included.
        var file = await caseFile.HandleAsync(c.Number, CurrentUser.System, cancellationToken).ConfigureAwait(false);
        List<ArchivedAnnex> annexes;
        await using (var read = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            annexes = await read.CaseAttachments.AsNoTracking().Where(a => a.CaseId == c.Id).OrderBy(a => a.UploadedAt).ThenBy(a => a.Id)
                .Select(a => new ArchivedAnnex(a.Id, a.FileName, a.StorageName, a.Sha256, a.ContentRemovedAt != null))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var written = await archive.WriteAsync(file, annexes, cancellationToken).ConfigureAwait(false);
        foreach (var id in written.NotCopied)
        {
            LogAnnexNotCopied(logger, id, c.Id);
        }

        var anonymise = !c.KeepPersonalData;
        List<string> removedFiles = [];
        var elsewhere = false;
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

        // Its own transaction rather than TimedWork/ExactlyOnce (decision 0035): the archive folder is published between
        // the save, which takes the case's unique disposition row, and the commit. Published before the save, a losing
        // instance would have replaced the winner's folder; after the commit, a crash would leave a recorded disposition
        // with no folder. ExactlyOnce saves and commits in one go and offers no step between them.
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                if (await db.CaseDispositions.AnyAsync(d => d.CaseId == c.Id, cancellationToken).ConfigureAwait(false))
                {
                    elsewhere = true;
                    return;
                }

                removedFiles = anonymise ? await AnonymiseAsync(db, c, now, cancellationToken).ConfigureAwait(false) : [];
                db.CaseDispositions.Add(new CaseDisposition(
                    c.Id, c.Number, c.GroupId, c.ClosedAt, c.Years, now, written.Folder, written.PdfSha256, written.PdfSize,
                    written.Files, written.NotCopied.Count, anonymise));
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                // Saved, so no other instance can record this case any more (unique per case): the folder is this round's.
                archive.Publish(written);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            elsewhere = true;
        }
        finally
        {
            RetentionArchive.Discard(written.TemporaryPath);
        }

        if (elsewhere)
        {
            // Another instance recorded it first: its record and its folder stand.
            LogDisposedElsewhere(logger, c.Id);
            return null;
        }

        foreach (var storageName in PersonalDataScrub.DeleteStored(storage, removedFiles))
        {
            LogFileNotRemoved(logger, storageName, c.Id);
        }

        LogDisposed(logger, c.Id, c.Years, written.Files, written.NotCopied.Count, anonymise);
        return anonymise;
    }

    private static async Task<List<string>> AnonymiseAsync(MesaDbContext db, DueCase c, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var requester = await db.People.AsNoTracking().SingleAsync(p => p.Id == c.RequesterId, cancellationToken).ConfigureAwait(false);
        var herTexts = new List<string?>();
        herTexts.AddRange(await db.Cases.Where(x => x.Id == c.Id).Select(x => x.Subject).ToListAsync(cancellationToken).ConfigureAwait(false));
        herTexts.AddRange(await db.Cases.Where(x => x.Id == c.Id).Select(x => x.Description).ToListAsync(cancellationToken).ConfigureAwait(false));
        herTexts.AddRange(await db.CaseComments.Where(m => m.CaseId == c.Id && m.AuthorId == c.RequesterId).Select(m => m.Text)
            .ToListAsync(cancellationToken).ConfigureAwait(false));
        herTexts.AddRange(await db.SurveyResponses.Where(r => r.CaseId == c.Id).Select(r => r.Comment).ToListAsync(cancellationToken).ConfigureAwait(false));
        herTexts.AddRange(await db.CaseAttachments.Where(a => a.CaseId == c.Id).Select(a => a.FileName).ToListAsync(cancellationToken).ConfigureAwait(false));
        // Her name and e-mail only out of this case's texts: her other cases are not disposed of.
        var redactions = PersonalDataScrub.For(requester, herTexts, mentionsEverywhere: false);

        var redacted = DomainMessages.Get("Retention.Redacted");
        await db.Cases.Where(x => x.Id == c.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Subject, redacted).SetProperty(x => x.Description, redacted), cancellationToken)
            .ConfigureAwait(false);
        await db.CaseComments.Where(m => m.CaseId == c.Id && m.AuthorId == c.RequesterId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Text, PersonalDataScrub.RedactedText), cancellationToken).ConfigureAwait(false);
        await db.SurveyResponses.Where(r => r.CaseId == c.Id && r.Comment != null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Comment, PersonalDataScrub.RedactedText), cancellationToken).ConfigureAwait(false);
        // Every file of the case leaves the storage: the archive holds the copy.
        var removed = await PersonalDataScrub.RemoveFilesAsync(
            db, db.CaseAttachments.Where(a => a.CaseId == c.Id), "archivo-transferido", now, cancellationToken).ConfigureAwait(false);
        await PersonalDataScrub.ApplyAsync(db, [c.Id], redactions, cancellationToken).ConfigureAwait(false);
        return removed;
    }

    internal sealed record DueCase(Guid Id, string Number, Guid RequesterId, DateTimeOffset ClosedAt, int GroupId, int Years, bool KeepPersonalData);

    [LoggerMessage(EventId = 9201, Level = LogLevel.Information,
        Message = "Case {CaseId} disposed of after {Years} year(s): {Files} annex(es) archived, {NotCopied} not copied, personal data anonymised: {Anonymised}")]
    private static partial void LogDisposed(ILogger logger, Guid caseId, int years, int files, int notCopied, bool anonymised);

    [LoggerMessage(EventId = 9202, Level = LogLevel.Warning, Message = "Attachment {AttachmentId} of case {CaseId} could not be archived: missing or altered in the storage")]
    private static partial void LogAnnexNotCopied(ILogger logger, Guid attachmentId, Guid caseId);

    [LoggerMessage(EventId = 9203, Level = LogLevel.Information, Message = "Case {CaseId} was disposed of by another instance")]
    private static partial void LogDisposedElsewhere(ILogger logger, Guid caseId);

    [LoggerMessage(EventId = 9204, Level = LogLevel.Warning, Message = "The stored file {StorageName} of disposed case {CaseId} could not be deleted")]
    private static partial void LogFileNotRemoved(ILogger logger, string storageName, Guid caseId);
}
