namespace MesaServicio.Core.Notifications;

/// <summary>What an e-mail is about (for templates, logs and tests).</summary>
public enum MessageKind
{
    SurveyInvitation = 1,
    SurveyReminder = 2,
    SurveyClosedWithoutAnswer = 3,
    NovedadReported = 4,
    SlaAtRisk = 5,
    SlaBreached = 6,
    MonthlyReport = 7,

    /// <summary>To the requester: her case was registered (number, priority, due times, what happens next).</summary>
    CaseRegistered = 8,

    /// <summary>To the requester: the desk asks her something; the case waits on her answer.</summary>
    QuestionAsked = 9,

    /// <summary>To the requester: the question is still unanswered after two business days.</summary>
    AnswerReminder = 10,

    /// <summary>To the requester: the desk wrote a message in her case's conversation.</summary>
    DeskMessage = 11,

    /// <summary>To the requester: her case went to a higher level or another area (public wording).</summary>
    CaseEscalated = 12,

    /// <summary>To the requester: the desk decided on her novedad (a new case is needed, or no other solution exists).</summary>
    NovedadDecided = 13,

    /// <summary>To the requester: after her novedad the case reopened and is being worked again.</summary>
    CaseReopened = 14,

    /// <summary>To a technician: a case was assigned to them.</summary>
    AssignedToYou = 15,

    /// <summary>To a technician or lead: a case was escalated to them.</summary>
    EscalatedToYou = 16,

    /// <summary>To the assignee: the requester wrote (answered a question, or commented).</summary>
    RequesterAnswered = 17,

    /// <summary>To the group's members, the category's lead and the coordinators: a case nobody could be given.</summary>
    UnassignedCase = 18,

    /// <summary>To the coordinators: a month's results were closed (frozen), or closed again with a reason.</summary>
    MonthClosed = 40,
    /// <summary>To a staff member: an improvement action was given to them.</summary>
    ImprovementActionAssigned = 30,

    /// <summary>To an improvement action's responsible: its due date is near.</summary>
    ImprovementActionDueSoon = 31,

    /// <summary>To an improvement action's responsible: its due date passed and it is still open.</summary>
    ImprovementActionOverdue = 32,

    /// <summary>To the requester: the legal term of her PQRS was extended, with the new date and the reason (art. 14, parágrafo).</summary>
    LegalTermExtended = 50,

    /// <summary>To the assignee, the category's lead and the coordinators: a PQRS used 75 % of its legal term unanswered.</summary>
    LegalTermAtRisk = 51,

    /// <summary>To the assignee, the category's lead and the coordinators: a PQRS's legal term expired unanswered.</summary>
    LegalTermBreached = 52,

    /// <summary>The coordinator: a stored attachment is missing or no longer matches its SHA-256 (portal notice only).</summary>
    AttachmentIntegrity = 60,

    /// <summary>A problem the staff member's incident is linked to has a workaround or a solution to apply (portal notice).</summary>
    ProblemFixAvailable = 70,

    /// <summary>A technical lead was made responsible for a problem (portal notice).</summary>
    ProblemAssigned = 71,

    /// <summary>To a knowledge article's owner: its review day arrived.</summary>
    ArticleReviewDue = 80,
}

/// <summary>
/// An e-mail waiting to go out (transactional outbox). Written in the same transaction as the change it
/// tells about, under a unique <see cref="DedupKey"/> so that the same message is never queued twice; sent by
/// the background dispatcher, which claims it with a lease, retries failures with backoff and records the
/// delivery. Never deleted: it is the record of what was sent.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
        DedupKey = "";
        ToAddress = "";
        Subject = "";
    }

    public OutboxMessage(string dedupKey, MessageKind kind, Guid? caseId, Guid? recipientId, string toAddress, string subject, string textBody, string htmlBody, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7(createdAt);
        DedupKey = dedupKey;
        Kind = kind;
        CaseId = caseId;
        RecipientId = recipientId;
        ToAddress = toAddress;
        Subject = subject;
        TextBody = textBody;
        HtmlBody = htmlBody;
        CreatedAt = createdAt.ToUniversalTime();
        NextAttemptAt = CreatedAt;
    }

    public Guid Id { get; private set; }

    /// <summary>Unique: e.g. <c>survey-invitation:{case}:{round}</c>.</summary>
    public string DedupKey { get; private set; }

    public MessageKind Kind { get; private set; }

    public Guid? CaseId { get; private set; }

    public Guid? RecipientId { get; private set; }

    public string ToAddress { get; private set; }

    public string Subject { get; private set; }

    /// <summary>Plain-text body; cleared once sent (it may hold a survey link).</summary>
    public string? TextBody { get; private set; }

    /// <summary>HTML body; cleared once sent.</summary>
    public string? HtmlBody { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>The last failure (no personal data: the exception type and SMTP status).</summary>
    public string? LastError { get; private set; }

    /// <summary>The instance that holds the lease, while it sends.</summary>
    public string? LeasedBy { get; private set; }

    public DateTimeOffset? LeaseUntil { get; private set; }

    public IReadOnlyList<OutboxAttachment> Attachments => _attachments;

    /// <summary>The first wait after a failure; it doubles with every further failure.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between attempts: the outbox never gives up on a message.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(1);

    /// <summary>
    /// How long to wait after the <paramref name="attempts"/>-th failed attempt: 30 s, 1 min, 2 min, … up to 1 h
    /// (30 s × 2^(attempts − 1), capped).
    /// </summary>
    public static TimeSpan RetryDelay(int attempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);

        // 30 s × 2^7 is already past the cap; stopping the exponent there keeps the arithmetic from overflowing.
        var delay = FirstRetryDelay * Math.Pow(2, Math.Min(attempts - 1, 7));
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }

    private readonly List<OutboxAttachment> _attachments = [];

    public void Attach(string fileName, string contentType, byte[] content) =>
        _attachments.Add(new OutboxAttachment(Id, fileName, contentType, content));
}

/// <summary>A file sent with an e-mail (the monthly report's PDF and CSV).</summary>
public sealed class OutboxAttachment
{
    private OutboxAttachment()
    {
        FileName = "";
        ContentType = "";
        Content = [];
    }

    internal OutboxAttachment(Guid messageId, string fileName, string contentType, byte[] content)
    {
        MessageId = messageId;
        FileName = fileName;
        ContentType = contentType;
        Content = content;
    }

    public long Id { get; private set; }

    public Guid MessageId { get; private set; }

    public string FileName { get; private set; }

    public string ContentType { get; private set; }

    public byte[] Content { get; private set; }
}
