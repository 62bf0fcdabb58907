using System.Buffers;
using System.Security.Cryptography;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Persistence;
using MesaServicio.Core.Security;

namespace MesaServicio.Core.Attachments;

/// <summary>A file that passed every check and waits, under a temporary name, for its message to be committed.</summary>
internal sealed record PendingFile(
    Guid Id, string TemporaryPath, string FileName, string DeclaredContentType, AttachmentFormat Format, long Size, string Sha256)
{
    public bool Moved { get; set; }
}

/// <summary>
/// The files of one message, received one at a time (see <see cref="AttachFiles.StartAsync"/>). Not thread
/// safe. The first refused file spoils the batch: everything received is removed and the batch cannot be
/// committed. Always dispose it: an uncommitted batch leaves nothing behind. A batch for a case not yet
/// registered (the PQRS intake) is stored by the registration, as its <see cref="ICaseRegistrationWork"/>.
/// </summary>
public sealed class AttachmentBatch : IAsyncDisposable, ICaseRegistrationWork
{
    private const int ChunkSize = 81_920;

    private readonly AttachFiles _owner;
    private readonly Guid _caseId;
    private readonly CurrentUser _user;
    private readonly List<PendingFile> _files = [];
    private readonly List<string> _temporaryPaths = [];
    private List<string> _moved = [];
    private bool _spoiled;
    private bool _committed;

    internal AttachmentBatch(AttachFiles owner, Guid caseId, string number, CurrentUser user)
    {
        _owner = owner;
        _caseId = caseId;
        Number = number;
        _user = user;
    }

    /// <summary>The case's number, normalised.</summary>
    public string Number { get; }

    /// <summary>How many files passed so far.</summary>
    public int Count => _files.Count;

    /// <summary>Streams one file to a temporary file, checking it as it goes; refuses it with a <see cref="DomainException"/> naming the file and the rule.</summary>
    public async Task AddAsync(IncomingFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        EnsureOpen();
        try
        {
            _files.Add(await ReceiveAsync(file, cancellationToken).ConfigureAwait(false));
        }
        catch (DomainException refused)
        {
            throw Refused(refused);
        }
        catch
        {
            Spoil();
            throw;
        }
    }

    /// <summary>Stores everything received, with the message when it has text; all or nothing.</summary>
    public async Task<AttachFilesResult> CommitAsync(string? messageText, bool isInternal, CancellationToken cancellationToken)
    {
        EnsureOpen();
        if (_caseId == Guid.Empty)
        {
            throw new InvalidOperationException("The files of a case not registered yet are stored by its registration.");
        }

        if (_files.Count == 0)
        {
            throw Refused(new DomainException(DomainRules.AttachmentNoFiles));
        }

        try
        {
            var result = await _owner.StoreAsync(_caseId, Number, _user, _files, messageText, isInternal, cancellationToken).ConfigureAwait(false);
            _committed = true;
            return result;
        }
        catch
        {
            Spoil();
            throw;
        }
    }

    /// <summary>The new case's rows: the files were sent by its requester.</summary>
    void ICaseRegistrationWork.AddTo(MesaDbContext db, Case c, CaseContext context)
    {
        EnsureOpen();
        c.FiledWith(AttachFiles.AddRows(db, c.Id, null, false, c.RequesterId, context.Now, _files));
    }

    void ICaseRegistrationWork.BeforeCommit() => MoveReceived();

    void ICaseRegistrationWork.AfterRollback() => TakeBack();

    void ICaseRegistrationWork.Committed() => MarkStored();

    /// <summary>The files received and checked, for an owner that stores their rows itself (a new case, a problem's comment).</summary>
    internal IReadOnlyList<PendingFile> Received => _files;

    /// <summary>Moves the received files to their generated names, just before their rows are saved.</summary>
    internal void MoveReceived()
    {
        EnsureOpen();
        _moved = _owner.MoveIntoStorage(_files);
    }

    /// <summary>The rows were not saved: the moved files and the temporaries are removed.</summary>
    internal void TakeBack()
    {
        AttachFiles.RemoveStored(_moved);
        _moved = [];
        Spoil();
    }

    /// <summary>The rows were saved: the files stay.</summary>
    internal void MarkStored() => _committed = true;

