using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Security;
using MesaServicio.Core.Sla;
using MesaServicio.Web.Components.Cases.Dialogs;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MesaServicio.Web.Components.Cases;

/// <summary>
/// The buttons of the case page for technicians, leads and the coordinator. Each runs the same Core use
/// case as the board, with the version the person saw (a concurrent change is reported, not overwritten).
/// </summary>
public partial class CaseActions
{
    private string? _error;
    private bool _busy;

    [Inject]
    private CaseOperationRunner Operations { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired]
    public required CaseDetails Case { get; set; }

    [Parameter, EditorRequired]
    public required CurrentUser User { get; set; }

    [Parameter]
    public EventCallback Changed { get; set; }

    [Inject]
    private IBusinessCalendarProvider Calendars { get; set; } = default!;

    internal sealed record ActionButton(
        CaseOperation Operation, string Label, string Icon, Color Color, bool Primary, CloseOutcome? Outcome = null, bool Take = false,
        bool ExtendLegalTerm = false);

    internal IReadOnlyList<ActionButton> Actions => Assignment().Concat(All.Where(a => Offers(a.Operation))).Concat(LegalTerm()).ToList();

    /// <summary>
    /// "Prorrogar término legal": a PQRS whose legal term runs unanswered, not expired and never extended, for those who
    /// answer for it (its assignee, the category's lead, the coordinator).
    /// </summary>
    private IEnumerable<ActionButton> LegalTerm()
    {
        if (Case.Legal is { State: LegalTermState.OnTrack or LegalTermState.AtRisk, Extended: false }
            && Case.Status != CaseStatus.Closed
            && Case.AllowedOperations.Contains(CaseOperationKind.ExtendLegalTerm))
        {
            yield return new ActionButton(CaseOperation.Escalate, "Prorrogar término legal", Icons.Material.Filled.EventRepeat, Color.Default, false,
                ExtendLegalTerm: true);
        }
    }

    /// <summary>"Tomar" for a member of the group of an unassigned case; "Asignar"/"Reasignar" for its lead and the coordinator.</summary>
    private IEnumerable<ActionButton> Assignment()
    {
        if (Case.AllowedOperations.Contains(CaseOperationKind.Take) && Case.AssigneeId is null)
        {
            yield return new ActionButton(CaseOperation.Assign, "Tomar el caso", Icons.Material.Filled.PanTool, Color.Primary, true, Take: true);
        }

        if (Offers(CaseOperation.Assign))
        {
            yield return Case.AssigneeId is null
                ? new ActionButton(CaseOperation.Assign, "Asignar", Icons.Material.Filled.PersonAdd, Color.Primary, Case.AllowedOperations.Contains(CaseOperationKind.Take) is false)
                : new ActionButton(CaseOperation.Assign, "Reasignar", Icons.Material.Filled.SwitchAccount, Color.Default, false);
        }
    }

    private static readonly ActionButton[] All =
    [
        new(CaseOperation.Analyse, "Analizar", Icons.Material.Filled.ManageSearch, Color.Primary, true),
        new(CaseOperation.Attend, "Atender", Icons.Material.Filled.PlayArrow, Color.Primary, true),
        new(CaseOperation.Resume, "Reanudar", Icons.Material.Filled.PlayArrow, Color.Primary, true),
        new(CaseOperation.Resolve, "Resolver", Icons.Material.Filled.TaskAlt, Color.Success, true),
        new(CaseOperation.WaitOnRequester, "Pedir información al usuario", Icons.Material.Filled.HourglassTop, Color.Default, false),
        new(CaseOperation.Escalate, "Escalar", Icons.Material.Filled.MoveUp, Color.Warning, false),
        new(CaseOperation.Reject, "Rechazar", Icons.Material.Filled.Block, Color.Error, false),
        new(CaseOperation.Reopen, "Ampliar la solución (reabrir)", Icons.Material.Filled.Replay, Color.Primary, true),
        new(CaseOperation.CloseAfterNovedad, "Pedir un caso nuevo", Icons.Material.Filled.NoteAdd, Color.Default, false, CloseOutcome.NewCaseRequired),
        new(CaseOperation.CloseAfterNovedad, "No hay otra solución", Icons.Material.Filled.DoNotDisturbOn, Color.Default, false, CloseOutcome.NoFurtherSolution),
    ];

    private bool Offers(CaseOperation operation) =>
        CaseLifecycle.Allows(operation, Case.Status) && Case.AllowedOperations.Contains(CaseAccess.PermissionFor(operation));

