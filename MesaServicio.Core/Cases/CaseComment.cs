namespace MesaServicio.Core.Cases;

/// <summary>
/// What a public message of the conversation is: a plain comment, or a text the desk wrote for the requester while
/// deciding something about the case (PRODUCT.md, "Talking with people"). Internal notes are always <see cref="Comment"/>.
/// </summary>
public enum CaseMessageKind
{
    /// <summary>A comment (or an internal note).</summary>
    Comment = 0,

    /// <summary>The desk asks the requester for something; the case waits on her answer.</summary>
    Question = 1,

    /// <summary>The reasons of a rejection (a duplicate names the original case).</summary>
    RejectionReason = 2,

    /// <summary>The solution recorded (activity 5).</summary>
    Solution = 3,

    /// <summary>What the requester is told when the case is escalated.</summary>
    Escalation = 4,

    /// <summary>The desk's decision on a novedad: the solution is extended, a new case is needed, or no other solution exists.</summary>
    NovedadDecision = 5,

    /// <summary>The legal term of a PQRS was extended: the reason and the new date (Ley 1755 de 2015, art. 14, parágrafo).</summary>
    LegalTermExtension = 6,

    /// <summary>A site visit to her dependencia was planned, rescheduled, cancelled or done (with its findings).</summary>
    SiteVisit = 7,

    /// <summary>The desk tells the requester her case is part of a problem that now has a workaround or a solution.</summary>
    ProblemUpdate = 20,
}

/// <summary>
/// A message on a case: public (the conversation with the requester) or an internal note that only staff
/// with a role in the case ever see. Never edited or deleted.
/// </summary>
public sealed class CaseComment
{
    /// <summary>Longest comment accepted.</summary>
    public const int MaxLength = 10_000;

    private CaseComment()
    {
        Text = "";
    }

    internal CaseComment(
        Guid caseId, Guid? authorId, DateTimeOffset at, string text, bool isInternal,
        CaseMessageKind kind = CaseMessageKind.Comment, string? relatedCaseNumber = null)
    {
        Id = Guid.CreateVersion7(at);
        CaseId = caseId;
        AuthorId = authorId;
        At = at.ToUniversalTime();
        Text = text;
        IsInternal = isInternal;
        Kind = isInternal ? CaseMessageKind.Comment : kind;
        RelatedCaseNumber = relatedCaseNumber;
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    public Guid? AuthorId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Text { get; private set; }

    public bool IsInternal { get; private set; }

    /// <summary>What the message is (question, rejection reasons, solution…); plain comments and notes are <see cref="CaseMessageKind.Comment"/>.</summary>
    public CaseMessageKind Kind { get; private set; }

    /// <summary>The case this message points to: the original of a duplicate.</summary>
    public string? RelatedCaseNumber { get; private set; }
}
