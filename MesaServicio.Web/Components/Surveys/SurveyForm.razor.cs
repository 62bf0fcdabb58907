using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Security;
using MesaServicio.Core.Surveys;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace MesaServicio.Web.Components.Surveys;

/// <summary>
/// The survey form of the case page. It answers with the version of the case the person saw (a change in between is
/// reported, not overwritten); a refusal shows Core's Spanish message and keeps everything typed; an answer tells the
/// page, which thanks the person and reloads the case (closed, or with the novedad reported).
/// </summary>
public partial class SurveyForm
{
    private EditContext _editContext = default!;
    private ValidationMessageStore _messages = default!;

    [Inject]
    private AnswerSurvey Answer { get; set; } = default!;

    [Parameter, EditorRequired]
    public required CaseDetails Case { get; set; }

    [Parameter, EditorRequired]
    public required CurrentUser User { get; set; }

    /// <summary>Raised after the answer was stored, with whether the person was satisfied.</summary>
    [Parameter]
    public EventCallback<bool> Answered { get; set; }

    internal SurveyFormModel Form { get; } = new();

    internal string? Error { get; private set; }

    internal bool Busy { get; private set; }

    protected override void OnParametersSet() => Form.AboutRejection = Case.Status == CaseStatus.Rejected;

    protected override void OnInitialized()
    {
        _editContext = new EditContext(Form);
        _messages = new ValidationMessageStore(_editContext);

        // A message goes away as soon as its field is answered (and "No" without a comment shows again on submit).
        _editContext.OnFieldChanged += (_, e) =>
        {
            _messages.Clear(e.FieldIdentifier);
            if (e.FieldIdentifier.FieldName == nameof(SurveyFormModel.Satisfied))
            {
                _messages.Clear(_editContext.Field(nameof(SurveyFormModel.Comment)));
            }
        };
    }

    internal async Task SubmitAsync()
    {
        Error = null;
        _messages.Clear();
        var problems = Form.Problems();
        foreach (var (field, message) in problems)
        {
            _messages.Add(_editContext.Field(field), message);
        }

        _editContext.NotifyValidationStateChanged();
        if (problems.Count > 0)
        {
            return;
        }

        Busy = true;
        try
        {
            var satisfied = Form.Satisfied == true;
            await Answer.HandleAsync(new AnswerSurveyCommand(Case.Number, Case.Version, Form.ToAnswer()), User, CancellationToken.None);
            await Answered.InvokeAsync(satisfied);
        }
        catch (DomainException ex)
        {
            // Everything typed stays in the form; only the message is new.
            Error = ex.Message;
        }
        finally
        {
            Busy = false;
        }
    }
}
