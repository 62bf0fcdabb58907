using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace MesaServicio.Core.Attachments;

/// <summary>
/// A stored file opened for download. <see cref="ContentType"/> is a type safe to send (what the content
/// was verified to be for PDF, images and UTF-8 text; <c>application/octet-stream</c> for everything else).
/// The caller disposes it (which disposes <see cref="Content"/>), unless it hands the stream to a result that does.
/// </summary>
public sealed record AttachmentDownload(Stream Content, string FileName, string ContentType, long Length, string Sha256) : IAsyncDisposable, IDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();

    public void Dispose() => Content.Dispose();
}

/// <summary>
/// Opens one attachment of one case for someone who may see the case. An attachment of another case, of
/// an internal note the person may not see, or of a case out of reach answers as not found.
/// </summary>
public sealed class OpenAttachment(IDbContextFactory<MesaDbContext> contextFactory, CaseGuard guard, AttachmentStorage storage)
{
    /// <summary>What is sent for every type not known to be safe.</summary>
    public const string OctetStream = "application/octet-stream";

    public async Task<AttachmentDownload> HandleAsync(string caseNumber, Guid attachmentId, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var normalized = (caseNumber ?? "").Trim().ToUpperInvariant();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var c = await CaseReader.LoadAsync(db, normalized, cancellationToken).ConfigureAwait(false);
        var seesInternal = await CaseReader.DemandViewAsync(db, guard, user, c, cancellationToken).ConfigureAwait(false);
        var attachment = await db.CaseAttachments.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == attachmentId && a.CaseId == c.Id, cancellationToken).ConfigureAwait(false);
        if (attachment is null || (attachment.IsInternal && !seesInternal))
        {
            throw new NotFoundException(DomainMessages.Get("Attachment.Label"));
        }

        if (attachment.ContentRemovedAt is not null)
        {
            throw new DomainException(DomainRules.AttachmentContentRemoved);
        }

        return Open(storage, attachment.StorageName, attachment.FileName, attachment.DetectedContentType, attachment.Size, attachment.Sha256);
    }

    /// <summary>A stored file (a case's or a problem's) opened for download, sent as the type its verified content is safe as.</summary>
    internal static AttachmentDownload Open(
        AttachmentStorage storage, string storageName, string fileName, string detectedContentType, long size, string sha256) =>
        new(storage.OpenRead(storageName), fileName, ServedType(detectedContentType), size, sha256);

    /// <summary>The type to send for a verified content type: the format's own safe type, otherwise a generic binary.</summary>
    public static string ServedType(string detectedContentType) =>
        AttachmentFormat.ByContentType(detectedContentType)?.ServedContentType ?? OctetStream;
}
