namespace MesaServicio.Core.Attachments;

/// <summary>
/// A file attached to a case (evidence, procedure activity 8): who, when, what was declared and what the
/// content turned out to be, its size and SHA-256. The bytes live in the attachment storage under
/// <see cref="StorageName"/>, a name the desk generates. Never changed or deleted.
/// </summary>
public sealed class CaseAttachment
{
    /// <summary>Longest display name kept (the extension survives truncation).</summary>
    public const int FileNameMaxLength = 200;

    /// <summary>Longest declared content type kept.</summary>
    public const int ContentTypeMaxLength = 127;

    private CaseAttachment()
    {
        FileName = "";
        DeclaredContentType = "";
        DetectedContentType = "";
        Sha256 = "";
        StorageName = "";
    }

    internal CaseAttachment(
        Guid id, Guid caseId, Guid? commentId, bool isInternal, Guid? uploadedById, DateTimeOffset uploadedAt, string fileName,
        string declaredContentType, string detectedContentType, long size, string sha256)
    {
        Id = id;
        CaseId = caseId;
        CommentId = commentId;
        IsInternal = isInternal;
        UploadedById = uploadedById;
        UploadedAt = uploadedAt.ToUniversalTime();
        FileName = fileName;
        DeclaredContentType = declaredContentType;
        DetectedContentType = detectedContentType;
        Size = size;
        Sha256 = sha256;
        StorageName = StorageNameFor(id);
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    /// <summary>The message it came with, when it came with one.</summary>
    public Guid? CommentId { get; private set; }

    /// <summary>It came with an internal note: only staff with a role in the case see it.</summary>
    public bool IsInternal { get; private set; }

    /// <summary>The person who uploaded it; null for the desk itself.</summary>
    public Guid? UploadedById { get; private set; }

    /// <summary>When, in UTC.</summary>
    public DateTimeOffset UploadedAt { get; private set; }

    /// <summary>The original name, sanitised for display and downloads (never used as a path).</summary>
    public string FileName { get; private set; }

    /// <summary>The content type the browser declared (normalised, without parameters; may be empty).</summary>
    public string DeclaredContentType { get; private set; }

    /// <summary>The content type the content was verified to be (by its magic bytes or as UTF-8 text).</summary>
    public string DetectedContentType { get; private set; }

    /// <summary>Size in bytes, as counted while storing.</summary>
    public long Size { get; private set; }

    /// <summary>SHA-256 of the content, lowercase hex.</summary>
    public string Sha256 { get; private set; }

    /// <summary>The file's name in the storage folder: generated from the id, nothing of the user's.</summary>
    public string StorageName { get; private set; }

    /// <summary>
    /// When the file's bytes were removed from the storage because its uploader was anonymised (Ley 1581); the row, its size
    /// and SHA-256 stay as evidence that the file existed. Null while the file is kept.
    /// </summary>
    public DateTimeOffset? ContentRemovedAt { get; private set; }

    internal static string StorageNameFor(Guid id) => id.ToString("N");
}
