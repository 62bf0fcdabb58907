using System.Globalization;
using MesaServicio.Core.Common;

namespace MesaServicio.Core.Knowledge;

/// <summary>Who an article is written for.</summary>
public enum ArticleAudience
{
    /// <summary>Público: requesters read it once published (and it is offered on the new-case form).</summary>
    Public = 1,

    /// <summary>Interno: staff only.</summary>
    Internal = 2,
}

/// <summary>Where an article stands: borrador, publicado, retirado.</summary>
public enum ArticleStatus
{
    Draft = 1,
    Published = 2,
    Retired = 3,
}

/// <summary>What may be done to an article; <see cref="ArticleLifecycle"/> says in which states.</summary>
public enum ArticleOperation
{
    Edit = 1,
    Publish = 2,
    Retire = 3,
}

/// <summary>What a line of an article's history records.</summary>
public enum ArticleHistoryKind
{
    Created = 1,
    Edited = 2,
    Published = 3,
    Retired = 4,
}

/// <summary>What a new article is made of, as typed (the category and owner already resolved to ids).</summary>
public sealed record ArticleDraft(string? Title, string? Body, int? CategoryId, ArticleAudience Audience, DateOnly? ReviewOn);

/// <summary>Where a draft came from: a case's solution, a problem's workaround…</summary>
/// <param name="Kind">A short stable word: <c>caso</c>, <c>problema</c>.</param>
/// <param name="Reference">The readable number of the source (e.g. <c>MS-2026-000123</c>).</param>
/// <param name="CaseId">The case, when the source is a case.</param>
public sealed record ArticleSource(string Kind, string Reference, Guid? CaseId = null)
{
    public const string CaseKind = "caso";

    public const string ProblemKind = "problema";
}

/// <summary>
/// A knowledge-base article: a title and a Markdown body (<see cref="ArticleMarkdown"/> renders it safely), the service
/// category it belongs to, its audience, its state, the staff member who owns it and the day it is to be reviewed. Its
/// <see cref="Words"/> are the folded, singular words the search matches (<see cref="KnowledgeText"/>), kept on every
/// write so both engines search the same way. State changes consult
/// <see cref="ArticleLifecycle"/>, refuse with a <see cref="DomainException"/>, and write a history line. Never deleted.
/// </summary>
public sealed class Article
{
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 20_000;

    private readonly List<ArticleHistoryEntry> _history = [];
    private readonly List<ArticleWord> _words = [];

    private Article()
    {
        Title = "";
        Body = "";
    }

    public int Id { get; private set; }

    public string Title { get; private set; }

    /// <summary>Markdown (a safe subset: no raw HTML, only http, https, mailto and relative links).</summary>
    public string Body { get; private set; }

    public int CategoryId { get; private set; }

    public ArticleAudience Audience { get; private set; }

    public ArticleStatus Status { get; private set; }

    /// <summary>The staff member who answers for the article (told when its review day arrives).</summary>
    public Guid OwnerId { get; private set; }

    /// <summary>The local day the article is to be reviewed; null = no date.</summary>
    public DateOnly? ReviewOn { get; private set; }

    /// <summary>When the owner was told the review day arrived (once per date).</summary>
    public DateTimeOffset? ReviewNoticeAt { get; private set; }

    public string? SourceKind { get; private set; }

    public string? SourceReference { get; private set; }

    public Guid? SourceCaseId { get; private set; }

    /// <summary>The folded singular words of the title and body, each once (loaded only to edit the article).</summary>
    public IReadOnlyList<ArticleWord> Words => _words;

    public DateTimeOffset CreatedAt { get; private set; }

