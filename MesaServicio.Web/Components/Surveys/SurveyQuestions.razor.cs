using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace MesaServicio.Web.Components.Surveys;

/// <summary>The survey's questions inside the host's form: the host owns the model and validates it.</summary>
public partial class SurveyQuestions
{
    [CascadingParameter]
    private EditContext? EditContext { get; set; }

    /// <summary>The answers; the inputs write into it (the host keeps it, so a refusal keeps everything typed).</summary>
    [Parameter, EditorRequired]
    public required SurveyFormModel Model { get; set; }

    /// <summary>Prefix of the element ids, unique on the page.</summary>
    [Parameter]
    public string IdPrefix { get; set; } = "encuesta";

    private string Id(string name) => IdPrefix + "-" + name;

    private string? FirstMessage(string field) =>
        EditContext?.GetValidationMessages(new FieldIdentifier(Model, field)).FirstOrDefault();

    /// <summary>The id of the field's message, for aria-describedby, while there is one.</summary>
    private string? Describe(string field) => FirstMessage(field) is null ? null : Id("error-" + field);

    private string? Invalid(string field) => FirstMessage(field) is null ? null : "true";

    private RenderFragment Message(string field) => builder =>
    {
        if (FirstMessage(field) is { } message)
        {
            builder.OpenElement(0, "p");
            builder.AddAttribute(1, "class", "validation-message");
            builder.AddAttribute(2, "id", Id("error-" + field));
            builder.AddContent(3, message);
            builder.CloseElement();
        }
    };
}
