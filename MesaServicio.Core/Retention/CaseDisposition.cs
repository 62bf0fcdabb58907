namespace MesaServicio.Core.Retention;

/// <summary>
/// The disposition of one closed case whose retention ended (procedure activity 8; Ley 594 de 2000): its expediente was
/// written to the archive folder with its annexes and their SHA-256, and its personal data anonymised or kept as its
/// group says. One row per case, never changed: the coordinator's record of what left the portal and where it went.
/// </summary>
public sealed class CaseDisposition
{
    private CaseDisposition()
    {
        CaseNumber = "";
        ArchiveFolder = "";
        PdfSha256 = "";
    }

    public CaseDisposition(
        Guid caseId, string caseNumber, int groupId, DateTimeOffset closedAt, int retentionYears, DateTimeOffset disposedAt,
        string archiveFolder, string pdfSha256, long pdfSize, int files, int missingFiles, bool anonymised)
    {
        Id = Guid.NewGuid();
        CaseId = caseId;
        CaseNumber = caseNumber;
        GroupId = groupId;
        ClosedAt = closedAt.ToUniversalTime();
        RetentionYears = retentionYears;
        DisposedAt = disposedAt.ToUniversalTime();
        ArchiveFolder = archiveFolder;
        PdfSha256 = pdfSha256;
        PdfSize = pdfSize;
        Files = files;
        MissingFiles = missingFiles;
        Anonymised = anonymised;
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    public string CaseNumber { get; private set; }

    /// <summary>The case's top-level category group, whose retention applied.</summary>
    public int GroupId { get; private set; }

    public DateTimeOffset ClosedAt { get; private set; }

    /// <summary>The retention in force when it was disposed of, in years after closing.</summary>
    public int RetentionYears { get; private set; }

    public DateTimeOffset DisposedAt { get; private set; }

    /// <summary>The case's folder inside the archive folder (its number).</summary>
    public string ArchiveFolder { get; private set; }

    /// <summary>SHA-256 of the expediente PDF written to the archive, lower-case hex.</summary>
    public string PdfSha256 { get; private set; }

    public long PdfSize { get; private set; }

    /// <summary>Annexes copied to the archive.</summary>
    public int Files { get; private set; }

    /// <summary>Annexes that could not be copied (missing or altered in the storage): their ids are in the log and the folder's list.</summary>
    public int MissingFiles { get; private set; }

    /// <summary>Whether the case's personal data was anonymised after archiving (else kept, as its group says).</summary>
    public bool Anonymised { get; private set; }
}