    public Guid CreatedById { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    /// <summary>Optimistic concurrency: two people editing the same version, one wins.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<ArticleHistoryEntry> History => _history;

    /// <summary>Whether an article's review day has come: published, with a review date on or before <paramref name="today"/> (its owner is told, and the page asks those who may edit it to review it).</summary>
    public static bool ReviewDue(ArticleStatus status, DateOnly? reviewOn, DateOnly today) =>
        status == ArticleStatus.Published && reviewOn is { } day && day <= today;

    /// <summary>A new draft (borrador), owned by <paramref name="ownerId"/>.</summary>
    public static Article Create(ArticleDraft draft, Guid ownerId, ArticleSource? source, DateOnly today, Guid actorId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var at = now.ToUniversalTime();
        var article = new Article
        {
            Status = ArticleStatus.Draft,
            OwnerId = ownerId,
            SourceKind = source?.Kind,
            SourceReference = source?.Reference,
            SourceCaseId = source?.CaseId,
            CreatedAt = at,
            CreatedById = actorId,
            Version = 1,
        };
        article.Apply(draft, today);
        article.UpdatedAt = at;
        article.Record(ArticleHistoryKind.Created, actorId, at, null, Label(ArticleStatus.Draft), source is null ? null : $"Origen: {source.Kind} {source.Reference}");
        return article;
    }

    /// <summary>Changes the text, category, audience, review day and owner. Returns false when nothing changes.</summary>
    public bool Edit(ArticleDraft draft, Guid ownerId, DateOnly today, Guid actorId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        Require(ArticleOperation.Edit);
        var before = (Title, Body, CategoryId, Audience, ReviewOn, OwnerId);
        Apply(draft, today);
        OwnerId = ownerId;
        var changes = new List<string>();
        if (before.Title != Title)
        {
            changes.Add("título");
        }

        if (before.Body != Body)
        {
            changes.Add("contenido");
        }

        if (before.CategoryId != CategoryId)
        {
            changes.Add("categoría");
        }

        if (before.Audience != Audience)
        {
            changes.Add("audiencia: " + Label(before.Audience) + " → " + Label(Audience));
        }

        if (before.ReviewOn != ReviewOn)
        {
            changes.Add("próxima revisión: " + Day(before.ReviewOn) + " → " + Day(ReviewOn));
            ReviewNoticeAt = null;
        }

        if (before.OwnerId != OwnerId)
        {
            changes.Add("responsable");
        }

        if (changes.Count == 0)
        {
            return false;
        }

        var at = now.ToUniversalTime();
        UpdatedAt = at;
        Version++;
        Record(ArticleHistoryKind.Edited, actorId, at, null, null, "Cambió " + string.Join(", ", changes));
        return true;
    }

    /// <summary>Publishes a draft (or a retired article again).</summary>
    public void Publish(Guid actorId, DateTimeOffset now) => Move(ArticleOperation.Publish, ArticleStatus.Published, ArticleHistoryKind.Published, actorId, now);

    /// <summary>Retires a published article: nobody but staff reads it any more, it is offered no more.</summary>
    public void Retire(Guid actorId, DateTimeOffset now) => Move(ArticleOperation.Retire, ArticleStatus.Retired, ArticleHistoryKind.Retired, actorId, now);

    /// <summary>The owner was told the review day arrived.</summary>
    public void MarkReviewNoticed(DateTimeOffset now) => ReviewNoticeAt ??= now.ToUniversalTime();

    public static string Label(ArticleStatus status) => DomainMessages.Get("Knowledge.Status." + status);

    public static string Label(ArticleAudience audience) => DomainMessages.Get("Knowledge.Audience." + audience);

    private void Move(ArticleOperation operation, ArticleStatus target, ArticleHistoryKind kind, Guid actorId, DateTimeOffset now)
    {
        Require(operation);
        var at = now.ToUniversalTime();
        var from = Status;
        Status = target;
        if (target == ArticleStatus.Published)
        {
            PublishedAt = at;
        }

        UpdatedAt = at;
        Version++;
        Record(kind, actorId, at, Label(from), Label(target), null);
    }

    private void Require(ArticleOperation operation)
    {
        if (!ArticleLifecycle.Allows(operation, Status))
        {
            throw new DomainException(KnowledgeRules.TransitionNotAllowed, Label(Status), DomainMessages.Get("Knowledge.Operation." + operation));
        }
    }

    private void Apply(ArticleDraft draft, DateOnly today)
    {
        var title = draft.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            throw new DomainException(KnowledgeRules.TitleRequired);
        }

        if (title.Length > TitleMaxLength)
        {
            throw new DomainException(KnowledgeRules.TitleTooLong, TitleMaxLength);
        }

        var body = draft.Body?.Trim();
        if (string.IsNullOrEmpty(body))
        {
            throw new DomainException(KnowledgeRules.BodyRequired);
        }

        if (body.Length > BodyMaxLength)
        {
            throw new DomainException(KnowledgeRules.BodyTooLong, BodyMaxLength);
        }

        if (draft.CategoryId is not { } category)
        {
            throw new DomainException(KnowledgeRules.CategoryRequired);
        }

        if (!Enum.IsDefined(draft.Audience))
        {
            throw new DomainException(KnowledgeRules.AudienceRequired);
        }

        if (draft.ReviewOn is { } review && review < today && review != ReviewOn)
        {
            throw new DomainException(KnowledgeRules.ReviewInPast, Day(today));
        }

        Title = title;
        Body = body;
        CategoryId = category;
        Audience = draft.Audience;
        ReviewOn = draft.ReviewOn;
        IndexWords();
    }

