using MesaServicio.Core.Cases;
using MesaServicio.Core.Configuration;
using MesaServicio.Core.Configuration.Sla;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Sla;
using Microsoft.AspNetCore.Components;

namespace MesaServicio.Web.Components.Configuration;

/// <summary>The ANS matrix (kind × priority, attend and resolve) of the general policy or of one category.</summary>
public partial class SlaTab
{
    private readonly Dictionary<(CaseKind, CasePriority), CellForm> _forms = [];

    [Inject]
    private GetCatalogSettings Catalogs { get; set; } = default!;

    [Inject]
    private GetSlaSettings Settings { get; set; } = default!;

    [Inject]
    private SetSlaTargets SetTargets { get; set; } = default!;

    [Inject]
    private ClearSlaPolicy Clear { get; set; } = default!;

    internal static IReadOnlyList<CaseKind> Kinds { get; } = [CaseKind.Incident, CaseKind.Request];

    internal static IReadOnlyList<CasePriority> Priorities { get; } = Enum.GetValues<CasePriority>();

    internal CatalogSettings? Catalog { get; private set; }

    internal IReadOnlyList<SlaCell>? Cells { get; private set; }

    /// <summary>0 = the general policy; else a category id.</summary>
    internal int Scope { get; private set; }

    protected override async Task LoadAsync()
    {
        Catalog = await Catalogs.HandleAsync(User, CancellationToken.None);
        Cells = await Settings.HandleAsync(User, CancellationToken.None);
    }

    internal void ChooseScope(int scope)
    {
        Scope = scope;
        _forms.Clear();
    }

    internal SlaCell? Own(CaseKind kind, CasePriority priority) =>
        Cells?.FirstOrDefault(c => c.CategoryId == (Scope == 0 ? null : Scope) && c.Kind == kind && c.Priority == priority);

    /// <summary>The cell in force for the scope: its own, else its parent's, else the general one.</summary>
    internal (SlaCell? Cell, string From) Effective(CatalogSettings catalog, CaseKind kind, CasePriority priority)
    {
        SlaCell? Find(int? categoryId) => Cells?.FirstOrDefault(c => c.CategoryId == categoryId && c.Kind == kind && c.Priority == priority);
        if (Scope == 0)
        {
            return (Find(null), "General");
        }

        if (Find(Scope) is { } own)
        {
            return (own, "Propio");
        }

        var parent = catalog.Categories.FirstOrDefault(c => c.Id == Scope)?.ParentId is { } p ? catalog.Categories.FirstOrDefault(c => c.Id == p) : null;
        if (parent is not null && Find(parent.Id) is { } inherited)
        {
            return (inherited, $"De «{parent.Name}»");
        }

        return (Find(null), "General");
    }

    internal string Origin(CatalogSettings catalog, CaseKind kind, CasePriority priority) => Effective(catalog, kind, priority).From;

    /// <summary>The row's form, filled from the cell in force; what was typed survives reloads until saved.</summary>
    internal CellForm FormOf(CaseKind kind, CasePriority priority)
    {
        if (!_forms.TryGetValue((kind, priority), out var form))
        {
            var cell = Catalog is null ? null : Effective(Catalog, kind, priority).Cell;
            form = new CellForm
            {
                AttendAmount = cell?.Attend?.Amount,
                AttendUnit = cell?.Attend?.Unit ?? SlaUnit.BusinessHours,
                ResolveAmount = cell?.Resolve?.Amount,
                ResolveUnit = cell?.Resolve?.Unit ?? SlaUnit.BusinessDays,
            };
            _forms[(kind, priority)] = form;
        }

        return form;
    }

    internal async Task SaveAsync(CaseKind kind, CasePriority priority)
    {
        var form = FormOf(kind, priority);
        var saved = await RunAsync(
            () => SetTargets.HandleAsync(
                new SetSlaTargetsCommand(Scope == 0 ? null : Scope, kind, priority,
                    form.AttendAmount, form.AttendAmount is null ? null : form.AttendUnit,
                    form.ResolveAmount, form.ResolveAmount is null ? null : form.ResolveUnit),
                User, CancellationToken.None),
            $"Se guardó el ANS {Labels.Kind(kind)} · {Labels.Priority(priority)}: aplica a los casos nuevos.");
        if (saved)
        {
            _forms.Remove((kind, priority));
        }
    }

    internal async Task ClearAsync(CaseKind kind, CasePriority priority)
    {
        if (await RunAsync(
            () => Clear.HandleAsync(new ClearSlaPolicyCommand(Scope, kind, priority), User, CancellationToken.None),
            "La categoría vuelve a usar el ANS heredado para los casos nuevos."))
        {
            _forms.Remove((kind, priority));
        }
    }

    /// <summary>One row of the matrix as typed (kept on a refusal).</summary>
    internal sealed class CellForm
    {
        public int? AttendAmount { get; set; }

        public SlaUnit AttendUnit { get; set; }

        public int? ResolveAmount { get; set; }

        public SlaUnit ResolveUnit { get; set; }
    }
}
