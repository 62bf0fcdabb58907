using System.Globalization;

namespace MesaServicio.Core.Calendar;

/// <summary>
/// One range of business hours in local wall-clock time, <c>[Start, End)</c>; for example
/// 08:00–12:00. A range cannot cross midnight and cannot end at 24:00 (use 23:59).
/// </summary>
/// <param name="Start">Local time at which the range opens (inclusive).</param>
/// <param name="End">Local time at which the range closes (exclusive); must be after <paramref name="Start"/>.</param>
public readonly record struct BusinessHours(TimeOnly Start, TimeOnly End)
{
    private static readonly string[] TimeFormats = ["HH:mm", "H:mm", "HH:mm:ss", "H:mm:ss"];

    /// <summary>Length of the range.</summary>
    public TimeSpan Duration => End - Start;

    /// <summary>
    /// Parses a range written as <c>"HH:mm-HH:mm"</c> (for example <c>"08:00-17:00"</c>),
    /// using the invariant culture.
    /// </summary>
    /// <exception cref="ArgumentException">The text is not a valid range, or the start is not before the end.</exception>
    public static BusinessHours Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = value.Split('-');
        if (parts.Length != 2
            || !TryParseTime(parts[0], out var start)
            || !TryParseTime(parts[1], out var end))
        {
            throw new ArgumentException(
                $"El horario \"{value}\" no es válido: use el formato \"HH:mm-HH:mm\", por ejemplo \"08:00-17:00\".",
                nameof(value));
        }

        if (start >= end)
        {
            throw new ArgumentException(
                $"El horario \"{value}\" no es válido: la hora de inicio debe ser anterior a la hora de fin.",
                nameof(value));
        }

        return new BusinessHours(start, end);
    }

    /// <summary>The range as <c>"HH:mm-HH:mm"</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Start:HH:mm}-{End:HH:mm}");

    private static bool TryParseTime(string text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
