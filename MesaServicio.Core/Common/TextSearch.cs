using System.Globalization;
using System.Text;

namespace MesaServicio.Core.Common;

/// <summary>Text compared the way people expect in Spanish: case and accents ignored ("Impresión" = "impresion").</summary>
public static class TextSearch
{
    /// <summary>Lower-case, accents removed, anything but letters and digits turned into spaces.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var folded = new StringBuilder(text.Length);
        foreach (var ch in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(char.IsLetterOrDigit(ch) ? char.ToLowerInvariant(ch) : ' ');
            }
        }

        return folded.ToString();
    }

    /// <summary>Whether every word of <paramref name="query"/> starts a word of <paramref name="text"/>.</summary>
    public static bool MatchesAllWords(string text, string? query)
    {
        var wanted = Fold(query).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (wanted.Length == 0)
        {
            return true;
        }

        var words = Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return wanted.All(w => words.Any(x => x.StartsWith(w, StringComparison.Ordinal)));
    }
}
