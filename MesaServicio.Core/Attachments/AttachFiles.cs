using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MesaServicio.Core.Attachments;

/// <summary>
/// A file on its way in, whatever the channel: Blazor's <c>IBrowserFile</c>
/// (<c>new IncomingFile(f.Name, f.ContentType, f.Size, max =&gt; f.OpenReadStream(max, ct))</c>) or a
/// multipart section (<c>_ =&gt; section.Body</c>, no length). <see cref="OpenRead"/> receives the largest
/// size accepted; it is called once, and the stream is read once, start to end, and disposed by Core.
/// The declared type and length are only claims: the content is counted and checked as it streams.
/// </summary>
public sealed record IncomingFile(string? FileName, string? DeclaredContentType, long? DeclaredLength, Func<long, Stream> OpenRead);

/// <summary>Files for a case, optionally with the message (public comment or internal note) they come with.</summary>
public sealed record AttachFilesCommand(string Number, IReadOnlyList<IncomingFile> Files, string? MessageText = null, bool IsInternal = false);

/// <summary>A file as stored.</summary>
public sealed record AttachedFile(Guid Id, string FileName, long Size, string ContentType, string Sha256);

/// <summary>What one message stored: its files and, when it had text, the comment.</summary>
public sealed record AttachFilesResult(string Number, Guid? CommentId, IReadOnlyList<AttachedFile> Files);

