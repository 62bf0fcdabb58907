using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Security;
using MesaServicio.Web.Auth;
using MesaServicio.Web.Components.Cases.Dialogs;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MesaServicio.Web.Components.Cases;

/// <summary>One case: what the person may see of it, the survey invitation, and the actions they may take.</summary>
public partial class CaseView
{
    [Inject]
    private GetCaseDetails Details { get; set; } = default!;

    [Inject]
    private CloseCase Close { get; set; } = default!;

    [Inject]
    private ReportNovedad Novedad { get; set; } = default!;

    [Inject]
    private CurrentUserAccessor Users { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Parameter, EditorRequired]
    public required string Numero { get; set; }

    [SupplyParameterFromQuery(Name = "adjuntos")]
    public string? AttachmentProblem { get; set; }

    internal CaseDetails? Case { get; private set; }

    internal CurrentUser User { get; private set; } = CurrentUser.Anonymous;

    internal string? Notice { get; set; }

    internal Severity NoticeSeverity { get; private set; } = Severity.Success;

    internal int AttachmentsVersion { get; private set; }

    internal bool CanComment => Case is { Status: not CaseStatus.Closed } c
        && (c.AllowedOperations.Contains(CaseOperationKind.Comment) || c.AllowedOperations.Contains(CaseOperationKind.InternalNote));

    /// <summary>The invitation shows to the requester while the survey window is open.</summary>
    internal bool SurveyDue => Case is { Status: CaseStatus.Resolved or CaseStatus.Rejected, SurveyDueAt: { } due } c
        && c.RequesterId == User.PersonId && Time.GetUtcNow() < due;

    protected override async Task OnParametersSetAsync()
    {
        User = await Users.GetAsync();
        await LoadAsync();
        if (AttachmentProblem is not null && Case is not null)
        {
            Notice = "El caso quedó registrado, pero algunos archivos no se pudieron adjuntar. Puede adjuntarlos de nuevo desde la conversación.";
            NoticeSeverity = Severity.Warning;
        }
    }

    internal async Task ReloadAsync()
    {
        await LoadAsync();
        AttachmentsVersion++;
    }

    private async Task LoadAsync()
    {
        try
        {
            Case = await Details.HandleAsync(Numero, User, CancellationToken.None);
        }
        catch (NotFoundException)
        {
            // Missing and out of reach answer the same: 404, the same page.
            Case = null;
            Navigation.NotFound();
        }
    }

    internal async Task AnswerSatisfiedAsync()
    {
        try
        {
            await Close.HandleAsync(new CloseCaseCommand(Case!.Number, Case.Version, CloseOutcome.Satisfied, null), User, CancellationToken.None);
            Notice = "Gracias por responder. El caso quedó cerrado.";
            NoticeSeverity = Severity.Success;
        }
        catch (DomainException ex)
        {
            Notice = ex.Message;
            NoticeSeverity = Severity.Error;
        }

        await ReloadAsync();
    }

    internal async Task AnswerNotSatisfiedAsync()
    {
        var dialog = await Dialogs.ShowAsync<TextActionDialog>("Reportar una novedad", new DialogParameters<TextActionDialog>
        {
            { d => d.Title, "¿Qué no funcionó de la solución?" },
            { d => d.Label, "Describa la novedad" },
            { d => d.RequiredError, "Describa la novedad que encontró con la solución." },
            { d => d.ConfirmText, "Enviar novedad" },
            { d => d.Explanation, "El técnico revisará su novedad y decidirá si amplía la solución." },
            { d => d.Submit, text => CaseActions.RunAsync(() => Novedad.HandleAsync(new ReportNovedadCommand(Case!.Number, Case.Version, text), User, CancellationToken.None)) },
        });
        var result = await dialog.Result;
        if (result is { Canceled: false })
        {
            Notice = "Recibimos su novedad. El técnico la revisará.";
            NoticeSeverity = Severity.Success;
            await ReloadAsync();
        }
    }
}
