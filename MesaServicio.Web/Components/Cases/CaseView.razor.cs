using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Security;
using MesaServicio.Web.Auth;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MesaServicio.Web.Components.Cases;

/// <summary>One case: what the person may see of it, the satisfaction survey, and the actions they may take.</summary>
public partial class CaseView
{
    [Inject]
    private GetCaseDetails Details { get; set; } = default!;

    [Inject]
    private CurrentUserAccessor Users { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

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

    /// <summary>
    /// The survey shows to the requester while the window is open. Decided when the case is loaded, not on every render:
    /// a form the person is filling stays (with what they typed) until the case is read again, even if the window ends
    /// meanwhile — then Core's refusal says so.
    /// </summary>
    internal bool SurveyDue { get; private set; }

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
            SurveyDue = Case is { Status: CaseStatus.Resolved or CaseStatus.Rejected, SurveyDueAt: { } due } c
                && c.RequesterId == User.PersonId && Time.GetUtcNow() < due;
        }
        catch (NotFoundException)
        {
            // Missing and out of reach answer the same: 404, the same page.
            Case = null;
            SurveyDue = false;
            Navigation.NotFound();
        }
    }

    /// <summary>The survey was answered: thanks, and the case as it is now (closed, or with the novedad reported).</summary>
    internal async Task SurveyAnsweredAsync(bool satisfied)
    {
        Notice = satisfied
            ? "Gracias por responder la encuesta. El caso quedó cerrado."
            : "Gracias por responder la encuesta. Recibimos su novedad: el técnico la revisará y le contará qué sigue.";
        NoticeSeverity = Severity.Success;
        await ReloadAsync();
    }
}
