using MesaServicio.Core.Common;

namespace MesaServicio.Core.Configuration;

/// <summary>Checks shared by the configuration use cases' texts.</summary>
internal static class ConfigurationText
{
    /// <summary>A trimmed, mandatory name of at most <paramref name="maxLength"/> characters.</summary>
    public static string Name(string? value, int maxLength, string requiredRule, string tooLongRule)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainException(requiredRule);
        }

        return trimmed.Length > maxLength ? throw new DomainException(tooLongRule, maxLength) : trimmed;
    }

    /// <summary>Whether two names are the same to a person (case and accents ignored).</summary>
    public static bool SameName(string a, string b) =>
        string.Equals(TextSearch.Fold(a).Trim(), TextSearch.Fold(b).Trim(), StringComparison.Ordinal);
}
