using MesaServicio.Core.Attachments;

namespace MesaServicio.Core.Problems;

/// <summary>
/// A file that came with a comment on a problem (a log, a screenshot of the error, a vendor's note). Received and checked by
/// the same pipeline as a case's files (<see cref="AttachmentBatch"/>: allow-list, size, content by its magic bytes, SHA-256)
/// and kept in the same storage folder under a generated name. Never changed or deleted.
/// </summary>
public sealed class ProblemAttachment
{
    private ProblemAttachment()
    {
        FileName = "";
        DeclaredContentType = "";
        DetectedContentType = "";
        Sha256 = "";
        StorageName = "";
    }

    internal ProblemAttachment(
        Guid id, Guid problemId, Guid commentId, Guid uploadedById, DateTimeOffset uploadedAt, string fileName, string declaredContentType,
        string detectedContentType, long size, string sha256)
    {
        Id = id;
        ProblemId = problemId;
        CommentId = commentId;
        UploadedById = uploadedById;
        UploadedAt = uploadedAt.ToUniversalTime();
        FileName = fileName;
        DeclaredContentType = declaredContentType;
        DetectedContentType = detectedContentType;
        Size = size;
        Sha256 = sha256;
        StorageName = CaseAttachment.StorageNameFor(id);
    }

    public Guid Id { get; private set; }

    public Guid ProblemId { get; private set; }

    /// <summary>The comment it came with.</summary>
    public Guid CommentId { get; private set; }

    public Guid UploadedById { get; private set; }

    /// <summary>When, in UTC.</summary>
    public DateTimeOffset UploadedAt { get; private set; }

    /// <summary>The original name, sanitised for display and downloads (never used as a path).</summary>
    public string FileName { get; private set; }

    /// <summary>The content type the browser declared (normalised; may be empty).</summary>
    public string DeclaredContentType { get; private set; }

    /// <summary>The content type the content was verified to be.</summary>
    public string DetectedContentType { get; private set; }

    /// <summary>Size in bytes, as counted while storing.</summary>
    public long Size { get; private set; }

    /// <summary>SHA-256 of the content, lowercase hex.</summary>
    public string Sha256 { get; private set; }

    /// <summary>The file's name in the attachment storage folder: generated from the id.</summary>
    public string StorageName { get; private set; }
}
