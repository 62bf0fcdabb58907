using System.Globalization;
using System.Resources;

namespace MesaServicio.Core.Common;

/// <summary>Spanish (es-CO) texts of the domain's rules, read from <c>Resources/DomainMessages.resx</c>.</summary>
public static class DomainMessages
{
    private static readonly ResourceManager Resources =
        new("MesaServicio.Core.Resources.DomainMessages", typeof(DomainMessages).Assembly);

    /// <summary>The culture every user-facing text is written and formatted in.</summary>
    public static CultureInfo Culture { get; } = CultureInfo.GetCultureInfo("es-CO");

    public static string Get(string rule, params object[] args)
    {
        var text = Resources.GetString(rule, Culture) ?? Resources.GetString(DomainRules.Generic, Culture)!;
        return args.Length == 0 ? text : string.Format(Culture, text, args);
    }

    /// <summary>Whether the rule has a text (used by a test that keeps every rule translated).</summary>
    public static bool Has(string rule) => Resources.GetString(rule, Culture) is not null;
}
