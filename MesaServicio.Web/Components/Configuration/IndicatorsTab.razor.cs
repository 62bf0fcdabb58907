using MesaServicio.Core.Configuration.Indicators;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MesaServicio.Web.Components.Configuration;

/// <summary>Indicator 7's settings: its target (meta) and traffic light, and which category groups are the specialised level.</summary>
public partial class IndicatorsTab
{
    [Inject]
    private GetIndicatorSettings Read { get; set; } = default!;

    [Inject]
    private SetIndicator7Target SetTarget { get; set; } = default!;

    [Inject]
    private SetGroupSpecialised SetSpecialised { get; set; } = default!;

    /// <summary>A phone or tablet offers the numeric keyboard with a decimal mark.</summary>
    internal static InputMode DecimalInput => InputMode.@decimal;

    internal IndicatorSettingsView? Settings { get; private set; }

    /// <summary>The target as typed (kept on a refusal).</summary>
    internal string? TargetText { get; set; }

    /// <summary>The groups as shown: a switch shows its new value while the change is saved, and goes back if refused.</summary>
    internal List<IndicatorGroupSetting> Groups { get; } = [];

    protected override async Task LoadAsync()
    {
        Settings = await Read.HandleAsync(User, CancellationToken.None);
        TargetText = Number(Settings.Indicator7Target);
        Groups.Clear();
        Groups.AddRange(Settings.Groups);
    }

    internal static string Number(decimal value) => value.ToString("0.#", Labels.Culture);

    internal static string Percent(decimal value) => Number(value) + " %";

    internal static string Points(decimal value) => Number(value) + (value == 1m ? " punto" : " puntos");

    internal static decimal AmberFloor(IndicatorSettingsView settings) => Math.Max(0m, settings.Indicator7Target - settings.AmberBand);

    internal Task SaveTargetAsync() => RunAsync(
        () => SetTarget.HandleAsync(new SetIndicator7TargetCommand(TargetText), User, CancellationToken.None),
        () => $"La meta del indicador 7 quedó en {Percent(Settings!.Indicator7Target)}.");

    internal async Task SetSpecialisedAsync(IndicatorGroupSetting group, bool specialised)
    {
        var index = Groups.FindIndex(g => g.Id == group.Id);
        if (index < 0)
        {
            return;
        }

        Groups[index] = group with { IsSpecialised = specialised };
        var done = await RunAsync(
            () => SetSpecialised.HandleAsync(new SetGroupSpecialisedCommand(group.Id, specialised), User, CancellationToken.None),
            specialised
                ? $"Los casos de «{group.Name}» cuentan ahora en el nivel especializado del indicador 7."
                : $"Los casos de «{group.Name}» ya no cuentan en el nivel especializado, salvo los del nivel 2 o superior.");
        if (!done)
        {
            var now = Groups.FindIndex(g => g.Id == group.Id);
            if (now >= 0)
            {
                Groups[now] = group;
            }
        }
    }
}
