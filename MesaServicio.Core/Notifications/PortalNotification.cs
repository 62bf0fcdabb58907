namespace MesaServicio.Core.Notifications;

/// <summary>
/// A notice in a person's portal inbox (the bell): an ANS alert, a novedad to decide, a survey to answer.
/// Pushed live through the real-time channel after commit; read from the database on every page load, so a
/// push lost to a restart is still there.
/// </summary>
public sealed class PortalNotification
{
    private PortalNotification()
    {
        DedupKey = "";
        Text = "";
    }

    public PortalNotification(string dedupKey, Guid personId, MessageKind kind, Guid? caseId, string? caseNumber, string text, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7(createdAt);
        DedupKey = dedupKey;
        PersonId = personId;
        Kind = kind;
        CaseId = caseId;
        CaseNumber = caseNumber;
        Text = text;
        CreatedAt = createdAt.ToUniversalTime();
    }

    public Guid Id { get; private set; }

    /// <summary>Unique per person and event.</summary>
    public string DedupKey { get; private set; }

    public Guid PersonId { get; private set; }

    public MessageKind Kind { get; private set; }

    public Guid? CaseId { get; private set; }

    public string? CaseNumber { get; private set; }

    /// <summary>The Spanish text shown (case number and what happened; no personal data).</summary>
    public string Text { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ReadAt { get; private set; }

    public void MarkRead(DateTimeOffset at) => ReadAt ??= at.ToUniversalTime();
}
