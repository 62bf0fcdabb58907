using MesaServicio.Core.Calendar;
using MesaServicio.Core.Sla;
using Microsoft.AspNetCore.Components;

namespace MesaServicio.Web.Components.Cases;

/// <summary>
/// "Cómo se calculó el ANS" on the case page: a disclosure (a real button with <c>aria-expanded</c>), closed at first,
/// with one part per clock of the case, in <see cref="ClockExplanationWriter"/>'s words — rows for staff, sentences for
/// the requester. A long part shows its first and last counted days and a button that unfolds the days between.
/// </summary>
public partial class ClockExplanationSection
{
    private readonly HashSet<ClockKind> _unfolded = [];

    [Inject]
    private IBusinessCalendarProvider Calendars { get; set; } = default!;

    /// <summary>The case's clocks explained (null: nothing to show).</summary>
    [Parameter, EditorRequired]
    public required CaseClockExplanations? Clocks { get; set; }

    /// <summary>Plain words for the requester instead of the staff's rows.</summary>
    [Parameter]
    public bool Plain { get; set; }

    internal bool Open { get; private set; }

    internal IReadOnlyList<ClockExplanationText> Texts { get; private set; } = [];

    private const string PanelId = "como-se-calculo-ans";

    private static string DateColumn => ClockExplanationWriter.Text("Column.Date");

    private static string RangeColumn => ClockExplanationWriter.Text("Column.Range");

    private static string HoursColumn => ClockExplanationWriter.Text("Column.Hours");

    private static string WhyColumn => ClockExplanationWriter.Text("Column.Why");

    private static string RecomputationsTitle => ClockExplanationWriter.Text("Label.Recomputations");

    protected override void OnParametersSet()
    {
        var calendar = Calendars.Current;
        Texts = Clocks is null ? [] : [.. Clocks.All.Select(e => ClockExplanationWriter.Write(e, calendar, Plain))];
    }

    private void Toggle() => Open = !Open;

    private void Unfold(ClockKind kind) => _unfolded.Add(kind);

    /// <summary>The lines on screen, in order; a folded span of lines is one entry with index -1 (the unfold button).</summary>
    private IEnumerable<(ClockLine? Line, int Index)> Visible(ClockExplanationText t)
    {
        var folded = t.Fold.Folds && !_unfolded.Contains(t.Kind);
        for (var i = 0; i < t.Lines.Count; i++)
        {
            if (folded && i == t.Fold.Start)
            {
                yield return (null, -1);
                i = t.Fold.End - 1;
                continue;
            }

            yield return (t.Lines[i], i);
        }
    }

    private static string HeadingId(ClockExplanationText t) => "reloj-" + t.Kind.ToString().ToLowerInvariant();

    private static string LineClass(ClockLine line) => line.Kind switch
    {
        ClockLineKind.Counted => "clock-counted",
        ClockLineKind.Paused => "clock-paused",
        _ => "clock-skipped",
    };
}
