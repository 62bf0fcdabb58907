using MesaServicio.Core.Priority;
using MudBlazor;

namespace MesaServicio.Web.Components.Cases;

/// <summary>The colour of each priority on chips and cards (always with its word: colour is never the only cue).</summary>
public static class PriorityColors
{
    public static Color For(CasePriority priority) => priority switch
    {
        CasePriority.Critical => Color.Error,
        CasePriority.High => Color.Warning,
        CasePriority.Medium => Color.Info,
        CasePriority.Low => Color.Success,
        _ => Color.Default,
    };
}