    private async Task RunActionAsync(ActionButton action)
    {
        _busy = true;
        _error = null;
        var number = Case.Number;
        var version = Case.Version;
        var ok = action.Operation switch
        {
            _ when action.ExtendLegalTerm => await ExtendLegalTermAsync(number, version),
            CaseOperation.Assign when action.Take => await DirectAsync(() => Operations.TakeAsync(number, version, User)),
            CaseOperation.Assign => await DialogAsync<AssignDialog>(action.Label, new DialogParameters<AssignDialog>
            {
                { d => d.Number, number },
                { d => d.User, User },
                { d => d.Reassign, Case.AssigneeId is not null },
                { d => d.Submit, (person, group, reason) => RefusalAsync(() => Operations.AssignAsync(number, version, person, group, reason, User)) },
            }),
            CaseOperation.Analyse => await DirectAsync(() => Operations.AnalyseAsync(number, version, User)),
            CaseOperation.Attend => await DirectAsync(() => Operations.AttendAsync(number, version, User)),
            CaseOperation.Resume => await DirectAsync(() => Operations.ResumeAsync(number, version, User)),
            CaseOperation.Resolve => await TextAsync("Resolver el caso " + number, "Solución o acciones realizadas (el usuario las verá)",
                "Para resolver el caso registre la solución o las acciones realizadas.", "Resolver",
                text => Operations.ResolveAsync(number, version, text, User)),
            CaseOperation.WaitOnRequester => await TextAsync("Pedir información al usuario", "¿Qué necesita del usuario solicitante?",
                "Escriba qué necesita del usuario solicitante.", "Enviar y esperar",
                text => Operations.WaitOnRequesterAsync(number, version, text, User),
                "El tiempo de solución se detiene hasta que el usuario responda."),
            CaseOperation.Reopen => await TextAsync("Ampliar la solución", "Cómo se ampliará la solución",
                "Para reabrir el caso escriba cómo se ampliará la solución.", "Reabrir",
                text => Operations.ReopenAsync(number, version, text, User)),
            CaseOperation.CloseAfterNovedad => await TextAsync(action.Label, action.Outcome == CloseOutcome.NewCaseRequired
                    ? "Nota para el usuario: qué debe pedir en el caso nuevo y por qué"
                    : "Nota para el usuario: por qué no hay otra solución",
                "Escriba la nota de cierre para el usuario solicitante.", "Cerrar el caso",
                text => Operations.CloseAsync(number, version, action.Outcome!.Value, text, User)),
            CaseOperation.Reject => await DialogAsync<RejectDialog>("Rechazar", new DialogParameters<RejectDialog>
            {
                { d => d.Number, number },
                { d => d.Submit, input => RefusalAsync(() => Operations.RejectAsync(number, version, input, User)) },
            }),
            CaseOperation.Escalate => await DialogAsync<EscalateDialog>("Escalar", new DialogParameters<EscalateDialog>
            {
                { d => d.Number, number },
                { d => d.User, User },
                { d => d.Submit, input => RefusalAsync(() => Operations.EscalateAsync(number, version, input, User)) },
            }),
            _ => false,
        };
        _busy = false;
        if (ok)
        {
            Snackbar.Add($"Caso {number}: {action.Label.ToLower(Labels.Culture)} — listo.", Severity.Success);
            await Changed.InvokeAsync();
        }
    }

    private async Task<bool> ExtendLegalTermAsync(string number, int version)
    {
        var legal = Case.Legal;
        var calendar = Calendars.Current;
        var maxDays = LegalTermClock.MaxDaysFor(legal.Modality, legal.InitialDays);
        return await DialogAsync<ExtendLegalTermDialog>("Prorrogar término legal", new DialogParameters<ExtendLegalTermDialog>
        {
            { d => d.Number, number },
            { d => d.CurrentDue, legal.DueAt },
            { d => d.Latest, calendar.EndOfNthBusinessDayAfter(legal.StartedAt, maxDays) },
            { d => d.InitialDays, legal.InitialDays },
            { d => d.MaxDays, maxDays },
            { d => d.PersonalData, LegalTermClock.IsPersonalData(legal.Modality) },
            { d => d.Calendar, calendar },
            { d => d.Submit, input => RefusalAsync(() => Operations.ExtendLegalTermAsync(number, version, input, User)) },
        });
    }

    private async Task<bool> DirectAsync(Func<Task<CaseOperationResult>> action)
    {
        _error = (await action()).Message;
        return _error is null;
    }

    /// <summary>A dialog's submit: null on success, else the refusal's Spanish text (the dialog stays open with what was typed).</summary>
    private static async Task<string?> RefusalAsync(Func<Task<CaseOperationResult>> action) => (await action()).Message;

    private async Task<bool> TextAsync(
        string title, string label, string requiredError, string confirm, Func<string, Task<CaseOperationResult>> action, string? explanation = null) =>
        await DialogAsync<TextActionDialog>(title, new DialogParameters<TextActionDialog>
        {
            { d => d.Title, title },
            { d => d.Label, label },
            { d => d.RequiredError, requiredError },
            { d => d.ConfirmText, confirm },
            { d => d.Explanation, explanation },
            { d => d.Submit, text => RefusalAsync(() => action(text)) },
        });

    private async Task<bool> DialogAsync<TDialog>(string title, DialogParameters<TDialog> parameters)
        where TDialog : IComponent
    {
        var dialog = await Dialogs.ShowAsync<TDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false };
    }
}
