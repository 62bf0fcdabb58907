using System.Globalization;
using System.Text;

namespace MesaServicio.Core.Attachments;

/// <summary>
/// Makes a browser-supplied file name safe to show and to offer as a download name: the last path
/// segment only, no control or bidirectional-override characters (an "exe.pdf" trick), no characters
/// file systems refuse, bounded length with the extension kept. It is never used as a storage path.
/// </summary>
public static class AttachmentFileName
{
    /// <summary>The name shown when nothing usable is left.</summary>
    public const string Fallback = "archivo";

    public static string Sanitize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return Fallback;
        }

        var name = raw;
        var slash = name.LastIndexOfAny(['/', '\\']);
        if (slash >= 0)
        {
            name = name[(slash + 1)..];
        }

        if (!name.IsNormalized(NormalizationForm.FormC))
        {
            try
            {
                name = name.Normalize(NormalizationForm.FormC);
            }
            catch (ArgumentException)
            {
                // Invalid code points: the loop below drops them.
            }
        }

        var builder = new StringBuilder(name.Length);
        var lastWasSpace = false;
        foreach (var rune in EnumerateValidRunes(name))
        {
            // White space first: a tab or a line break (control characters too) becomes one space.
            if (Rune.IsWhiteSpace(rune))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                continue;
            }

            lastWasSpace = false;
            if (rune.IsAscii && "<>:\"|?*".Contains((char)rune.Value, StringComparison.Ordinal))
            {
                builder.Append('_');
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        var clean = builder.ToString().Trim(' ', '.');
        if (clean.Length == 0)
        {
            return Fallback;
        }

        return Truncate(clean, CaseAttachment.FileNameMaxLength);
    }

    /// <summary>The extension after the last dot, lowercase, without the dot; empty when there is none.</summary>
    public static string ExtensionOf(string sanitizedName)
    {
        ArgumentNullException.ThrowIfNull(sanitizedName);
        var dot = sanitizedName.LastIndexOf('.');
        return dot <= 0 || dot == sanitizedName.Length - 1 ? "" : sanitizedName[(dot + 1)..].ToLowerInvariant();
    }

    private static string Truncate(string name, int max)
    {
        if (name.Length <= max)
        {
            return name;
        }

        var extension = ExtensionOf(name);
        var suffix = extension.Length is > 0 and <= 16 ? "." + name[^extension.Length..] : "";
        var stem = name[..^suffix.Length];
        var keep = max - suffix.Length;

        // Do not cut a surrogate pair in two.
        if (keep > 0 && char.IsHighSurrogate(stem[keep - 1]))
        {
            keep--;
        }

        return stem[..keep].TrimEnd(' ', '.') + suffix;
    }

    private static IEnumerable<Rune> EnumerateValidRunes(string text)
    {
        var index = 0;
        while (index < text.Length)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                yield return rune;
            }

            index += Math.Max(consumed, 1);
        }
    }
}
