using System.Text;

namespace MesaServicio.Core.Common;

/// <summary>
/// The one set of rules for text people or systems send to be kept (a case's subject and description, a message, a
/// solution, a reason), applied where a case or a message is made, whatever the channel (portal, intake):
/// control characters are stripped (NUL, escape, C1 … but not line breaks and tabs), the ends are trimmed of white
/// space and of the invisible characters U+200B, U+200C, U+200D, U+2060 and U+FEFF, so a text made only of those is
/// empty — and a required one refused with the usual "required" message.
/// </summary>
public static class UserText
{
    /// <summary>The text cleaned; "" when nothing visible is left; null stays null.</summary>
    public static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var stripped = value;
        if (value.AsSpan().ContainsAnyInRange('\0', '\u001F') || value.AsSpan().ContainsAnyInRange('\u007F', '\u009F'))
        {
            var kept = new StringBuilder(value.Length);
            foreach (var c in value)
            {
                if (!IsStrippedControl(c))
                {
                    kept.Append(c);
                }
            }

            stripped = kept.ToString();
        }

        var span = stripped.AsSpan();
        var start = 0;
        var end = span.Length;
        while (start < end && IsBlank(span[start]))
        {
            start++;
        }

        while (end > start && IsBlank(span[end - 1]))
        {
            end--;
        }

        return start == 0 && end == span.Length ? stripped : stripped[start..end];
    }

    /// <summary>Whether nothing visible is left once cleaned (null, white space, invisible characters only).</summary>
    public static bool IsEmpty(string? value) => string.IsNullOrEmpty(Clean(value));

    /// <summary>A control character that is never kept: C0 but tab, line feed and carriage return; DEL; C1.</summary>
    private static bool IsStrippedControl(char c) =>
        c is (< '\u0020' and not ('\t' or '\n' or '\r')) or (>= '\u007F' and <= '\u009F');

    private static bool IsBlank(char c) => char.IsWhiteSpace(c) || c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF';
}
