namespace MesaServicio.Core.Attachments;

/// <summary>What the last re-check of a stored attachment found.</summary>
public enum AttachmentIntegrityState
{
    /// <summary>The file is there and its SHA-256 is the one recorded when it was stored.</summary>
    Intact = 1,

    /// <summary>No file under its storage name.</summary>
    Missing = 2,

    /// <summary>The file's content no longer has the recorded SHA-256.</summary>
    Altered = 3,
}

/// <summary>
/// The last periodic re-check of one attachment's stored bytes against the SHA-256 recorded at upload (procedure
/// activity 8: the expediente's integrity). One row per attachment, rewritten by every round; the attachment itself
/// is never changed.
/// </summary>
public sealed class AttachmentIntegrity
{
    private AttachmentIntegrity()
    {
    }

    public AttachmentIntegrity(Guid attachmentId)
    {
        AttachmentId = attachmentId;
    }

    public Guid AttachmentId { get; private set; }

    /// <summary>When it was last checked, UTC.</summary>
    public DateTimeOffset CheckedAt { get; private set; }

    public AttachmentIntegrityState State { get; private set; }

    /// <summary>The first check that found the present problem (kept while it lasts), UTC.</summary>
    public DateTimeOffset? ProblemSince { get; private set; }

    /// <summary>Records a check's outcome; returns whether the state changed (a new problem, or one that went away).</summary>
    public bool Record(AttachmentIntegrityState state, DateTimeOffset at)
    {
        var changed = state != State;
        CheckedAt = at.ToUniversalTime();
        if (state == AttachmentIntegrityState.Intact)
        {
            ProblemSince = null;
        }
        else if (changed || ProblemSince is null)
        {
            ProblemSince = CheckedAt;
        }

        State = state;
        return changed;
    }
}
