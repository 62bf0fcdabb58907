using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace MesaServicio.Web.Intake;

/// <summary>
/// The one streamed multipart/form-data reader of the intake and the attachment upload: checks the media type and
/// boundary, raises the body limit to what the form may carry, and reads it section by section — files stream into
/// Core, text fields are read up to a limit — never buffering the whole body. A body that ends early (a client that
/// dropped, a truncated request) or is malformed comes out as <see cref="MultipartBodyException"/>.
/// </summary>
public sealed class StreamedMultipart
{
    /// <summary>Room for a section's headers and boundaries on top of each file.</summary>
    public const long PerFileOverhead = 64 * 1024;

    private readonly MultipartReader _reader;

    private StreamedMultipart(MultipartReader reader) => _reader = reader;

    /// <summary>Why a body could not be read as a form.</summary>
    public enum Failure
    {
        None,
        NotMultipart,
        Malformed,
        TooLarge,
    }

    /// <summary>
    /// Starts reading the request's form: <see cref="Failure.NotMultipart"/> for another media type,
    /// <see cref="Failure.Malformed"/> for a missing or overlong boundary, <see cref="Failure.TooLarge"/> for a declared
    /// length past <paramref name="bodyLimit"/>.
    /// </summary>
    public static Failure TryStart(HttpContext context, FormOptions form, long bodyLimit, long maxFileBytes, out StreamedMultipart? reader)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(form);
        reader = null;
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !string.Equals(mediaType.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return Failure.NotMultipart;
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > form.MultipartBoundaryLengthLimit)
        {
            return Failure.Malformed;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = bodyLimit;
        }

        if (context.Request.ContentLength > bodyLimit)
        {
            return Failure.TooLarge;
        }

        reader = new StreamedMultipart(new MultipartReader(boundary, context.Request.Body)
        {
            HeadersCountLimit = form.MultipartHeadersCountLimit,
            HeadersLengthLimit = form.MultipartHeadersLengthLimit,

            // Core stops a file one byte past the limit with its own message; this is only a backstop.
            BodyLengthLimit = maxFileBytes + PerFileOverhead,
        });
        return Failure.None;
    }

    /// <summary>The next section, or null at the end of the form.</summary>
    public async Task<FormSection?> NextAsync(CancellationToken cancellationToken)
    {
        var section = await Guard(() => _reader.ReadNextSectionAsync(cancellationToken)).ConfigureAwait(false);
        if (section is null)
        {
            return null;
        }

        if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
        {
            throw new MultipartBodyException(Failure.Malformed, null);
        }

        if (disposition.IsFileDisposition())
        {
            var fileName = disposition.FileNameStar.HasValue
                ? disposition.FileNameStar.Value
                : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
            return new FormSection(HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "", true, fileName, section.ContentType, new GuardedStream(section.Body));
        }

        return new FormSection(HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "", false, null, section.ContentType, new GuardedStream(section.Body));
    }

    /// <summary>A text field's value, or null when it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<string?> ReadFieldAsync(FormSection section, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(section);
        using var collected = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await section.Body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (collected.Length + read > maxBytes)
            {
                return null;
            }

            collected.Write(buffer, 0, read);
        }

        return System.Text.Encoding.UTF8.GetString(collected.GetBuffer(), 0, (int)collected.Length);
    }

    private static async Task<T> Guard<T>(Func<Task<T>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>What a read failure of the body means for the client; null for anything else (a bug: let it be a 500).</summary>
    internal static MultipartBodyException? Translate(Exception ex) => ex switch
    {
        MultipartBodyException => null,
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => new MultipartBodyException(Failure.TooLarge, ex),

        // Malformed multipart, a section beyond the reader's limits.
        InvalidDataException => new MultipartBodyException(Failure.Malformed, ex),

        // "Unexpected end of Stream": the body ended before the form did (a truncated request, a client that dropped).
        IOException => new MultipartBodyException(Failure.Malformed, ex),
        _ => null,
    };

    /// <summary>A section's body whose read failures are <see cref="MultipartBodyException"/> too (Core reads files through it).</summary>
    private sealed class GuardedStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            try
            {
                return inner.Read(buffer, offset, count);
            }
            catch (Exception ex) when (Translate(ex) is { } failure)
            {
                throw failure;
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (Translate(ex) is { } failure)
            {
                throw failure;
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>One section of a streamed form: a file (with its name) or a text field.</summary>
public sealed record FormSection(string Name, bool IsFile, string? FileName, string? ContentType, Stream Body);

/// <summary>The request's body could not be read as the form it claims to be.</summary>
public sealed class MultipartBodyException : IOException
{
    public MultipartBodyException()
    {
    }

    public MultipartBodyException(string message)
        : base(message)
    {
    }

    public MultipartBodyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal MultipartBodyException(StreamedMultipart.Failure failure, Exception? innerException)
        : base("The request body is not a complete multipart form.", innerException) => Failure = failure;

    internal StreamedMultipart.Failure Failure { get; } = StreamedMultipart.Failure.Malformed;
}
