using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Security;
using MesaServicio.Core.Visits;
using MesaServicio.Web.Components.Cases.Dialogs;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MesaServicio.Web.Components.Cases;

/// <summary>
/// The case's site visits, read again whenever the case's version changes; each action runs its Core use case with the
/// version the person saw, in a dialog that stays open with what was typed when Core refuses.
/// </summary>
public partial class CaseVisitsSection
{
    private CaseVisits? _visits;
    private string? _loadedKey;
    private string? _error;
    private bool _busy;

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IBusinessCalendarProvider Calendars { get; set; } = default!;

    [Parameter, EditorRequired]
    public required CaseDetails Case { get; set; }

    [Parameter, EditorRequired]
    public required CurrentUser User { get; set; }

    [Parameter]
    public EventCallback Changed { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        var key = $"{Case.Number}:{Case.Version}";
        if (key == _loadedKey)
        {
            return;
        }

        _loadedKey = key;
        try
        {
            _visits = await Get<GetCaseVisits>().HandleAsync(Case.Number, User, default);
        }
        catch (DomainException)
        {
            // The page itself says the case is out of reach.
            _visits = null;
        }
    }

    private static string StatusLabel(SiteVisitStatus status) => status switch
    {
        SiteVisitStatus.Planned => "Programada",
        SiteVisitStatus.Done => "Realizada",
        _ => "Cancelada",
    };

    private static Color StatusColor(SiteVisitStatus status) => status switch
    {
        SiteVisitStatus.Planned => Color.Info,
        SiteVisitStatus.Done => Color.Success,
        _ => Color.Default,
    };

    private static string Times(int count) => count == 1 ? "1 vez" : $"{count} veces";

    private DateTime Local(DateTimeOffset instant) => Calendars.Current.ToLocal(instant).DateTime;

    private Task PlanAsync()
    {
        var number = Case.Number;
        var version = Case.Version;
        return RunDialogAsync<PlanVisitDialog>("Programar visita", "Visita programada", new DialogParameters<PlanVisitDialog>
        {
            { d => d.Number, number },
            { d => d.DefaultDependency, _visits?.RequesterDependency },
            { d => d.DefaultStaffId, User.PersonId },
            { d => d.Staff, _visits?.StaffOptions ?? [] },
            { d => d.Submit, input => RunAsync(() => Get<PlanSiteVisit>().HandleAsync(
                new(number, version, input.Dependency, input.LocalStart, input.StaffIds, input.Purpose, input.Preparation), User, default)) },
        });
    }

    private Task RescheduleAsync(SiteVisitRow visit)
    {
        var number = Case.Number;
        var version = Case.Version;
        return RunDialogAsync<RescheduleVisitDialog>("Reprogramar visita", "Visita reprogramada", new DialogParameters<RescheduleVisitDialog>
        {
            { d => d.Number, number },
            { d => d.CurrentLocal, Local(visit.ScheduledAt) },
            { d => d.Submit, input => RunAsync(() => Get<RescheduleSiteVisit>().HandleAsync(
                new(number, version, visit.Id, input.LocalStart, input.Reason), User, default)) },
        });
    }

    private Task CancelAsync(SiteVisitRow visit)
    {
        var number = Case.Number;
        var version = Case.Version;
        var title = "Cancelar la visita · caso " + number;
        return RunDialogAsync<TextActionDialog>(title, "Visita cancelada", new DialogParameters<TextActionDialog>
        {
            { d => d.Title, title },
            { d => d.Label, "Motivo de la cancelación (el usuario lo leerá)" },
            { d => d.RequiredError, "Escriba el motivo de la cancelación: el usuario lo leerá." },
            { d => d.ConfirmText, "Cancelar la visita e informar al usuario" },
            { d => d.Explanation, $"Visita a {visit.Dependency} prevista para el {Labels.DateTime(visit.ScheduledAt)}." },
            { d => d.Submit, text => RunAsync(() => Get<CancelSiteVisit>().HandleAsync(new(number, version, visit.Id, text), User, default)) },
        });
    }

    private Task DoneAsync(SiteVisitRow visit)
    {
        var number = Case.Number;
        var version = Case.Version;
        return RunDialogAsync<RecordVisitDoneDialog>("Registrar visita realizada", "Visita registrada", new DialogParameters<RecordVisitDoneDialog>
        {
            { d => d.Number, number },
            { d => d.PlannedLocal, Local(visit.ScheduledAt) },
            { d => d.PlannedStaffIds, visit.StaffIds },
            { d => d.Staff, _visits?.StaffOptions ?? [] },
            { d => d.Submit, input => RunAsync(() => Get<RecordSiteVisitDone>().HandleAsync(
                new(number, version, visit.Id, input.AttendeeIds, input.LocalStart, input.LocalEnd, input.Findings), User, default)) },
        });
    }

    private async Task RunDialogAsync<TDialog>(string title, string done, DialogParameters<TDialog> parameters)
        where TDialog : IComponent
    {
        _busy = true;
        _error = null;
        var dialog = await Dialogs.ShowAsync<TDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        _busy = false;
        if (result is { Canceled: false })
        {
            Snackbar.Add($"Caso {Case.Number}: {done.ToLower(Labels.Culture)}; el usuario fue informado en la conversación.", Severity.Success);
            await Changed.InvokeAsync();
        }
    }

    private static async Task<string?> RunAsync(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (DomainException ex)
        {
            return ex.Message;
        }
    }

    private T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();
}