    public ValueTask DisposeAsync()
    {
        if (!_committed)
        {
            Spoil();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Spoils the batch for a refusal, logs the rule (never the file's name), and hands the refusal back to throw.</summary>
    internal DomainException Refused(DomainException refusal)
    {
        AttachFiles.AttachmentRefused(_owner.Log, Number, _user.LogId, refusal.Rule);
        Spoil();
        return refusal;
    }

    private void EnsureOpen()
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        if (_spoiled)
        {
            throw new InvalidOperationException("A file of this message was refused: the message's files were discarded.");
        }
    }

    private void Spoil()
    {
        _spoiled = true;
        foreach (var path in _temporaryPaths)
        {
            if (File.Exists(path) && !AttachmentStorage.TryDelete(path))
            {
                AttachFiles.TemporaryFileLeft(_owner.Log, path);
            }
        }

        _temporaryPaths.Clear();
    }

    private async Task<PendingFile> ReceiveAsync(IncomingFile file, CancellationToken cancellationToken)
    {
        var limits = _owner.Limits;
        if (_files.Count >= limits.MaxFilesPerMessage)
        {
            throw new DomainException(DomainRules.AttachmentTooManyFiles, limits.MaxFilesPerMessage);
        }

        var name = AttachmentFileName.Sanitize(file.FileName);
        var extension = AttachmentFileName.ExtensionOf(name);
        var allowed = string.Join(", ", limits.Extensions.Select(e => "." + e));
        if (extension.Length == 0)
        {
            throw new DomainException(DomainRules.AttachmentNoExtension, name, allowed);
        }

        if (!limits.Extensions.Contains(extension, StringComparer.Ordinal)
            || !AttachmentFormat.ByExtension.TryGetValue(extension, out var format))
        {
            throw new DomainException(DomainRules.AttachmentTypeNotAllowed, extension, allowed);
        }

        var declared = NormalizeContentType(file.DeclaredContentType);
        if (!format.AcceptsDeclared(declared))
        {
            throw new DomainException(DomainRules.AttachmentDeclaredTypeMismatch, name, Shorten(declared), extension);
        }

        if (file.DeclaredLength is { } declaredLength && declaredLength > limits.MaxFileBytes)
        {
            throw new DomainException(
                DomainRules.AttachmentTooLarge, name, AttachmentSizes.Format(declaredLength), AttachmentSizes.Format(limits.MaxFileBytes));
        }

        var temporary = _owner.Storage.NewTemporaryPath();
        _temporaryPaths.Add(temporary);
        var (size, sha256) = await CopyCheckedAsync(file, name, format, temporary, limits.MaxFileBytes, cancellationToken).ConfigureAwait(false);
        if (format.Check is ContentCheck.OfficeOpenXml or ContentCheck.OpenDocument && !ContentSniffer.IsValidPackage(temporary, format))
        {
            throw ContentMismatch(name, format);
        }

        // Version 7 ids sort by time, but not within one millisecond: one millisecond per position keeps a message's files in order.
        var id = Guid.CreateVersion7(_owner.Time.GetUtcNow().AddMilliseconds(_files.Count));
        return new PendingFile(id, temporary, name, declared, format, size, sha256);
    }

    /// <summary>Copies the content to <paramref name="temporary"/> in chunks, counting, hashing and checking it; never holds the whole file.</summary>
    private static async Task<(long Size, string Sha256)> CopyCheckedAsync(
        IncomingFile file, string name, AttachmentFormat format, string temporary, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        var header = ArrayPool<byte>.Shared.Rent(ContentSniffer.HeaderLength);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var text = format.Check == ContentCheck.Text ? new Utf8TextValidator(4096) : null;
            long total = 0;
            var headerLength = 0;
            var headerChecked = false;

            // bufferSize 0: no FileStream buffer on top of ours.
            await using (var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous))
            {
                await using var source = file.OpenRead(maxBytes);
                while (true)
                {
                    // Never ask for more than one byte past the limit: the declared length is not trusted.
                    var wanted = (int)Math.Min(ChunkSize, maxBytes + 1 - total);
                    var read = await source.ReadAsync(buffer.AsMemory(0, wanted), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    total += read;
                    if (total > maxBytes)
                    {
                        throw new DomainException(DomainRules.AttachmentTooLargeWhileReading, name, AttachmentSizes.Format(maxBytes));
                    }

                    if (headerLength < ContentSniffer.HeaderLength)
                    {
                        var take = Math.Min(read, ContentSniffer.HeaderLength - headerLength);
                        buffer.AsSpan(0, take).CopyTo(header.AsSpan(headerLength));
                        headerLength += take;
                        if (headerLength == ContentSniffer.HeaderLength)
                        {
                            CheckHeader(header.AsSpan(0, headerLength), name, format);
                            headerChecked = true;
                        }
                    }

                    var chunk = buffer.AsMemory(0, read);
                    hash.AppendData(chunk.Span);
                    if (text is not null)
                    {
                        text.Append(chunk.Span);
                        if (!text.IsValid)
                        {
                            throw new DomainException(DomainRules.AttachmentTextNotUtf8, name);
                        }
                    }

                    await target.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
                }
            }

            if (total == 0)
            {
                throw new DomainException(DomainRules.AttachmentEmpty, name);
            }

            if (!headerChecked)
            {
                CheckHeader(header.AsSpan(0, headerLength), name, format);
            }

            if (text is not null)
            {
                text.Complete();
                if (!text.IsValid)
                {
                    throw new DomainException(DomainRules.AttachmentTextNotUtf8, name);
                }
            }

            return (total, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ArrayPool<byte>.Shared.Return(header);
        }
    }

    private static void CheckHeader(ReadOnlySpan<byte> header, string name, AttachmentFormat format)
    {
        if (ContentSniffer.StartsLikeActiveContent(header))
        {
            throw new DomainException(DomainRules.AttachmentActiveContent, name);
        }

        if (format.Check == ContentCheck.Text)
        {
            if (ContentSniffer.ContainsActiveTag(header))
            {
                throw new DomainException(DomainRules.AttachmentActiveContent, name);
            }

            if (ContentSniffer.StartsLikeExecutable(header))
            {
                throw ContentMismatch(name, format);
            }
        }
        else if (!format.MatchesSignature(header))
        {
            throw ContentMismatch(name, format);
        }
    }

    private static DomainException ContentMismatch(string name, AttachmentFormat format) =>
        new(DomainRules.AttachmentContentMismatch, name, DomainMessages.Get("Attachment.Format." + format.Key));

    /// <summary>"Text/Plain; charset=UTF-8" → "text/plain"; nothing → "".</summary>
    internal static string NormalizeContentType(string? declared)
    {
        if (string.IsNullOrWhiteSpace(declared))
        {
            return "";
        }

        var semicolon = declared.IndexOf(';', StringComparison.Ordinal);
        var type = (semicolon >= 0 ? declared[..semicolon] : declared).Trim().ToLowerInvariant();
        return type.Length > CaseAttachment.ContentTypeMaxLength ? type[..CaseAttachment.ContentTypeMaxLength] : type;
    }

    private static string Shorten(string declared) => declared.Length > 60 ? declared[..60] + "…" : declared;
}
