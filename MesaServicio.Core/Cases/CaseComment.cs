namespace MesaServicio.Core.Cases;

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

    internal CaseComment(Guid caseId, Guid? authorId, DateTimeOffset at, string text, bool isInternal)
    {
        Id = Guid.CreateVersion7(at);
        CaseId = caseId;
        AuthorId = authorId;
        At = at.ToUniversalTime();
        Text = text;
        IsInternal = isInternal;
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    public Guid? AuthorId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Text { get; private set; }

    public bool IsInternal { get; private set; }
}
