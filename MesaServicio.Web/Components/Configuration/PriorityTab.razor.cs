using MesaServicio.Core.Configuration.Priority;
using MesaServicio.Core.Priority;
using Microsoft.AspNetCore.Components;

namespace MesaServicio.Web.Components.Configuration;

/// <summary>The impact × urgency → priority matrix; each cell saves when chosen.</summary>
public partial class PriorityTab
{
    [Inject]
    private GetPriorityMatrix Read { get; set; } = default!;

    [Inject]
    private SetPriorityCell SetCell { get; set; } = default!;

    internal static IReadOnlyList<Impact> Impacts { get; } = [Impact.High, Impact.Medium, Impact.Low];

    internal static IReadOnlyList<Urgency> Urgencies { get; } = [Urgency.High, Urgency.Medium, Urgency.Low];

    internal static IReadOnlyList<CasePriority> Priorities { get; } = Enum.GetValues<CasePriority>();

    internal PriorityMatrix? Matrix { get; private set; }

    protected override async Task LoadAsync() => Matrix = await Read.HandleAsync(CancellationToken.None);

    internal static string ImpactName(Impact impact) => SetPriorityCell.ImpactName(impact);

    internal static string UrgencyName(Urgency urgency) => SetPriorityCell.UrgencyName(urgency);

    internal Task ChangeAsync(Impact impact, Urgency urgency, CasePriority priority) => RunAsync(
        () => SetCell.HandleAsync(new SetPriorityCellCommand(impact, urgency, priority), User, CancellationToken.None),
        $"Impacto {ImpactName(impact)} y urgencia {UrgencyName(urgency)}: prioridad {Labels.Priority(priority)} para los casos nuevos.");
}
