namespace MesaServicio.Core.Surveys;

/// <summary>What the requester answered to the satisfaction survey (procedure activity 6).</summary>
/// <param name="Satisfied">Whether the solution satisfied them; "no" is a novedad.</param>
/// <param name="Rating">Overall rating, 1 (very bad) to 5 (very good).</param>
/// <param name="Timeliness">How timely the attention was, 1 to 5.</param>
/// <param name="Courtesy">How respectful the treatment was ("trato digno"), 1 to 5.</param>
/// <param name="Comment">Free text; required when not satisfied (it is the novedad).</param>
public sealed record SurveyAnswer(bool Satisfied, int Rating, int Timeliness, int Courtesy, string? Comment)
{
    /// <summary>Lowest score of a 1–5 question.</summary>
    public const int MinScore = 1;

    /// <summary>Highest score of a 1–5 question.</summary>
    public const int MaxScore = 5;
}

/// <summary>How the answer arrived.</summary>
public enum SurveyChannel
{
    /// <summary>Signed in, on the case page or the home banner.</summary>
    Portal = 1,

    /// <summary>Through the <c>/encuesta/{token}</c> link, without signing in.</summary>
    Link = 2,
}

/// <summary>
/// A stored survey answer: one per survey round of a case (a case that reopens and is resolved again is
/// surveyed again). Append-only evidence.
/// </summary>
public sealed class SurveyResponse
{
    private SurveyResponse()
    {
    }

    internal SurveyResponse(Guid caseId, int round, DateTimeOffset answeredAt, Guid? answeredById, SurveyChannel channel, SurveyAnswer answer, string? comment)
    {
        Id = Guid.NewGuid();
        CaseId = caseId;
        Round = round;
        AnsweredAt = answeredAt.ToUniversalTime();
        AnsweredById = answeredById;
        Channel = channel;
        Satisfied = answer.Satisfied;
        Rating = answer.Rating;
        Timeliness = answer.Timeliness;
        Courtesy = answer.Courtesy;
        Comment = comment;
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    /// <summary>Which resolution or rejection of the case this answer is about (1 for the first).</summary>
    public int Round { get; private set; }

    public DateTimeOffset AnsweredAt { get; private set; }

    public Guid? AnsweredById { get; private set; }

    public SurveyChannel Channel { get; private set; }

    public bool Satisfied { get; private set; }

    public int Rating { get; private set; }

    public int Timeliness { get; private set; }

    public int Courtesy { get; private set; }

    public string? Comment { get; private set; }
}
