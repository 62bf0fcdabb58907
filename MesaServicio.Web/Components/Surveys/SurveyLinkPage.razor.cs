using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Surveys;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace MesaServicio.Web.Components.Surveys;

/// <summary>
/// <c>/encuesta/{token}</c>: the survey answered through the e-mailed link, without signing in. Rendered on the server
/// only (no circuit): the form posts back here with its antiforgery token. A link that does not work says why in plain
/// Spanish (not valid: 404; window over; already answered); a form with problems comes back with what was typed.
/// The page shows nothing but the case's number, subject and solution or rejection (no names, no history); the
/// security headers add <c>no-store</c> and <c>no-referrer</c> for this address (the token is a secret in the URL).
/// </summary>
public partial class SurveyLinkPage
{
    private EditContext _editContext = default!;
    private ValidationMessageStore _messages = default!;
    private bool _statusSet;

    [Inject]
    private SurveyLinks Links { get; set; } = default!;

    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }

    [Parameter, EditorRequired]
    public required string Token { get; set; }

    /// <summary>What was posted (null on a GET). Its name is the prefix of the fields' names ("Model.Rating").</summary>
    [SupplyParameterFromForm(FormName = "encuesta")]
    public SurveyFormModel? Model { get; set; }

    internal SurveyLinkView View { get; private set; } = new(SurveyLinkState.Invalid, null, null, null, null, null);

    /// <summary>Whether the form shows: a link that works, and on a post always (so the post reaches its handler).</summary>
    internal bool ShowForm { get; private set; }

    /// <summary>Set once the answer was stored: whether the person was satisfied.</summary>
    internal bool? Answered { get; private set; }

    internal string? Error { get; private set; }

    internal string Title => Answered is not null ? "Gracias" : View.State switch
    {
        SurveyLinkState.Valid => "Encuesta de satisfacción",
        SurveyLinkState.Expired => "El plazo terminó",
        SurveyLinkState.Used => "Ya respondió",
        _ => "Enlace no válido",
    };

    protected override async Task OnInitializedAsync()
    {
        Model ??= new SurveyFormModel();
        _editContext = new EditContext(Model);
        _messages = new ValidationMessageStore(_editContext);
        View = await Links.ReadAsync(Token, CancellationToken.None);
        Model.AboutRejection = View.Status == CaseStatus.Rejected;
        var posted = HttpContext is { } http && HttpMethods.IsPost(http.Request.Method);
        ShowForm = View.State == SurveyLinkState.Valid || posted;
        SetStatus();
    }

    internal async Task SubmitAsync()
    {
        if (View.State != SurveyLinkState.Valid)
        {
            ShowForm = false;
            return;
        }

        var problems = Model!.Problems();
        foreach (var (field, message) in problems)
        {
            _messages.Add(_editContext.Field(field), message);
        }

        _editContext.NotifyValidationStateChanged();
        if (problems.Count > 0)
        {
            return;
        }

        try
        {
            await Links.AnswerAsync(Token, Model.ToAnswer(), CancellationToken.None);
            Answered = Model.Satisfied == true;
        }
        catch (DomainException ex)
        {
            // The link stopped working meanwhile (answered, window over): say so. Otherwise keep what was typed.
            View = await Links.ReadAsync(Token, CancellationToken.None);
            ShowForm = View.State == SurveyLinkState.Valid;
            Error = ShowForm ? ex.Message : null;
            SetStatus();
        }
    }

    /// <summary>
    /// A link that is not one answers 404, with this page (not the site's generic one). The status is set as the response
    /// starts: a status changed during rendering would make Blazor leave the body to the status-code pages instead.
    /// </summary>
    private void SetStatus()
    {
        if (View.State == SurveyLinkState.Invalid && !_statusSet)
        {
            _statusSet = LinkPageStatus.NotFound(HttpContext);
        }
    }
}
