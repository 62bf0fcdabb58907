using MesaServicio.Core.Common;
using MesaServicio.Core.Improvement;
using MesaServicio.Web.Auth;
using Microsoft.AspNetCore.Components;

namespace MesaServicio.Web.Components.Improvement;

/// <summary>
/// The improvement actions (<c>/acciones-de-mejora</c>): filters by state, responsible and overdue; each row links to its
/// page. Leads, the coordinator and the Jefe OTIC see all; a technician the ones they answer for (Core decides).
/// </summary>
public sealed partial class ImprovementActionsPage
{
    private IReadOnlyList<ImprovementActionRow>? _rows;
    private IReadOnlyList<ImprovementResponsibleOption> _people = [];
    private ImprovementActionStatus? _status;
    private Guid? _responsible;
    private bool _overdue;
    private bool _mayCreate;
    private string? _error;

    [Inject]
    private ListImprovementActions List { get; set; } = default!;

    [Inject]
    private ListImprovementResponsibles Responsibles { get; set; } = default!;

    [Inject]
    private CurrentUserAccessor Users { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var user = await Users.GetAsync();
        _mayCreate = ImprovementAccess.Manages(user);
        if (ImprovementAccess.ReadsAll(user))
        {
            _people = await Responsibles.HandleAsync(user, CancellationToken.None);
        }

        await ReloadAsync();
    }

    private async Task StatusChangedAsync(ImprovementActionStatus? status)
    {
        _status = status;
        await ReloadAsync();
    }

    private async Task ResponsibleChangedAsync(Guid? responsible)
    {
        _responsible = responsible;
        await ReloadAsync();
    }

    private async Task OverdueChangedAsync(bool overdue)
    {
        _overdue = overdue;
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        try
        {
            _error = null;
            _rows = await List.HandleAsync(new ImprovementActionFilter(_status, _responsible, _overdue), await Users.GetAsync(), CancellationToken.None);
        }
        catch (DomainException refused)
        {
            _rows = [];
            _error = refused.Message;
        }
    }
}
