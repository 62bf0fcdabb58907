namespace MesaServicio.Core.Privacy;

/// <summary>
/// One version of the entity's privacy notice (aviso de privacidad, Ley 1581 de 2012 and Decreto 1377 de 2013, art. 14):
/// the text a person reads and accepts before the desk treats their data. A new text is a new version; versions are
/// never changed nor deleted, so every acceptance points at the words the person read.
/// </summary>
public sealed class PrivacyNotice
{
    /// <summary>The longest notice the coordinator may publish.</summary>
    public const int TextMaxLength = 20_000;

    private PrivacyNotice()
    {
        Text = "";
    }

    public PrivacyNotice(int version, string text, DateTimeOffset publishedAt, Guid? publishedById)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(version);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        Version = version;
        Text = text;
        PublishedAt = publishedAt.ToUniversalTime();
        PublishedById = publishedById;
    }

    /// <summary>1, 2, 3…: the version in force is the highest.</summary>
    public int Version { get; private set; }

    public string Text { get; private set; }

    public DateTimeOffset PublishedAt { get; private set; }

    /// <summary>The coordinator who published it; null for the portal's first text.</summary>
    public Guid? PublishedById { get; private set; }
}

/// <summary>A person's acceptance of one version of the privacy notice (the proof of authorization, Decreto 1377, art. 8).</summary>
public sealed class PrivacyAcceptance
{
    private PrivacyAcceptance()
    {
    }

    public PrivacyAcceptance(Guid personId, int version, DateTimeOffset acceptedAt)
    {
        PersonId = personId;
        Version = version;
        AcceptedAt = acceptedAt.ToUniversalTime();
    }

    public Guid PersonId { get; private set; }

    public int Version { get; private set; }

    public DateTimeOffset AcceptedAt { get; private set; }
}

/// <summary>The notice in force, as a person reads it.</summary>
public sealed record PrivacyNoticeView(int Version, string Text, DateTimeOffset PublishedAt);

/// <summary>The notice in force and whether (and when) the signed-in person accepted that version.</summary>
public sealed record PrivacyStanding(PrivacyNoticeView Notice, DateTimeOffset? AcceptedAt)
{
    public bool Accepted => AcceptedAt is not null;
}