    /// <summary>Brings <see cref="Words"/> to the text's words, changing only the rows that differ.</summary>
    private void IndexWords()
    {
        var wanted = KnowledgeText.Words(Title, Body);
        _words.RemoveAll(w => !wanted.ContainsKey(w.Word));
        foreach (var word in _words)
        {
            word.InTitle = wanted[word.Word];
            wanted.Remove(word.Word);
        }

        _words.AddRange(wanted.Select(w => new ArticleWord(w.Key, w.Value)));
    }

    private void Record(ArticleHistoryKind kind, Guid actorId, DateTimeOffset at, string? from, string? to, string? detail) =>
        _history.Add(new ArticleHistoryEntry(Id, at, actorId, kind, from, to, detail));

    private static string Day(DateOnly? day) => day?.ToString("d", CultureInfo.GetCultureInfo("es-CO")) ?? "sin fecha";
}

/// <summary>One line of an article's append-only history (who, when, what, from → to).</summary>
public sealed class ArticleHistoryEntry
{
    private ArticleHistoryEntry()
    {
    }

    internal ArticleHistoryEntry(int articleId, DateTimeOffset at, Guid actorId, ArticleHistoryKind kind, string? from, string? to, string? detail)
    {
        ArticleId = articleId;
        At = at;
        ActorId = actorId;
        Kind = kind;
        FromValue = from;
        ToValue = to;
        Detail = detail;
    }

    public long Id { get; private set; }

    public int ArticleId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public Guid ActorId { get; private set; }

    public ArticleHistoryKind Kind { get; private set; }

    public string? FromValue { get; private set; }

    public string? ToValue { get; private set; }

    public string? Detail { get; private set; }
}

/// <summary>How an article helped.</summary>
public enum ArticleUseKind
{
    /// <summary>A requester marked it "Esto resolvió mi necesidad" on the new-case form and filed nothing: a case avoided.</summary>
    CaseAvoided = 1,

    /// <summary>An agent applied it while working a case.</summary>
    Applied = 2,
}

/// <summary>A recorded use of an article: which, by whom, when, how (and the case, when applied to one).</summary>
public sealed class ArticleUse
{
    private ArticleUse()
    {
    }

    public ArticleUse(int articleId, Guid personId, ArticleUseKind kind, Guid? caseId, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        ArticleId = articleId;
        PersonId = personId;
        Kind = kind;
        CaseId = caseId;
        At = at.ToUniversalTime();
    }

    public Guid Id { get; private set; }

    public int ArticleId { get; private set; }

    public Guid PersonId { get; private set; }

    public ArticleUseKind Kind { get; private set; }

    public Guid? CaseId { get; private set; }

    public DateTimeOffset At { get; private set; }
}
