using MesaServicio.Core.Cases;
using MesaServicio.Core.Surveys;

namespace MesaServicio.Web.Components.Surveys;

/// <summary>
/// What the requester fills in the satisfaction survey (procedure activity 6), in the portal or through the link.
/// Every answer starts empty: nothing is chosen for the person. The Spanish messages are checked here, next to the
/// fields; Core checks the same rules again.
/// </summary>
public sealed class SurveyFormModel
{
    public const string SolutionQuestion = "¿La solución resolvió su necesidad?";
    public const string SatisfiedRequired = "Indique si la solución resolvió su necesidad.";
    public const string RatingRequired = "Califique la atención en general, de 1 a 5.";
    public const string TimelinessRequired = "Califique la oportunidad de la atención, de 1 a 5.";
    public const string CourtesyRequired = "Califique el trato recibido, de 1 a 5.";
    public const string NovedadRequired = "Cuéntenos qué falta para resolver su necesidad: es su novedad y el técnico la revisará.";

    /// <summary>The comment's label while the answer is "No".</summary>
    public const string NovedadLabel = "Cuéntenos qué falta (novedad)";

    /// <summary>The first question when the case was rejected: about the answer given, not about a solution.</summary>
    public const string RejectionQuestion = "¿Está de acuerdo con la respuesta que le dimos?";
    public const string RejectionSatisfiedRequired = "Indique si está de acuerdo con la respuesta que le dimos.";
    public const string RejectionNovedadRequired = "Cuéntenos por qué no está de acuerdo: es su novedad y el técnico la revisará.";
    public const string RejectionNovedadLabel = "Cuéntenos por qué no está de acuerdo (novedad)";

    /// <summary>The comment's label otherwise.</summary>
    public const string CommentLabel = "Comentario (opcional)";

    /// <summary>
    /// The case was rejected, not resolved: the first question asks whether the person agrees with the answer, since
    /// there is no solution to judge. Set by the page from the case (never taken from what is posted).
    /// </summary>
    public bool AboutRejection { get; internal set; }

    /// <summary>The first question, for a resolved or a rejected case.</summary>
    public string SatisfiedQuestion => AboutRejection ? RejectionQuestion : SolutionQuestion;

    /// <summary>The hint under the comment.</summary>
    public string CommentHint => AboutRejection
        ? "Si no está de acuerdo con la respuesta, cuéntenos por qué: el técnico revisará su novedad."
        : "Si la solución no resolvió su necesidad, cuéntenos qué falta: el técnico revisará su novedad.";

    /// <summary>The comment's label while the answer is "No", for this case.</summary>
    public string NovedadFieldLabel => AboutRejection ? RejectionNovedadLabel : NovedadLabel;

    public bool? Satisfied { get; set; }

    public int? Rating { get; set; }

    public int? Timeliness { get; set; }

    public int? Courtesy { get; set; }

    public string? Comment { get; set; }

    /// <summary>Whether the comment is the novedad (the answer is "No").</summary>
    public bool IsNovedad => Satisfied == false;

    /// <summary>The comment's label for the current answer.</summary>
    public string CommentFieldLabel => IsNovedad ? NovedadFieldLabel : CommentLabel;

    /// <summary>The problems of the form, by field name (<c>nameof</c> of the property), in Spanish.</summary>
    public IReadOnlyList<(string Field, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        if (Satisfied is null)
        {
            problems.Add((nameof(Satisfied), AboutRejection ? RejectionSatisfiedRequired : SatisfiedRequired));
        }

        if (!IsScore(Rating))
        {
            problems.Add((nameof(Rating), RatingRequired));
        }

        if (!IsScore(Timeliness))
        {
            problems.Add((nameof(Timeliness), TimelinessRequired));
        }

        if (!IsScore(Courtesy))
        {
            problems.Add((nameof(Courtesy), CourtesyRequired));
        }

        if (IsNovedad && string.IsNullOrWhiteSpace(Comment))
        {
            problems.Add((nameof(Comment), AboutRejection ? RejectionNovedadRequired : NovedadRequired));
        }
        else if (Comment is { Length: > Case.TextMaxLength })
        {
            problems.Add((nameof(Comment), $"El comentario admite como máximo {Case.TextMaxLength.ToString("N0", Labels.Culture)} caracteres."));
        }

        return problems;
    }

    /// <summary>The answer for Core (call only when <see cref="Problems"/> is empty).</summary>
    public SurveyAnswer ToAnswer() => new(
        Satisfied ?? throw new InvalidOperationException("The form is incomplete."),
        Rating ?? 0, Timeliness ?? 0, Courtesy ?? 0, string.IsNullOrWhiteSpace(Comment) ? null : Comment.Trim());

    private static bool IsScore(int? score) => score is >= SurveyAnswer.MinScore and <= SurveyAnswer.MaxScore;
}

/// <summary>The 1–5 scale of the survey's questions, in words (adverbs: no grammatical gender to agree with).</summary>
public static class SurveyScale
{
    public static IReadOnlyList<(int Score, string Words)> Points { get; } =
    [
        (1, "Muy mal"),
        (2, "Mal"),
        (3, "Regular"),
        (4, "Bien"),
        (5, "Excelente"),
    ];
}