/// <summary>
/// Attaches files to a case, all or nothing: each file is checked (count, size while streaming, extension
/// and declared type against the allow-list, content by its magic bytes or as UTF-8 text, no markup or
/// executable whatever the name), streamed to a temporary file in the storage folder while its SHA-256
/// is computed, and only when every file of the message passed are the rows, the history and the optional
/// comment written in one transaction and the files moved to their generated names. A refused file leaves
/// no row and no file behind, and the message names the file and the rule.
/// </summary>
public sealed partial class AttachFiles(
    IDbContextFactory<MesaDbContext> contextFactory,
    IBusinessCalendarProvider calendars,
    TimeProvider time,
    CaseGuard guard,
    CaseEventDispatcher dispatcher,
    Board.BoardCardNames names,
    AttachmentStorage storage,
    IOptions<AttachmentOptions> options,
    ILoggerFactory loggers,
    ICaseNotices notices,
    Notifications.IPortalNotifier notifier)
{
    /// <summary>Logger category of attachment work.</summary>
    public const string LogCategory = "MesaServicio.Attachments";

    private readonly ILogger _log = loggers.CreateLogger(LogCategory);
    private readonly AttachmentLimits _limits = new(
        options.Value.MaxFileBytes, options.Value.MaxFilesPerMessage, options.Value.EffectiveAllowedTypes());

    /// <summary>The limits in force, for the form (file picker <c>accept</c>, sizes to announce, <c>OpenReadStream</c>'s maximum).</summary>
    public AttachmentLimits Limits => _limits;

    /// <summary>Attaches the files (without a message).</summary>
    public Task<AttachFilesResult> HandleAsync(string caseNumber, IReadOnlyList<IncomingFile> files, CurrentUser user, CancellationToken cancellationToken) =>
        HandleAsync(new AttachFilesCommand(caseNumber, files), user, cancellationToken);

    /// <summary>Attaches the files and, when the command has text, adds the message they come with, all in one.</summary>
    public async Task<AttachFilesResult> HandleAsync(AttachFilesCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(command.Files);
        var messageOperation = MessageOperation(command.MessageText, command.IsInternal);
        await using var batch = await StartCoreAsync(command.Number, user, messageOperation, cancellationToken).ConfigureAwait(false);
        if (command.Files.Count == 0)
        {
            throw new DomainException(DomainRules.AttachmentNoFiles);
        }

        if (command.Files.Count > _limits.MaxFilesPerMessage)
        {
            throw batch.Refused(new DomainException(DomainRules.AttachmentTooManyFiles, _limits.MaxFilesPerMessage));
        }

        foreach (var file in command.Files)
        {
            await batch.AddAsync(file, cancellationToken).ConfigureAwait(false);
        }

        return await batch.CommitAsync(command.MessageText, command.IsInternal, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts a message's files when they arrive one by one (an HTTP multipart body): authorizes first, so
    /// nothing is read for a case out of reach (it answers as a missing one). Add each file with
    /// <see cref="AttachmentBatch.AddAsync"/>, then <see cref="AttachmentBatch.CommitAsync"/>; disposing an
    /// uncommitted batch removes everything it had received.
    /// </summary>
    public Task<AttachmentBatch> StartAsync(string caseNumber, CurrentUser user, CancellationToken cancellationToken) =>
        StartCoreAsync(caseNumber, user, null, cancellationToken);

    internal static CaseOperationKind? MessageOperation(string? text, bool isInternal) =>
        string.IsNullOrWhiteSpace(text) ? null : isInternal ? CaseOperationKind.InternalNote : CaseOperationKind.Comment;

    private async Task<AttachmentBatch> StartCoreAsync(
        string caseNumber, CurrentUser user, CaseOperationKind? messageOperation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var normalized = (caseNumber ?? "").Trim().ToUpperInvariant();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var c = await db.Cases.AsNoTracking().SingleOrDefaultAsync(x => x.Number == normalized, cancellationToken).ConfigureAwait(false)
            ?? throw CaseGuard.CaseNotFound(normalized);
        await guard.DemandAsync(db, user, c, CaseOperationKind.Attach, cancellationToken).ConfigureAwait(false);
        if (messageOperation is { } operation)
        {
            await guard.DemandAsync(db, user, c, operation, cancellationToken).ConfigureAwait(false);
        }

        if (c.Status == CaseStatus.Closed)
        {
            throw new DomainException(DomainRules.AttachmentCaseClosed);
        }

        return new AttachmentBatch(this, c.Id, c.Number, user);
    }

    internal AttachmentStorage Storage => storage;

    internal TimeProvider Time => time;

    internal ILogger Log => _log;

    /// <summary>Writes the rows, history and optional comment, then moves the files to their names, in one transaction.</summary>
    internal async Task<AttachFilesResult> StoreAsync(
        Guid caseId, string number, CurrentUser user, IReadOnlyList<PendingFile> files, string? messageText, bool isInternal,
        CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var c = await db.Cases.SingleOrDefaultAsync(x => x.Id == caseId, cancellationToken).ConfigureAwait(false)
            ?? throw CaseGuard.CaseNotFound(number);

        // Checked again: the case or the person's roles may have changed while the files were arriving.
        await guard.DemandAsync(db, user, c, CaseOperationKind.Attach, cancellationToken).ConfigureAwait(false);
        if (MessageOperation(messageText, isInternal) is { } operation)
        {
            await guard.DemandAsync(db, user, c, operation, cancellationToken).ConfigureAwait(false);
        }

        if (c.Status == CaseStatus.Closed)
        {
            throw new DomainException(DomainRules.AttachmentCaseClosed);
        }

        var now = time.GetUtcNow();
        var context = new CaseContext(user.Actor, now, calendars.Current);
        var before = Board.BoardCards.Before(c, context.Calendar, now);
        var comment = MessageOperation(messageText, isInternal) is null ? null : c.Comment(messageText!, isInternal, context);
        var stored = AddRows(db, c.Id, comment?.Id, comment?.IsInternal ?? false, user.Actor.PersonId, now, files);

        // Files alone change what the case's open pages show; a message with them tells people as any message does.
        c.FilesAttached(stored, context);
        var portal = await notices.QueueAsync(db, c, c.Events, user.PersonId, now, cancellationToken).ConfigureAwait(false);
        var after = await Board.BoardCards.AfterAsync(db, names, c, context.Calendar, now, cancellationToken).ConfigureAwait(false);

        // A transient PostgreSQL failure before the commit runs the attempt again with the same tracked rows (they are
        // accepted only once committed); a failed commit is not repeated: its files were just taken back.
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            try
            {
                await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct).ConfigureAwait(false);
            }
            catch (DbUpdateConcurrencyException ex)
            {
                throw new ConcurrencyConflictException(c.Number, ex);
            }

            var moved = MoveIntoStorage(files);
            try
            {
                // Past this point nothing is cancelled: the rows and the files are kept together.
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (strategy.RetriesOnFailure)
            {
                RemoveStored(moved);
                throw new CommitNotRetriedException("The database did not confirm the attachments' commit.", ex);
            }
            catch
            {
                RemoveStored(moved);
                throw;
            }
        }, cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.AcceptAllChanges();

        AttachmentStored(_log, c.Number, user.LogId, files.Count, files.Sum(f => f.Size));
        CaseEvent[] events = [.. c.Events, new CaseProjected(c.Id, c.Number, now, before, after)];
        c.ClearEvents();

        // Committed: what follows is told whatever happens to the request that made the change.
        await dispatcher.DispatchAsync(events, CancellationToken.None).ConfigureAwait(false);
        await notifier.PushAsync(portal, CancellationToken.None).ConfigureAwait(false);
        return new AttachFilesResult(
            c.Number, comment?.Id,
            [.. stored.Select(a => new AttachedFile(a.Id, a.FileName, a.Size, a.DetectedContentType, a.Sha256))]);
    }

    /// <summary>Adds the rows of a message's files; their history lines are the case's (<see cref="Case.FilesAttached"/>).</summary>
    internal static List<CaseAttachment> AddRows(
        MesaDbContext db, Guid caseId, Guid? commentId, bool hidden, Guid? uploadedById, DateTimeOffset now, IReadOnlyList<PendingFile> files)
    {
        var stored = new List<CaseAttachment>(files.Count);
        foreach (var file in files)
        {
            var attachment = new CaseAttachment(
                file.Id, caseId, commentId, hidden, uploadedById, now, file.FileName, file.DeclaredContentType,
                file.Format.ContentType, file.Size, file.Sha256);
            stored.Add(attachment);
            db.CaseAttachments.Add(attachment);
        }

        return stored;
    }

    /// <summary>Moves the received files to their generated names; on a failure removes those already moved and throws.</summary>
    internal List<string> MoveIntoStorage(IReadOnlyList<PendingFile> files)
    {
        var moved = new List<string>(files.Count);
        try
        {
            foreach (var file in files)
            {
                var target = storage.PathOf(CaseAttachment.StorageNameFor(file.Id));
                File.Move(file.TemporaryPath, target, overwrite: false);
                moved.Add(target);
                file.Moved = true;
            }
        }
        catch
        {
            RemoveStored(moved);
            throw;
        }

        return moved;
    }

    /// <summary>Removes stored files whose rows did not commit.</summary>
    internal static void RemoveStored(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            AttachmentStorage.TryDelete(path);
        }
    }

    /// <summary>
    /// Starts the files of a case not registered yet (the PQRS intake): they are received and checked like any
    /// other, and stored with the case's rows by the registration itself (<see cref="ICaseRegistrationWork"/>).
    /// The caller has authorized the registration.
    /// </summary>
    internal AttachmentBatch StartForNewCase(CurrentUser user, string label) => new(this, Guid.Empty, label, user);

    /// <summary>
    /// Starts files whose rows another owner stores (a problem's comment, <see cref="Problems.CommentOnProblem"/>): received and
    /// checked like a case's; the owner moves them with its rows. The caller has authorized the operation.
    /// </summary>
    internal AttachmentBatch StartUnbound(CurrentUser user, string label) => new(this, Guid.Empty, label, user);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Stored {Count} attachment(s), {Bytes} bytes, on case {CaseNumber} for {PersonId}")]
    private static partial void AttachmentStored(ILogger logger, string caseNumber, string personId, int count, long bytes);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Refused an attachment on case {CaseNumber} for {PersonId}: {Rule}")]
    internal static partial void AttachmentRefused(ILogger logger, string caseNumber, string personId, string rule);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Could not remove the temporary attachment file {Path}")]
    internal static partial void TemporaryFileLeft(ILogger logger, string path);
}
