using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MesaServicio.Core.Attachments;
using MesaServicio.Core.CaseFiles;
using MesaServicio.Core.Reports;

namespace MesaServicio.Core.Retention;

/// <summary>One annex to copy into the archive: its row's facts and where the storage keeps it.</summary>
internal sealed record ArchivedAnnex(Guid Id, string FileName, string StorageName, string Sha256, bool ContentRemoved);

/// <summary>What was written for one case, still in its temporary folder until <see cref="RetentionArchive.Publish"/>.</summary>
internal sealed record ArchivedCase(string Folder, string TemporaryPath, string PdfSha256, long PdfSize, int Files, IReadOnlyList<Guid> NotCopied);

/// <summary>
/// The archive folder (<see cref="RetentionOptions.ArchivePath"/>): one folder per disposed case, named by its number,
/// with its expediente PDF, its annexes under <c>anexos/</c> (only those whose bytes still have the SHA-256 recorded at
/// upload), a <c>SHA256SUMS</c> list that <c>sha256sum -c</c> checks, and <c>no-copiados.txt</c> with the ids of the
/// annexes that could not be copied, if any. Written in a temporary folder and renamed once its record is saved (and
/// before it commits), so the folder of a recorded case is complete; a folder left by a round interrupted before its
/// commit is replaced by the next.
/// </summary>
public sealed class RetentionArchive
{
    public const string SumsFileName = "SHA256SUMS";

    public const string NotCopiedFileName = "no-copiados.txt";

    private readonly AttachmentStorage _storage;
    private readonly CaseFilePdf _pdf;
    private readonly ReportBranding _branding;

    public RetentionArchive(RetentionOptions options, string? contentRoot, AttachmentStorage storage, CaseFilePdf pdf, ReportBranding branding)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.ArchivePath;
        Root = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(contentRoot ?? Directory.GetCurrentDirectory(), path));
        _storage = storage;
        _pdf = pdf;
        _branding = branding;
    }

    /// <summary>The archive folder, absolute.</summary>
    public string Root { get; }

    /// <summary>The folder of a case's number inside the archive.</summary>
    public string FolderOf(string caseNumber)
    {
        // Case numbers are made by the desk (MS-2026-000042); anything else is a bug, not a path to follow.
        if (caseNumber.Length is 0 or > 40 || !caseNumber.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-'))
        {
            throw new ArgumentException("Not a case number.", nameof(caseNumber));
        }

        return Path.Combine(Root, caseNumber);
    }

    internal async Task<ArchivedCase> WriteAsync(CaseFile file, IReadOnlyList<ArchivedAnnex> annexes, CancellationToken cancellationToken)
    {
        var number = file.Case.Number;
        _ = FolderOf(number);
        Directory.CreateDirectory(Root);
        var temporary = Path.Combine(Root, "." + number + "." + Guid.NewGuid().ToString("N") + ".tmp");
        Directory.CreateDirectory(temporary);
        try
        {
            var sums = new StringBuilder();
            var pdfName = CaseFilePdf.FileName(number);
            var pdfPath = Path.Combine(temporary, pdfName);
            await using (var output = new FileStream(pdfPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await _pdf.RenderAsync(file, _branding, output, cancellationToken).ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            var pdfHash = await HashAsync(pdfPath, cancellationToken).ConfigureAwait(false);
            Line(sums, pdfHash, pdfName);

            var notCopied = new List<Guid>();
            var copied = 0;
            foreach (var annex in annexes)
            {
                if (annex.ContentRemoved)
                {
                    continue;
                }

                var name = string.Create(CultureInfo.InvariantCulture, $"anexos/{copied + 1:00}-{AttachmentFileName.Sanitize(annex.FileName)}");
                var target = Path.Combine(temporary, name);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                if (!await CopyAsync(_storage.PathOf(annex.StorageName), target, cancellationToken).ConfigureAwait(false)
                    || !string.Equals(await HashAsync(target, cancellationToken).ConfigureAwait(false), annex.Sha256, StringComparison.Ordinal))
                {
                    // Missing or altered in the storage: the archive keeps only what is the expediente's own; the id says which.
                    File.Delete(target);
                    notCopied.Add(annex.Id);
                    continue;
                }

                copied++;
                Line(sums, annex.Sha256, name);
            }

            await File.WriteAllTextAsync(Path.Combine(temporary, SumsFileName), sums.ToString(), Encoding.ASCII, cancellationToken).ConfigureAwait(false);
            if (notCopied.Count > 0)
            {
                await File.WriteAllLinesAsync(Path.Combine(temporary, NotCopiedFileName),
                    notCopied.Select(id => id.ToString("D") + " (falta en el almacenamiento o su SHA-256 no coincide)"), Encoding.UTF8, cancellationToken)
                    .ConfigureAwait(false);
            }

            return new ArchivedCase(number, temporary, pdfHash, new FileInfo(pdfPath).Length, copied, notCopied);
        }
        catch
        {
            Discard(temporary);
            throw;
        }
    }

    /// <summary>Puts a written case in its folder, replacing one left by a round interrupted before its commit.</summary>
    internal void Publish(ArchivedCase written)
    {
        var final = FolderOf(written.Folder);
        if (Directory.Exists(final))
        {
            Directory.Delete(final, recursive: true);
        }

        Directory.Move(written.TemporaryPath, final);
    }

    /// <summary>Removes a temporary folder that will not be published.</summary>
    internal static void Discard(string temporaryPath)
    {
        if (Directory.Exists(temporaryPath))
        {
            Directory.Delete(temporaryPath, recursive: true);
        }
    }

    private static void Line(StringBuilder sums, string hash, string name) => sums.Append(hash).Append("  ").Append(name).Append('\n');

    private static async Task<bool> CopyAsync(string source, string target, CancellationToken cancellationToken)
    {
        try
        {
            await using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
            await using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await input.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }
}
