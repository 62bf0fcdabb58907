using MesaServicio.Core.Attachments;
using MesaServicio.Core.Common;
using MesaServicio.Core.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;

namespace MesaServicio.Web.Components.Cases;

/// <summary>
/// Files chosen for a message. The limits shown and checked here are the configured ones; Core checks them
/// again with the content (magic bytes) while it streams each file to storage.
/// </summary>
public partial class AttachmentInput
{
    private readonly List<IBrowserFile> _files = [];

    [Inject]
    private IOptions<AttachmentOptions> Options { get; set; } = default!;

    [Inject]
    private AttachFiles Attach { get; set; } = default!;

    internal IReadOnlyList<IBrowserFile> Files => _files;

    internal string? Problem { get; private set; }

    internal int MaxFiles => Options.Value.MaxFilesPerMessage;

    internal long MaxBytes => Options.Value.MaxFileBytes;

    internal string Accept => string.Join(",", Options.Value.EffectiveAllowedTypes().Select(t => "." + t));

    internal string AllowedText => string.Join(", ", Options.Value.EffectiveAllowedTypes());

    /// <summary>
    /// How many files the browser may hand over in one choice. Far above <see cref="MaxFiles"/> on purpose: MudBlazor
    /// drops a whole choice that exceeds it without a word, while here each file beyond the limit is named and refused.
    /// </summary>
    internal const int PickerFileCount = 1000;

    /// <summary>The files of the last choice that were not kept, each with its reason in Spanish.</summary>
    internal IReadOnlyList<string> Refusals { get; private set; } = [];

    public bool HasFiles => _files.Count > 0;

    internal void FilesChanged(IReadOnlyList<IBrowserFile>? files)
    {
        var refusals = new List<string>();
        foreach (var file in files ?? [])
        {
            if (_files.Exists(f => f.Name == file.Name && f.Size == file.Size))
            {
                continue;
            }

            if (RefusalOf(file) is { } reason)
            {
                refusals.Add($"«{file.Name}» no se adjuntó: {reason}");
                continue;
            }

            _files.Add(file);
        }

        Refusals = refusals;
        Problem = Validate();
    }

    /// <summary>Why a file cannot be kept (what Core would refuse without reading it), or null.</summary>
    private string? RefusalOf(IBrowserFile file)
    {
        var allowed = Options.Value.EffectiveAllowedTypes();
        var extension = Path.GetExtension(file.Name).TrimStart('.').ToLowerInvariant();
        if (extension.Length == 0)
        {
            return $"no tiene extensión, así que no sabemos qué tipo de archivo es. Tipos permitidos: {AllowedText}.";
        }

        if (!allowed.Contains(extension, StringComparer.Ordinal))
        {
            return $"el tipo .{extension} no está permitido. Tipos permitidos: {AllowedText}.";
        }

        if (file.Size > MaxBytes)
        {
            return $"pesa {Labels.Size(file.Size)}; el máximo es {Labels.Size(MaxBytes)}.";
        }

        if (file.Size == 0)
        {
            return "está vacío.";
        }

        return _files.Count >= MaxFiles ? $"ya eligió el máximo de {MaxFiles} archivos por mensaje." : null;
    }

    internal void Remove(IBrowserFile file)
    {
        _files.Remove(file);
        Problem = Validate();
    }

    /// <summary>The first problem with the chosen files that can be told before uploading, or null.</summary>
    public string? Validate()
    {
        if (_files.Count > MaxFiles)
        {
            return $"Puede adjuntar como máximo {MaxFiles} archivos por mensaje.";
        }

        var big = _files.FirstOrDefault(f => f.Size > MaxBytes);
        return big is null ? null : $"«{big.Name}» pesa {Labels.Size(big.Size)}; el máximo es {Labels.Size(MaxBytes)}.";
    }

    /// <summary>The chosen files as Core reads them: streamed from the browser, never buffered whole.</summary>
    public IReadOnlyList<IncomingFile> ToIncoming() =>
        _files.Select(f => new IncomingFile(f.Name, f.ContentType, f.Size, max => f.OpenReadStream(max))).ToList();

    /// <summary>Attaches the chosen files to a case; null when all went through, else the Spanish reason nothing was stored.</summary>
    public async Task<string?> UploadAsync(string number, CurrentUser user)
    {
        if (_files.Count == 0)
        {
            return null;
        }

        try
        {
            await Attach.HandleAsync(number, ToIncoming(), user, CancellationToken.None);
            Clear();
            return null;
        }
        catch (DomainException ex)
        {
            Problem = ex.Message;
            return ex.Message;
        }
    }

    public void Clear()
    {
        _files.Clear();
        Refusals = [];
        Problem = null;
        StateHasChanged();
    }
}
