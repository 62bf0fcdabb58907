using MesaServicio.Core.Common;
using MesaServicio.Core.Improvement;
using MudBlazor;

namespace MesaServicio.Web.Components.Improvement;

/// <summary>Spanish words, colours and query values of the improvement actions' pages.</summary>
public static class ImprovementLabels
{
    /// <summary>"Abierta", "En curso", "Cumplida", "Descartada".</summary>
    public static string Status(ImprovementActionStatus status)
    {
        var text = DomainMessages.Get("Improvement.Status." + status);
        return char.ToUpper(text[0], Labels.Culture) + text[1..];
    }

    public static string Origin(ImprovementOrigin origin) => DomainMessages.Get("Improvement.Origin." + origin);

    public static string History(ImprovementHistoryKind kind) => DomainMessages.Get("Improvement.History." + kind);

    public static Color StatusColor(ImprovementActionStatus status) => status switch
    {
        ImprovementActionStatus.Open => Color.Info,
        ImprovementActionStatus.InProgress => Color.Primary,
        ImprovementActionStatus.Done => Color.Success,
        _ => Color.Default,
    };

    /// <summary>The origin as the address writes it (<c>?origen=novedad|puntaje-bajo|revision-mes</c>).</summary>
    public static ImprovementOrigin? OriginFromQuery(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "novedad" => ImprovementOrigin.Novedad,
        "puntaje-bajo" => ImprovementOrigin.LowScore,
        "revision-mes" => ImprovementOrigin.MonthReview,
        _ => null,
    };

    /// <summary>A local day: "12 de marzo de 2026".</summary>
    public static string Day(DateOnly day) => day.ToString("d 'de' MMMM 'de' yyyy", Labels.Culture);

    /// <summary>A history value: states by name, days in words, the rest as stored (names already resolved by Core).</summary>
    public static string? Value(ImprovementHistoryKind kind, string? value) => kind switch
    {
        ImprovementHistoryKind.StatusChanged when Enum.TryParse<ImprovementActionStatus>(value, out var s) => Status(s),
        ImprovementHistoryKind.DueDateChanged when DateOnly.TryParseExact(value, "yyyy-MM-dd", out var d) => Day(d),
        _ => value,
    };
}
