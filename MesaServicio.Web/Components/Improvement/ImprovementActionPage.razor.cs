using System.Globalization;
using MesaServicio.Core.Common;
using MesaServicio.Core.Improvement;
using MesaServicio.Web.Auth;
using Microsoft.AspNetCore.Components;

namespace MesaServicio.Web.Components.Improvement;

/// <summary>
/// One improvement action (<c>/acciones-de-mejora/{numero}</c>): its facts and origin cases (links), the state change the
/// viewer may make, follow-up notes, reassignment and due date, and its history. Missing and out of reach: "not found".
/// </summary>
public sealed partial class ImprovementActionPage
{
    private ImprovementActionDetails? _details;
    private IReadOnlyList<ImprovementResponsibleOption> _people = [];
    private string? _statusNote;
    private string? _followUp;
    private Guid? _newResponsible;
    private string? _newDue;
    private string? _editReason;
    private string? _error;
    private bool _busy;

    [Parameter, EditorRequired]
    public required string Numero { get; set; }

    [SupplyParameterFromQuery(Name = "registrada")]
    public string? Registrada { get; set; }

    [Inject]
    private GetImprovementAction Get { get; set; } = default!;

    [Inject]
    private ChangeImprovementActionStatus ChangeStatus { get; set; } = default!;

    [Inject]
    private AddImprovementFollowUp AddFollowUp { get; set; } = default!;

    [Inject]
    private EditImprovementAction Edit { get; set; } = default!;

    [Inject]
    private ListImprovementResponsibles Responsibles { get; set; } = default!;

    [Inject]
    private CurrentUserAccessor Users { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        var user = await Users.GetAsync();
        try
        {
            Show(await Get.HandleAsync(Numero, user, CancellationToken.None));
        }
        catch (NotFoundException)
        {
            _details = null;
            Navigation.NotFound();
            return;
        }

        if (_details!.MayEdit && _people.Count == 0)
        {
            _people = await Responsibles.HandleAsync(user, CancellationToken.None);
        }
    }

    private static string StatusButton(ImprovementActionStatus target) => target switch
    {
        ImprovementActionStatus.InProgress => "Iniciar (en curso)",
        ImprovementActionStatus.Done => "Marcar como cumplida",
        _ => "Descartar",
    };

    private static string HistoryChange(ImprovementHistoryRow h) =>
        h.Kind is ImprovementHistoryKind.StatusChanged or ImprovementHistoryKind.Reassigned or ImprovementHistoryKind.DueDateChanged
            ? $": {ImprovementLabels.Value(h.Kind, h.From)} → {ImprovementLabels.Value(h.Kind, h.To)}"
            : "";

    private void Show(ImprovementActionDetails details)
    {
        _details = details;
        _newResponsible = details.Action.ResponsibleId;
        _newDue = details.Action.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private Task ChangeStatusAsync(ImprovementActionStatus target) => RunAsync(async user =>
    {
        Show(await ChangeStatus.HandleAsync(new(Numero, _details!.Version, target, _statusNote), user, CancellationToken.None));
        _statusNote = null;
    });

    private Task FollowUpAsync() => RunAsync(async user =>
    {
        Show(await AddFollowUp.HandleAsync(new(Numero, _followUp), user, CancellationToken.None));
        _followUp = null;
    });

    private Task EditAsync() => RunAsync(async user =>
    {
        DateOnly? due = DateOnly.TryParseExact(_newDue, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        var responsible = _newResponsible == _details!.Action.ResponsibleId ? null : _newResponsible;
        Show(await Edit.HandleAsync(new(Numero, _details.Version, responsible, due, _editReason), user, CancellationToken.None));
        _editReason = null;
    });

    /// <summary>Runs a change; a refusal keeps what was typed and says why.</summary>
    private async Task RunAsync(Func<Core.Security.CurrentUser, Task> change)
    {
        _busy = true;
        _error = null;
        try
        {
            await change(await Users.GetAsync());
        }
        catch (DomainException refused)
        {
            _error = refused.Message;
        }
        finally
        {
            _busy = false;
        }
    }
}
