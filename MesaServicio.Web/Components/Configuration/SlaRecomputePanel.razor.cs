using MesaServicio.Core.Configuration;
using MesaServicio.Core.Configuration.Sla;
using MesaServicio.Core.Priority;
using Microsoft.AspNetCore.Components;

namespace MesaServicio.Web.Components.Configuration;

/// <summary>Recomputes the ANS of chosen open cases under the policy and calendar in force, with a mandatory reason.</summary>
public partial class SlaRecomputePanel
{
    [Inject]
    private GetCatalogSettings Catalogs { get; set; } = default!;

    [Inject]
    private RecomputeCaseSla Recompute { get; set; } = default!;

    internal CatalogSettings? Catalog { get; private set; }

    internal RecomputeForm Form { get; } = new();

    /// <summary>How many open cases the filter matches now.</summary>
    internal int? Count { get; private set; }

    protected override async Task LoadAsync()
    {
        Catalog = await Catalogs.HandleAsync(User, CancellationToken.None);
        await CountAsync();
    }

    internal async Task CategoryChangedAsync(int categoryId)
    {
        Form.CategoryId = categoryId;
        await CountAsync();
    }

    internal async Task PriorityChangedAsync(int priority)
    {
        Form.Priority = priority;
        await CountAsync();
    }

    internal async Task RecomputeAsync()
    {
        SlaRecomputeResult? result = null;
        var done = await RunAsync(async () =>
        {
            result = await Recompute.HandleAsync(new RecomputeCaseSlaCommand(CategoryId, Priority, Form.Reason), User, CancellationToken.None);
            return true;
        }, () => result!.Count == 1 ? "Se recalculó el ANS de 1 caso abierto." : $"Se recalcularon los ANS de {result.Count:N0} casos abiertos.");
        if (done && result is not null)
        {
            Form.Reason = "";
        }
    }

    private int? CategoryId => Form.CategoryId == 0 ? null : Form.CategoryId;

    private CasePriority? Priority => Form.Priority == 0 ? null : (CasePriority)Form.Priority;

    private async Task CountAsync() => Count = await Recompute.CountAsync(CategoryId, Priority, User, CancellationToken.None);

    /// <summary>The filter and the reason as typed (kept on a refusal).</summary>
    internal sealed class RecomputeForm
    {
        public int CategoryId { get; set; }

        public int Priority { get; set; }

        public string Reason { get; set; } = "";
    }
}
